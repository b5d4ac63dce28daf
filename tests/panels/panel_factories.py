"""A review at panel set-up (its chair, panel, terms of reference and parallel proceedings),
built through panels.services the way the pages build them."""

from cases.models import Agency, Case, User
from cases.roles import CaseRole
from panels.models import CHECKLIST, ChairAppointment, PanelMember, Proceeding
from panels.services import chair as chair_services
from panels.services import panel as panel_services
from panels.services import proceedings, terms
from tests.case_factories import (
    case_member,
    case_with_letters_sent,
    chair_of,
    days_ago,
    officer_of,
    partnership_with_staff,
)
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


def review_with_chair() -> tuple[Case, User, User]:
    """A review at panel set-up with its letters sent: (case, CSP officer, independent chair)."""
    partnership, officer, _ = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    chair = case_member(case, CaseRole.INDEPENDENT_CHAIR, by=officer)
    return case, officer, chair


def full_checklist() -> dict:
    checklist = {item.key: {"answer": f"Section on {item.key}."} for item in CHECKLIST}
    checklist["honour_based_abuse"] = {"not_applicable": "No sign of honour-based abuse."}
    return checklist


def terms_details(**overrides) -> dict:
    details = {
        "scope": "What agencies knew of coercive control.",
        "checklist": full_checklist(),
        "proceedings_addressed": {},
        "family_liaison_lead": "Fran Liaison",
        "media_lead": "Council press office",
    }
    return details | overrides


def draft(case: Case, by: User | None = None, **overrides):
    return terms.draft_terms_of_reference(
        case=case, by=by or officer_of(case), **terms_details(**overrides)
    )


def trial(case: Case, by: User | None = None, **overrides) -> Proceeding:
    details = {
        "kind": Proceeding.Kind.PROSECUTION,
        "description": "R v Smith",
        "lead_contact_role": Proceeding.ContactRole.SIO,
        "lead_contact_name": "DCI Jane Shah",
        "status": Proceeding.Status.ONGOING,
        "charged_on": days_ago(20),
        "effect_on_review": Proceeding.Effect.PENDED,
    }
    return proceedings.record_proceeding(
        case=case, by=by or officer_of(case), **(details | overrides)
    )


def agreed_terms(case: Case, chair: User):
    draft(case)
    return terms.agree_terms_of_reference(case=case, by=chair, agreed_on=days_ago(0))
