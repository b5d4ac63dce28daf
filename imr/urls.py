from django.urls import path

from .views import chronology, commissioning
from .views import sections

app_name = "imr"

# Each part of the IMRs adds its pages under these.
IMRS = "cases/<str:reference>/imrs/"
IMR = IMRS + "<id:imr_id>/"
CHRONOLOGY = "cases/<str:reference>/chronology/"

urlpatterns: list = [
    path(IMRS, commissioning.imr_list, name="list"),
    path(f"{IMRS}commission/", commissioning.commission, name="commission"),
    path(IMR, commissioning.imr_detail, name="detail"),
    path(f"{IMR}author/", commissioning.appoint_author, name="appoint_author"),
    path(f"{IMR}due-date/", commissioning.change_due_date, name="change_due_date"),
    path(f"{IMR}letters/<id:letter_id>/", commissioning.letter, name="letter"),
    path("cases/<str:reference>/subjects/", commissioning.subjects, name="subjects"),
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
_recommendation = IMR + "recommendations/<id:recommendation_id>/"
_comment = IMR + "review/comments/<id:comment_id>/"

    # The sections, sign-off and the panel's review (DOMAIN.md 2.4 items 5, 7, 8)
    path(IMR + "sections/", sections.sections, name="sections"),
    path(IMR + "recommendations/add/", sections.add_recommendation, name="add_recommendation"),
    path(_recommendation, sections.change_recommendation, name="change_recommendation"),
    path(_recommendation + "remove/", sections.remove_recommendation, name="remove_recommendation"),
    path(IMR + "send-for-sign-off/", sections.send_for_sign_off, name="send_for_sign_off"),
    path(IMR + "sign-off/", sections.sign_off, name="sign_off"),
    path(IMR + "review/", sections.review, name="review"),
    path(IMR + "review/comment/", sections.comment, name="comment"),
    path(_comment + "reply/", sections.reply, name="reply"),
    path(_comment + "resolve/", sections.resolve, name="resolve"),
    path(IMR + "review/decision/", sections.decide, name="decide"),
    path(IMR + "versions/compare/", sections.compare, name="compare"),
]
