"""The action plan and the checks before sign-off for the reports tests: versions of both
documents, actions of an agency, and everyone around a review at the drafting stage."""

from datetime import date, timedelta

from cases.clocks import today
from cases.models import Agency, Case, User
from cases.roles import CaseRole
from reports.models import Action, Document, Recommendation, ReportVersion
from reports.services import action_plan as plan
from reports.services import before_sign_off as checks
from tests.case_factories import agency_staff, case_member
from tests.factories import AgencyFactory


def date_fields(prefix: str, on: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(on.day),
        f"{prefix}_month": str(on.month),
        f"{prefix}_year": str(on.year),
    }


def version(case: Case, chair: User, document: str, text: str = "Text.") -> ReportVersion:
    """The next version of `document` (the drafting part writes these; here, directly)."""
    number = case.report_versions.filter(document=document).count() + 1
    return ReportVersion.objects.create(
        case=case, document=document, number=number, sections={"a": text}, made_by=chair
    )


def both_versions(case: Case, chair: User) -> None:
    version(case, chair, Document.OVERVIEW_REPORT)
    version(case, chair, Document.EXECUTIVE_SUMMARY)


def recommendation(case: Case, chair: User, text: str = "Train staff.") -> Recommendation:
    return plan.add_recommendation(case=case, by=chair, text=text)


def smart(agency: Agency, **overrides) -> dict:
    return {
        "lead_agency": agency,
        "owner": "Head of Safeguarding",
        "action": "Brief every officer.",
        "milestones": "",
        "target_on": today() + timedelta(weeks=12),
        "intended_outcome": "Repeat call-outs are referred.",
        "monitored_by": "Quarterly dip sample.",
        "scope": Action.Scope.LOCAL,
        **overrides,
    }


def an_action(case: Case, chair: User, agency: Agency, **overrides) -> Action:
    rec = case.recommendations.first() or recommendation(case, chair)
    return plan.add_action(recommendation=rec, by=chair, **smart(agency, **overrides))


def ready_to_submit(case: Case, officer: User, chair: User) -> Agency:
    """Everything the sign-off guard needs, recorded: returns the agency with the action."""
    agency = AgencyFactory(name="Riverside Police")
    both_versions(case, chair)
    an_action(case, chair, agency)
    plan.record_action_agreement(
        case=case,
        agency=agency,
        by=chair,
        agreed_by_name="Sam Senior",
        agreed_by_role="Superintendent",
        agreed_on=today(),
    )
    asked = checks.ask_contributor(case=case, by=officer, asked_on=today(), agency=agency)
    checks.record_confirmation(confirmation=asked, by=officer, confirmed_on=today())
    checks.record_panel_agreement(
        case=case, by=chair, agreed_on=today(), **dict.fromkeys(PANEL_CHECKS, True)
    )
    checks.record_family_viewing(
        case=case, by=chair, shown_on=today(), how="In person.", response="agrees"
    )
    return agency


PANEL_CHECKS = (
    "high_standard",
    "equality_and_diversity",
    "coercive_control_defined",
    "family_voice_and_tribute",
)


def everyone(case: Case, officer: User, chair: User) -> tuple[Agency, dict[str, User]]:
    """Each kind of person around the action plan: the review's roles, the police's senior
    manager and author, another agency's senior manager, the Home Office reviewer and an
    outsider. The police lead an action."""
    police = AgencyFactory(name="Riverside Police")
    other = AgencyFactory(name="Riverside Homes")
    people = {
        "CSP officer": officer,
        "CSP chair": case.partnership.roles.get(role="csp_chair").user,
        "independent chair": chair,
        "panel member": case_member(case, CaseRole.PANEL_MEMBER, by=chair),
        "senior manager": case_member(case, CaseRole.SENIOR_MANAGER, by=chair, agency=police),
        "IMR author": case_member(case, CaseRole.IMR_AUTHOR, by=chair, agency=police),
        "other agency's senior manager": case_member(
            case, CaseRole.SENIOR_MANAGER, by=chair, agency=other
        ),
        "Home Office reviewer": case_member(case, CaseRole.HOME_OFFICE_REVIEWER, by=officer),
        "outsider": agency_staff(full_name="Oscar Outsider"),
    }
    return police, people
