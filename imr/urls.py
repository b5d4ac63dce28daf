from django.urls import path

from .views import commissioning

app_name = "imr"

# Each part of the IMRs adds its pages under these.
IMRS = "cases/<str:reference>/imrs/"
IMR = IMRS + "<id:imr_id>/"

urlpatterns: list = [
    path(IMRS, commissioning.imr_list, name="list"),
    path(f"{IMRS}commission/", commissioning.commission, name="commission"),
    path(IMR, commissioning.imr_detail, name="detail"),
    path(f"{IMR}author/", commissioning.appoint_author, name="appoint_author"),
    path(f"{IMR}due-date/", commissioning.change_due_date, name="change_due_date"),
    path(f"{IMR}letters/<id:letter_id>/", commissioning.letter, name="letter"),
    path("cases/<str:reference>/subjects/", commissioning.subjects, name="subjects"),
]
