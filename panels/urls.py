from django.urls import path

from .views import family

app_name = "panels"

urlpatterns: list = [
    # The family and friends record (DOMAIN.md 2.2)
    path("cases/<str:reference>/family/", family.family, name="family"),
    path("cases/<str:reference>/family/advocate/", family.name_advocate, name="family_advocate"),
    path("cases/<str:reference>/family/people/add/", family.add_member, name="family_add_member"),
    path(
        "cases/<str:reference>/family/decisions/add/",
        family.record_involvement_decision,
        name="family_decision",
    ),
    path(
        "cases/<str:reference>/family/first-contact/",
        family.record_first_contact,
        name="family_first_contact",
    ),
    path("cases/<str:reference>/family/contacts/add/", family.log_contact, name="family_contact"),
    path(
        "cases/<str:reference>/family/contributions/add/",
        family.record_contribution,
        name="family_contribution",
    ),
    path(
        "cases/<str:reference>/family/pseudonym/", family.record_pseudonym, name="family_pseudonym"
    ),
    path("cases/<str:reference>/family/tribute/", family.record_tribute, name="family_tribute"),
]
