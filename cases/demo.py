"""Demo data: two partnerships, their agencies, and one person per role (DESIGN §1).

Runs only in demo mode and is idempotent: running it again updates what is there.
"""

from dataclasses import dataclass

from django.db import transaction

from .models import Agency, Partnership, User

DEMO_PASSWORD = "demo-password"  # noqa: S105 - demo mode only; the command refuses otherwise

PARTNERSHIPS = [
    ("Riverside Community Safety Partnership", "RIV", "Riverside Borough Council"),
    ("Northvale Community Safety Partnership", "NOR", "Northvale District Council"),
]

AGENCIES = [
    ("Riverside Police", Agency.Kind.POLICE, Agency.Sector.STATUTORY),
    ("Riverside Adult Social Care", Agency.Kind.LOCAL_AUTHORITY, Agency.Sector.STATUTORY),
    ("Riverside NHS Foundation Trust", Agency.Kind.HEALTH, Agency.Sector.STATUTORY),
    ("Probation Service (Riverside)", Agency.Kind.PROBATION, Agency.Sector.STATUTORY),
    (
        "Safe Haven Domestic Abuse Service",
        Agency.Kind.SPECIALIST_DOMESTIC_ABUSE,
        Agency.Sector.VOLUNTARY,
    ),
    ("Riverside Homes", Agency.Kind.HOUSING, Agency.Sector.VOLUNTARY),
    ("Northvale Schools Trust", Agency.Kind.EDUCATION, Agency.Sector.STATUTORY),
]


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    job_title: str
    role: str
    partnership_code: str = ""
    agency_name: str = ""
    other_organisation: str = ""
    is_staff: bool = False


PEOPLE = [
    DemoPerson(
        "officer@riverside.example",
        "Olivia Officer",
        "DHR coordinator",
        "CSP officer",
        partnership_code="RIV",
    ),
    DemoPerson(
        "chair@riverside.example",
        "Charles Chair",
        "Chair of the partnership",
        "CSP chair",
        partnership_code="RIV",
    ),
    DemoPerson(
        "officer@northvale.example",
        "Nadia Officer",
        "DHR coordinator",
        "CSP officer (other partnership)",
        partnership_code="NOR",
    ),
    DemoPerson(
        "chair@northvale.example",
        "Noel Chair",
        "Chair of the partnership",
        "CSP chair (other partnership)",
        partnership_code="NOR",
    ),
    DemoPerson(
        "independent.chair@example.org",
        "Imogen Independent",
        "Independent chair and author",
        "Independent chair",
        other_organisation="Independent",
    ),
    DemoPerson(
        "panel.member@safehaven.example",
        "Priya Panel",
        "Service manager",
        "Panel member",
        agency_name="Safe Haven Domestic Abuse Service",
    ),
    DemoPerson(
        "senior.manager@police.example",
        "Samuel Senior",
        "Detective superintendent",
        "Agency senior manager",
        agency_name="Riverside Police",
    ),
    DemoPerson(
        "imr.author@police.example",
        "Aisha Author",
        "Detective inspector",
        "IMR author",
        agency_name="Riverside Police",
    ),
    DemoPerson(
        "qa.reviewer@homeoffice.example",
        "Harriet Reviewer",
        "Quality assurance panel",
        "Home Office QA reviewer",
        other_organisation="Home Office",
    ),
    DemoPerson(
        "admin@dhr.example",
        "Adam Administrator",
        "Service operator",
        "Administrator",
        other_organisation="DHR Manager",
        is_staff=True,
    ),
    DemoPerson(
        "outsider@example.org",
        "Oscar Outsider",
        "Health visitor",
        "Belongs to no case",
        agency_name="Riverside NHS Foundation Trust",
    ),
]


@transaction.atomic
def seed_demo() -> list[DemoPerson]:
    partnerships = {
        code: Partnership.objects.update_or_create(
            code=code, defaults={"name": name, "local_authority_area": area}
        )[0]
        for name, code, area in PARTNERSHIPS
    }
    agencies = {
        name: Agency.objects.update_or_create(name=name, defaults={"kind": kind, "sector": sector})[
            0
        ]
        for name, kind, sector in AGENCIES
    }
    for person in PEOPLE:
        user, _ = User.objects.update_or_create(
            email=person.email,
            defaults={
                "full_name": person.full_name,
                "job_title": person.job_title,
                "partnership": partnerships.get(person.partnership_code),
                "agency": agencies.get(person.agency_name),
                "other_organisation": person.other_organisation,
                "is_staff": person.is_staff,
                "is_superuser": person.is_staff,
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return PEOPLE
