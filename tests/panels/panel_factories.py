"""Terms of reference and parallel proceedings, made through their services for tests."""

from cases.models import Case, User
from cases.roles import CaseRole
from panels.models import CHECKLIST, Proceeding
from panels.services import proceedings, terms
from tests.case_factories import (
    case_member,
    case_with_letters_sent,
    days_ago,
    officer_of,
    partnership_with_staff,
)


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
