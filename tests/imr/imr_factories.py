"""A review at the IMRs stage, and IMRs commissioned on it through imr.services."""

from datetime import date
from unittest import mock

from cases import clocks, selectors, workflow
from cases.models import Agency, Case, User
from cases.roles import CaseRole
from cases.services import perform_transition
from imr.models import Imr
from imr.services.commissioning import appoint_author, commission_imr
from tests.case_factories import (
    agency_staff,
    case_member,
    case_with_letters_sent,
    days_ago,
    partnership_with_staff,
)
from tests.factories import AgencyFactory
from tests.panels.panel_factories import add_member, agreed_terms, appoint


def review_at_imrs(*, terms_agreed: bool = True) -> tuple[Case, User, User]:
    """A review whose chair has started the IMRs: (case, CSP officer, independent chair).
    The set-up's other guards (scoping, the family, proceedings) are the panels tests'
    concern: start_imrs is held to none here."""
    partnership, officer, _ = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    chair = appoint(case).chair
    add_member(case, chair)
    if terms_agreed:
        agreed_terms(case, chair)
    with mock.patch.dict(workflow.ADDED_GUARDS, {"start_imrs": []}):
        case = perform_transition(case=Case.objects.get(pk=case.pk), name="start_imrs", by=chair)
    return case, officer, chair


def on_its_page(case: Case) -> Case:
    """The case as its page reads it (case_file_cases), with what the task rows read."""
    return selectors.case_file(case, on=clocks.today()).case


def in_weeks(weeks: int) -> date:
    return days_ago(-7 * weeks)


def commissioned(
    case: Case, chair: User, *, agency: Agency | None = None, due_on: date | None = None
) -> Imr:
    """An IMR commissioned from `agency` (a new one unless given), through a new senior
    manager of it."""
    agency = agency or AgencyFactory()
    return commission_imr(
        case=case,
        by=chair,
        agency=agency,
        due_on=due_on or in_weeks(6),
        senior_manager=agency_staff(agency=agency, full_name=f"Senior manager of {agency}"),
    )


def with_author(imr: Imr, **user_fields) -> Imr:
    user_fields.setdefault("full_name", f"Author for {imr.agency}")
    return appoint_author(
        imr=imr,
        by=imr.senior_manager,
        author=agency_staff(agency=imr.agency, **user_fields),
        not_involved=True,
        not_line_manager=True,
    )


def everyone(case: Case, officer: User, chair: User) -> tuple[Imr, dict[str, User]]:
    """Every kind of person around an IMR still waiting for its author (the police's),
    beside another agency's IMR on the same case with its author: each role of the review,
    the police's staff, the other agency's staff, and an outsider."""
    police = commissioned(case, chair, agency=AgencyFactory(name="Riverside Police"))
    other = with_author(commissioned(case, chair, agency=AgencyFactory(name="Riverside Homes")))
    people = {
        "CSP officer": officer,
        "CSP chair": case.partnership.roles.get(role="csp_chair").user,
        "independent chair": chair,
        "panel member": case_member(case, CaseRole.PANEL_MEMBER, by=chair),
        "senior manager": police.senior_manager,
        # The police's author-to-be, given the role before the appointment (the chair
        # grants agency roles): the author's view of an IMR still without its author.
        "IMR author": case_member(
            case, CaseRole.IMR_AUTHOR, by=chair, agency=police.agency, full_name="Ana Author"
        ),
        "other agency's senior manager": other.senior_manager,
        "other agency's author": other.author,
        "Home Office reviewer": case_member(case, CaseRole.HOME_OFFICE_REVIEWER, by=officer),
        "outsider": agency_staff(full_name="Oscar Outsider"),
    }
    return police, people
