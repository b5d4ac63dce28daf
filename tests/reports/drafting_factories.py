"""The people around a review at drafting, and its drafts written and versioned through
reports.services.drafting, for the drafting tests."""

from cases.models import Case, User
from cases.roles import CaseRole
from reports.models import Document, ReportVersion
from reports.services import drafting
from tests.case_factories import agency_staff, case_member

OVERVIEW = Document.OVERVIEW_REPORT
SUMMARY = Document.EXECUTIVE_SUMMARY


def everyone(case: Case, officer: User, chair: User) -> dict[str, User]:
    """Each role of the review, an agency's senior manager and author, the Home Office
    reviewer and a stranger."""
    senior_manager = case_member(case, CaseRole.SENIOR_MANAGER, by=chair, full_name="Sam Senior")
    return {
        "CSP officer": officer,
        "CSP chair": case.partnership.roles.get(role="csp_chair").user,
        "independent chair": chair,
        "panel member": case_member(case, CaseRole.PANEL_MEMBER, by=chair, full_name="Pat Panel"),
        "senior manager": senior_manager,
        "IMR author": case_member(
            case, CaseRole.IMR_AUTHOR, by=chair, agency=senior_manager.agency, full_name="Ana A"
        ),
        "Home Office reviewer": case_member(case, CaseRole.HOME_OFFICE_REVIEWER, by=officer),
        "stranger": agency_staff(full_name="Oscar Outsider"),
    }


def versioned(case: Case, chair: User, text: str, document: str = OVERVIEW) -> ReportVersion:
    """The document's introduction set to `text` and fixed as its next version."""
    first_section = drafting.sections_of(document)[0].key
    return drafting.save_and_make_version(
        case=case, by=chair, document=document, texts={first_section: text}
    )
