from django.urls import path

from .views import pdfs

app_name = "reports"

# The report's pages, under the case.
REPORT = "cases/<str:reference>/report/"

urlpatterns: list = [
    # The documents as they print, and their PDFs (issue 11, "PDFs with WeasyPrint")
    path(f"{REPORT}documents/<str:document>/", pdfs.document, name="document"),
    path(f"{REPORT}pdfs/", pdfs.pdfs, name="pdfs"),
    path(f"{REPORT}pdfs/request/", pdfs.request_pdf, name="request_pdf"),
    path(f"{REPORT}pdfs/<id:rendering_id>/", pdfs.rendering, name="pdf"),
    path(f"{REPORT}pdfs/<id:rendering_id>/download/", pdfs.download, name="pdf_download"),
]
