from django.urls import path

from .views import chronology, commissioning, documents, interviews, sections, short_reports

app_name = "imr"

# Each part of the IMRs adds its pages under these.
IMRS = "cases/<str:reference>/imrs/"
IMR = IMRS + "<id:imr_id>/"
CHRONOLOGY = "cases/<str:reference>/chronology/"
_RECOMMENDATION = IMR + "recommendations/<id:recommendation_id>/"
_COMMENT = IMR + "review/comments/<id:comment_id>/"
_SHORT_REPORTS = "cases/<str:reference>/short-reports/"
_SHORT_REPORT = _SHORT_REPORTS + "<id:report_id>/"

urlpatterns: list = [
    # Commissioning, the IMR's page and the subjects of the review (DOMAIN.md 2.4 items 1-3)
    path(IMRS, commissioning.imr_list, name="list"),
    path(f"{IMRS}commission/", commissioning.commission, name="commission"),
    path(IMR, commissioning.imr_detail, name="detail"),
    path(f"{IMR}author/", commissioning.appoint_author, name="appoint_author"),
    path(f"{IMR}due-date/", commissioning.change_due_date, name="change_due_date"),
    path(f"{IMR}letters/<id:letter_id>/", commissioning.letter, name="letter"),
    path("cases/<str:reference>/subjects/", commissioning.subjects, name="subjects"),
    # The chronologies (DOMAIN.md 2.4 item 4)
    path(IMR + "chronology/", chronology.imr_chronology, name="chronology"),
    path(IMR + "chronology/add/", chronology.add_entry, name="chronology_add"),
    path(
        IMR + "chronology/<id:entry_id>/change/",
        chronology.change_entry,
        name="chronology_change",
    ),
    path(
        IMR + "chronology/<id:entry_id>/delete/",
        chronology.delete_entry,
        name="chronology_delete",
    ),
    path(CHRONOLOGY, chronology.combined_chronology, name="combined_chronology"),
    path(CHRONOLOGY + "csv/", chronology.combined_chronology_csv, name="combined_chronology_csv"),
    path(CHRONOLOGY + "pdf/", chronology.combined_chronology_pdf, name="combined_chronology_pdf"),
    path(CHRONOLOGY + "compile/", chronology.compile_chronology, name="compile_chronology"),
    path(CHRONOLOGY + "sent/", chronology.record_sent, name="chronology_sent"),
    # The sections, sign-off and the panel's review (DOMAIN.md 2.4 items 5, 7, 8)
    path(IMR + "sections/", sections.sections, name="sections"),
    path(IMR + "recommendations/add/", sections.add_recommendation, name="add_recommendation"),
    path(_RECOMMENDATION, sections.change_recommendation, name="change_recommendation"),
    path(_RECOMMENDATION + "remove/", sections.remove_recommendation, name="remove_recommendation"),
    path(IMR + "send-for-sign-off/", sections.send_for_sign_off, name="send_for_sign_off"),
    path(IMR + "sign-off/", sections.sign_off, name="sign_off"),
    path(IMR + "review/", sections.review, name="review"),
    path(IMR + "review/comment/", sections.comment, name="comment"),
    path(_COMMENT + "reply/", sections.reply, name="reply"),
    path(_COMMENT + "resolve/", sections.resolve, name="resolve"),
    path(IMR + "review/decision/", sections.decide, name="decide"),
    path(IMR + "versions/compare/", sections.compare, name="compare"),
    # Staff interviews and documents (DOMAIN.md 2.4 item 6; issue 10, "Uploads")
    path(f"{IMR}interviews/", interviews.interviews, name="interviews"),
    path(f"{IMR}interviews/add/", interviews.add_interview, name="add_interview"),
    path(f"{IMR}documents/", documents.documents, name="documents"),
    path(f"{IMR}documents/add/", documents.add_document, name="add_document"),
    path(
        f"{IMR}documents/<id:document_id>/",
        documents.download_document,
        name="download_document",
    ),
    # Short reports (DOMAIN.md 2.4 item 9)
    path(_SHORT_REPORTS, short_reports.short_reports, name="short_reports"),
    path(f"{_SHORT_REPORTS}ask/", short_reports.request_short_report, name="request_short_report"),
    path(_SHORT_REPORT, short_reports.short_report, name="short_report"),
    path(f"{_SHORT_REPORT}received/", short_reports.record_received, name="short_report_received"),
    path(f"{_SHORT_REPORT}accept/", short_reports.accept, name="accept_short_report"),
    path(f"{_SHORT_REPORT}copy/", short_reports.download_copy, name="short_report_copy"),
]
