from django.urls import path

from .views import anonymisation, leak_gate

app_name = "reports"

# The report's pages, under the case.
REPORT = "cases/<str:reference>/report/"

urlpatterns: list = [
    path(f"{REPORT}anonymisation/", anonymisation.anonymisation, name="anonymisation"),
    path(
        f"{REPORT}versions/<int:version_id>/anonymised/",
        anonymisation.anonymised_version,
        name="anonymised_version",
    ),
    path(f"{REPORT}leak-gate/", leak_gate.leak_gate, name="leak_gate"),
    path(f"{REPORT}leak-gate/<int:pdf_id>/check/", leak_gate.run_check, name="run_leak_check"),
]
