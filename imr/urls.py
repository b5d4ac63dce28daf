from django.urls import path

from .views import chronology, commissioning

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
]
