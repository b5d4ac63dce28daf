from django.urls import path

from .views import chair, panel

app_name = "panels"

PANEL = "cases/<str:reference>/panel/"

urlpatterns: list = [
    path(PANEL, panel.panel, name="panel"),
    path(f"{PANEL}chair/", chair.appoint_chair, name="appoint_chair"),
    path(f"{PANEL}members/add/", panel.add_member, name="add_member"),
    path(f"{PANEL}members/<id:member_id>/left/", panel.member_left, name="member_left"),
    path(f"{PANEL}declined/add/", panel.agency_declined, name="agency_declined"),
    path(
        f"{PANEL}declined/<id:declined_id>/home-office-told/",
        panel.declined_home_office_told,
        name="declined_home_office_told",
    ),
    path(f"{PANEL}start-imrs/", panel.start_imrs, name="start_imrs"),
]
