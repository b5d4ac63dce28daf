"""A review at the IMRs stage with an IMR being written, its people in every role the
permission tests need, built through the services the way the pages build them."""

from dataclasses import dataclass
from unittest import mock

from cases import services, workflow
from cases.models import Case, User
from cases.roles import CaseRole
from imr.models import Imr
from imr.services.commissioning import appoint_author, commission_imr
from tests.case_factories import case_member, chair_of, days_ago, outsider
from tests.factories import AgencyFactory, UserFactory
from tests.panels.panel_factories import agreed_terms, review_with_chair


def review_at_imrs() -> tuple[Case, User, User]:
    """(case, CSP officer, independent chair), the case moved on to the IMRs stage. The
    panels' start_imrs guards are the panels' tests' to prove; these tests start after."""
    case, officer, chair = review_with_chair()
    agreed_terms(case, chair)  # the commissioning letters carry them
    with mock.patch.dict(workflow.ADDED_GUARDS, {"start_imrs": []}):
        case = services.perform_transition(case=case, name="start_imrs", by=chair)
    return case, officer, chair


def imr_being_written(case: Case, chair: User, *, agency_name: str = "") -> tuple[Imr, User, User]:
    """(IMR, its senior manager, its author): commissioned and given an author."""
    agency = AgencyFactory(**({"name": agency_name} if agency_name else {}))
    senior_manager = UserFactory(agency=agency, full_name=f"Senior manager of {agency}")
    imr = commission_imr(
        case=case, by=chair, agency=agency, due_on=days_ago(-42), senior_manager=senior_manager
    )
    author = UserFactory(agency=agency, full_name=f"Author of {agency}")
    imr = appoint_author(
        imr=imr, by=senior_manager, author=author, not_involved=True, not_line_manager=True
    )
    return Imr.objects.select_related("case", "agency").get(pk=imr.pk), senior_manager, author


@dataclass
class People:
    case: Case
    imr: Imr
    other_imr: Imr
    by_role: dict[str, User]


def people_of_a_review() -> People:
    """A case at the IMRs stage with two IMRs being written, and someone in every role."""
    case, officer, chair = review_at_imrs()
    imr, manager, author = imr_being_written(case, chair)
    other_imr, other_manager, other_author = imr_being_written(case, chair)
    return People(
        case=case,
        imr=imr,
        other_imr=other_imr,
        by_role={
            "csp_officer": officer,
            "csp_chair": chair_of(case.partnership),
            "independent_chair": chair,
            "panel_member": case_member(case, CaseRole.PANEL_MEMBER),
            "senior_manager": manager,
            "imr_author": author,
            "other_senior_manager": other_manager,
            "other_imr_author": other_author,
            "home_office_reviewer": case_member(case, CaseRole.HOME_OFFICE_REVIEWER),
            "outsider": outsider(),
        },
    )


ROLES = [
    "csp_officer",
    "csp_chair",
    "independent_chair",
    "panel_member",
    "senior_manager",
    "imr_author",
    "other_senior_manager",
    "other_imr_author",
    "home_office_reviewer",
    "outsider",
]
