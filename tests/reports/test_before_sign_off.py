"""Before sign-off through reports.services.before_sign_off: the contributors asked and
their confirmations, the panel's agreement (which completes the overview report), the
family's viewing, and the submit_for_sign_off guard: each refusal, then the pass."""

from datetime import timedelta

import pytest

from cases import reminders
from cases.clocks import today
from cases.models import Case, Reminder
from cases.roles import CaseRole
from cases.services import CaseActionRefused, perform_transition
from cases.workflow import Stage
from reports.models import (
    Action,
    ContributorConfirmation,
    Document,
    FamilyViewing,
    PanelAgreement,
)
from reports.services import action_plan as plan
from reports.services import before_sign_off as checks
from tests.case_factories import case_member
from tests.factories import AgencyFactory
from tests.reports.action_plan_factories import (
    PANEL_CHECKS,
    an_action,
    both_versions,
    ready_to_submit,
    smart,
    version,
)
from tests.reports.report_factories import review_at_drafting

pytestmark = pytest.mark.django_db

ALL_CHECKS = dict.fromkeys(PANEL_CHECKS, True)


def test_a_contributor_is_asked_once_and_confirms_after_being_asked():
    case, officer, _ = review_at_drafting()
    agency = AgencyFactory()
    asked = checks.ask_contributor(
        case=case, by=officer, asked_on=today() - timedelta(days=2), agency=agency
    )
    with pytest.raises(CaseActionRefused, match="asked already"):
        checks.ask_contributor(case=case, by=officer, asked_on=today(), agency=agency)
    with pytest.raises(CaseActionRefused, match="before they were asked"):
        checks.record_confirmation(
            confirmation=asked, by=officer, confirmed_on=today() - timedelta(days=3)
        )
    checks.record_confirmation(confirmation=asked, by=officer, confirmed_on=today(), comments="Ok")
    asked.refresh_from_db()
    assert (asked.confirmed_on, asked.comments) == (today(), "Ok")


def test_a_contributor_is_an_agency_or_a_named_individual_not_both():
    case, officer, _ = review_at_drafting()
    with pytest.raises(CaseActionRefused, match="not both"):
        checks.ask_contributor(
            case=case, by=officer, asked_on=today(), agency=AgencyFactory(), individual="Dr Who"
        )
    asked = checks.ask_contributor(case=case, by=officer, asked_on=today(), individual="Dr Who")
    assert asked.contributor == "Dr Who"


def test_panel_members_do_not_record_confirmations():
    case, _, chair = review_at_drafting()
    member = case_member(case, CaseRole.PANEL_MEMBER, by=chair)
    with pytest.raises(CaseActionRefused, match="independent chair or the CSP officer"):
        checks.ask_contributor(case=case, by=member, asked_on=today(), individual="Dr Who")


def test_the_panels_agreement_completes_the_overview_report():
    case, officer, chair = review_at_drafting()
    both_versions(case, chair)
    an_action(case, chair, AgencyFactory())
    agreed_on = today() - timedelta(days=1)
    agreement = checks.record_panel_agreement(
        case=case, by=officer, agreed_on=agreed_on, **ALL_CHECKS
    )
    case.refresh_from_db()
    assert case.overview_report_completed_on == agreed_on
    assert checks.current_panel_agreement(case) == agreement


def test_the_panel_agrees_only_a_report_passing_every_quality_check():
    case, officer, chair = review_at_drafting()
    both_versions(case, chair)
    an_action(case, chair, AgencyFactory())
    with pytest.raises(CaseActionRefused, match="passes every quality check"):
        checks.record_panel_agreement(
            case=case,
            by=officer,
            agreed_on=today(),
            **ALL_CHECKS | {"coercive_control_defined": False},
        )
    case.refresh_from_db()
    assert case.overview_report_completed_on is None


def test_the_panel_agrees_versions_that_exist():
    case, officer, chair = review_at_drafting()
    version(case, chair, Document.OVERVIEW_REPORT)
    with pytest.raises(CaseActionRefused, match="Fix a version"):
        checks.record_panel_agreement(case=case, by=officer, agreed_on=today(), **ALL_CHECKS)


def test_a_new_version_or_a_changed_action_makes_the_agreement_stale():
    case, officer, chair = review_at_drafting()
    agency = AgencyFactory()
    both_versions(case, chair)
    action = an_action(case, chair, agency)
    checks.record_panel_agreement(case=case, by=officer, agreed_on=today(), **ALL_CHECKS)

    plan.change_action(planned=action, by=chair, **smart(agency, owner="Director"))
    assert checks.current_panel_agreement(case) is None

    checks.record_panel_agreement(case=case, by=officer, agreed_on=today(), **ALL_CHECKS)
    assert checks.current_panel_agreement(case) is not None
    version(case, chair, Document.EXECUTIVE_SUMMARY)
    assert checks.current_panel_agreement(case) is None


def test_a_disagreement_is_recorded_in_the_familys_words():
    case, officer, chair = review_at_drafting()
    both_versions(case, chair)
    with pytest.raises(CaseActionRefused, match="what the family disagree with") as refused:
        checks.record_family_viewing(
            case=case, by=officer, shown_on=today(), how="In person.", response="disagrees"
        )
    assert refused.value.field == "disagreement"
    viewing = checks.record_family_viewing(
        case=case,
        by=officer,
        shown_on=today(),
        how="In person.",
        response="disagrees",
        disagreement="She was not a burden.",
    )
    assert viewing.overview_report_version.number == 1


# The guard ------------------------------------------------------------------------------


def _submit(case, chair):
    return perform_transition(
        case=Case.objects.get(pk=case.pk), name="submit_for_sign_off", by=chair
    )


def test_the_guard_passes_when_everything_is_recorded():
    case, officer, chair = review_at_drafting()
    ready_to_submit(case, officer, chair)
    assert checks.ready_for_sign_off(case) is None
    assert _submit(case, chair).stage == Stage.CSP_SIGN_OFF


@pytest.mark.parametrize(
    "undo, refusal",
    [
        ("versions", "Fix a version of the executive summary first."),
        ("actions", "Write the action plan"),
        ("panel", "Record the panel's agreement"),
        ("stale panel", "changed since the panel agreed them"),
        ("contributors", "Ask the contributors"),
        ("unconfirmed", "Not yet confirmed: Dr Who"),
        ("agency", "Not agreed: Riverside Homes (not yet agreed)"),
        ("family", "Record the family's viewing"),
        ("family saw an earlier version", "Show the family the version the panel agreed"),
    ],
)
def test_each_refusal_of_the_guard(undo, refusal):
    case, officer, chair = review_at_drafting()
    agency = ready_to_submit(case, officer, chair)
    _undo(undo, case, officer, chair, agency)
    assert refusal in (checks.ready_for_sign_off(case) or "")
    with pytest.raises(CaseActionRefused, match=refusal[:20]):
        _submit(case, chair)


def _undo(what, case, officer, chair, agency):
    if what == "versions":
        case.report_versions.filter(document=Document.EXECUTIVE_SUMMARY).update(
            document=Document.OVERVIEW_REPORT, number=99
        )
    elif what == "actions":
        PanelAgreement.objects.filter(case=case).delete()
        Action.objects.filter(recommendation__case=case).delete()
    elif what == "panel":
        PanelAgreement.objects.filter(case=case).delete()
    elif what == "stale panel":
        action = Action.objects.get(recommendation__case=case)
        plan.change_action(planned=action, by=chair, **smart(agency, owner="Director"))
        plan.record_action_agreement(
            case=case,
            agency=agency,
            by=officer,
            agreed_by_name="S",
            agreed_by_role="R",
            agreed_on=today(),
        )
    elif what == "contributors":
        ContributorConfirmation.objects.filter(case=case).delete()
    elif what == "unconfirmed":
        checks.ask_contributor(case=case, by=officer, asked_on=today(), individual="Dr Who")
    elif what == "agency":
        homes = AgencyFactory(name="Riverside Homes")
        an_action(case, chair, homes)
        checks.record_panel_agreement(case=case, by=officer, agreed_on=today(), **ALL_CHECKS)
        FamilyViewing.objects.filter(case=case).delete()
        checks.record_family_viewing(
            case=case, by=officer, shown_on=today(), how="In person.", response="agrees"
        )
    elif what == "family":
        FamilyViewing.objects.filter(case=case).delete()
    elif what == "family saw an earlier version":
        version(case, chair, Document.OVERVIEW_REPORT)
        checks.record_panel_agreement(case=case, by=officer, agreed_on=today(), **ALL_CHECKS)


def test_no_family_to_show_passes_the_family_check():
    case, officer, chair = review_at_drafting()
    ready_to_submit(case, officer, chair)
    FamilyViewing.objects.filter(case=case).delete()
    checks.record_no_family(case=case, by=officer, reason="They declined to be involved.")
    assert checks.ready_for_sign_off(case) is None


def test_the_chair_is_reminded_of_a_contributor_not_confirmed_after_two_weeks():
    case, officer, _ = review_at_drafting()
    checks.ask_contributor(
        case=case, by=officer, asked_on=today() - timedelta(days=14), individual="Dr Who"
    )
    checks.ask_contributor(case=case, by=officer, asked_on=today(), individual="Dr Later")
    reminders.scan(on=today())
    reminded = Reminder.objects.filter(case=case, rule="contributor_confirmation_due")
    assert [r.subject for r in reminded] == ["the confirmation of Dr Who"]
