from django.urls import path

from .views import documents, interviews, short_reports

app_name = "imr"

# Each part of the IMRs adds its pages under these.
IMRS = "cases/<str:reference>/imrs/"
IMR = IMRS + "<id:imr_id>/"

_SHORT_REPORTS = "cases/<str:reference>/short-reports/"
_SHORT_REPORT = _SHORT_REPORTS + "<id:report_id>/"

urlpatterns: list = [
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
