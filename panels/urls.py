from django.urls import path  # noqa: F401 - the parts of the set-up add their pages below

app_name = "panels"

urlpatterns: list = []
