"""A review at panel set-up with its chair and panel, built through panels.services the way
the pages build them."""

from cases.models import Agency, Case, User
from panels.models import ChairAppointment, PanelMember
from panels.services import chair as chair_services
from panels.services import panel as panel_services
from tests.case_factories import chair_of, days_ago
from tests.factories import AgencyFactory, UserFactory


def independent_person(**fields) -> User:
    """Someone who works for no partnership or agency: may be an independent chair."""
    fields.setdefault("other_organisation", "Independent")
    return UserFactory(**fields)


def appoint(case: Case, chair: User | None = None, **overrides) -> ChairAppointment:
    """The CSP chair appoints `chair` (a new independent person unless given)."""
    details = {
        "appointed_on": days_ago(0),
        "declared_independent": True,
        "home_office_training_completed_on": days_ago(300),
        "knowledge": {"knows_domestic_abuse": True, "knows_equality_act": True},
    }
    details.update(overrides)
    return chair_services.appoint_independent_chair(
        case=Case.objects.get(pk=case.pk),
        by=details.pop("by", None) or chair_of(case.partnership),
        chair=chair or independent_person(full_name="Imogen Independent"),
        **details,
    )


def add_member(case: Case, by: User, **overrides) -> PanelMember:
    """A current member, joined yesterday, with both declarations given."""
    agency = overrides.pop("agency", None) or AgencyFactory()
    details = {
        "name": "Marcus Hale",
        "sector": agency.sector,
        "role": "Detective chief inspector",
        "seniority": PanelMember.Seniority.SENIOR,
        "joined_on": max(case.decided_on, days_ago(1)),
        "declared_no_involvement": True,
        "confidentiality_undertaking": True,
    }
    details.update(overrides)
    return panel_services.add_panel_member(
        case=Case.objects.get(pk=case.pk), by=by, agency=agency, **details
    )


def balanced_panel(case: Case, by: User) -> list[PanelMember]:
    """A panel that meets every warning of DOMAIN.md 2.1 item 3: a statutory agency, a
    voluntary specialist domestic abuse service, and members who are not IMR authors."""
    police = AgencyFactory(kind=Agency.Kind.POLICE, sector=Agency.Sector.STATUTORY)
    refuge = AgencyFactory(
        kind=Agency.Kind.SPECIALIST_DOMESTIC_ABUSE, sector=Agency.Sector.VOLUNTARY
    )
    return [
        add_member(case, by, agency=police),
        add_member(case, by, agency=refuge, name="Priya Panel", role="Service manager"),
    ]
