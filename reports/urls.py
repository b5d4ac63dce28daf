from django.urls import path  # noqa: F401 (each part adds its pages below)

app_name = "reports"

# The report's pages, under the case.
REPORT = "cases/<str:reference>/report/"

urlpatterns: list = []
