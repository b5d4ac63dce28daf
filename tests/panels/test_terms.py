"""Terms of reference through their services: versions, who drafts and who agrees, the
checklist and the proceedings that must be addressed, the diff, sharing with the family,
the clock and the reminder, the start_imrs guards."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from freezegun import freeze_time

from cases import clocks, reminders, selectors
from cases.clocks import ClockStatus
from cases.models import Case, CaseEvent, Message, Reminder
from cases.roles import CaseRole
from cases.services import CaseActionRefused
from panels.models import TermsOfReferenceVersion
from panels.services import terms
from tests.case_factories import case_member, chair_of, days_ago
from tests.panels.panel_factories import agreed_terms, draft, review_with_chair, trial

pytestmark = pytest.mark.django_db


def test_each_change_is_a_new_version_with_its_author():
    case, officer, chair = review_with_chair()
    first = draft(case, officer)
    second = draft(case, chair, scope="A wider scope.")
    assert (first.number, first.drafted_by) == (1, officer)
    assert (second.number, second.drafted_by) == (2, chair)
    assert terms.current_version(case) == second
    assert list(case.events.filter(name="case.terms_of_reference.drafted")) != []


def test_a_version_that_changes_nothing_is_refused():
    case, officer, _ = review_with_chair()
    draft(case, officer)
    with pytest.raises(CaseActionRefused, match="Nothing has changed since version 1"):
        draft(case, officer)


@pytest.mark.parametrize("role", [CaseRole.CSP_OFFICER, CaseRole.CSP_CHAIR])
def test_the_partnership_drafts_but_only_the_independent_chair_agrees(role):
    case, officer, chair = review_with_chair()
    drafter = officer if role == CaseRole.CSP_OFFICER else chair_of(case.partnership)
    draft(case, drafter)
    with pytest.raises(CaseActionRefused, match="Only the independent chair"):
        terms.agree_terms_of_reference(case=case, by=drafter, agreed_on=days_ago(0))
    version = terms.agree_terms_of_reference(case=case, by=chair, agreed_on=days_ago(0))
    assert (version.agreed_by, version.agreed_on) == (chair, days_ago(0))
    assert case.events.filter(name="case.terms_of_reference.agreed", actor=chair).exists()


def test_a_panel_member_may_not_draft():
    case, _, _ = review_with_chair()
    member = case_member(case, CaseRole.PANEL_MEMBER)
    with pytest.raises(CaseActionRefused, match="may not draft"):
        draft(case, member)


def test_agreeing_is_refused_while_a_checklist_item_is_open():
    case, officer, chair = review_with_chair()
    draft(case, officer, checklist={"key_issues": {"answer": "Coercive control."}})
    with pytest.raises(CaseActionRefused, match=r"Still to do: .*the time period under review"):
        terms.agree_terms_of_reference(case=case, by=chair, agreed_on=days_ago(0))
    assert not TermsOfReferenceVersion.objects.filter(agreed_on__isnull=False).exists()


def test_an_item_both_answered_and_not_applicable_is_refused():
    case, officer, _ = review_with_chair()
    with pytest.raises(ValidationError, match="not both"):
        draft(case, officer, checklist={"media": {"answer": "Yes", "not_applicable": "No"}})
    assert not case.terms_of_reference_versions.exists()


def test_agreeing_is_refused_until_every_proceeding_is_addressed():
    case, officer, chair = review_with_chair()
    proceeding = trial(case, officer)
    draft(case, officer)
    with pytest.raises(CaseActionRefused, match=r"parallel proceeding\. Still to do: .*R v Smith"):
        terms.agree_terms_of_reference(case=case, by=chair, agreed_on=days_ago(0))
    draft(case, officer, proceedings_addressed={str(proceeding.pk): "Interviews wait."})
    assert terms.agree_terms_of_reference(case=case, by=chair, agreed_on=days_ago(0)).is_agreed


def test_agreeing_in_the_future_is_refused():
    case, officer, chair = review_with_chair()
    draft(case, officer)
    with pytest.raises(CaseActionRefused, match="today or earlier"):
        terms.agree_terms_of_reference(case=case, by=chair, agreed_on=days_ago(-1))


def test_changing_agreed_terms_makes_a_draft_to_agree_again():
    case, officer, chair = review_with_chair()
    agreed_terms(case, chair)
    assert terms.terms_agreed(case) is None
    draft(case, officer, scope="The family asked to include the victim's last job.")
    assert "Version 2 of the terms of reference is not agreed" in terms.terms_agreed(case)


def test_the_diff_marks_lines_added_and_removed():
    case, officer, _ = review_with_chair()
    first = draft(case, officer, scope="Line one.\nLine two.")
    second = draft(case, officer, scope="Line one.\nLine three.", media_lead="")
    lines = terms.compare(first, second, [])
    changes = {(line.change, line.text) for line in lines}
    assert ("same", "Line one.") in changes
    assert ("removed", "Line two.") in changes
    assert ("added", "Line three.") in changes
    assert ("removed", "Media lead: Council press office") in changes
    assert ("added", "Media lead: (not named)") in changes


def test_sharing_with_the_family_and_their_comments():
    case, officer, _ = review_with_chair()
    draft(case, officer)
    version = terms.record_shared_with_family(
        case=case, by=officer, shared_on=days_ago(0), family_comments="Include her work."
    )
    assert version.shared_with_family_on == days_ago(0)
    assert version.family_comments == "Include her work."
    assert case.events.filter(name="case.terms_of_reference.shared_with_family").exists()
    with pytest.raises(CaseActionRefused, match="today or earlier"):
        terms.record_shared_with_family(case=case, by=officer, shared_on=days_ago(-2))


def test_start_imrs_guards_name_what_is_missing_and_the_page():
    case, officer, chair = review_with_chair()
    assert "Draft the terms of reference" in terms.terms_agreed(case)
    assert "terms of reference page" in terms.terms_agreed(case)
    draft(case, officer, family_liaison_lead="")
    assert "Name the family liaison lead" in terms.family_liaison_lead_named(case)
    proceeding = trial(case, officer)
    assert "R v Smith" in terms.proceedings_addressed(case)
    draft(case, officer, proceedings_addressed={str(proceeding.pk): "Pended."})
    terms.agree_terms_of_reference(case=case, by=chair, agreed_on=days_ago(0))
    assert terms.terms_agreed(case) is None
    assert terms.proceedings_addressed(case) is None
    assert terms.family_liaison_lead_named(case) is None


@pytest.mark.parametrize(
    "decided_on, due_on",
    [
        (date(2027, 1, 31), date(2027, 2, 28)),
        (date(2028, 1, 31), date(2028, 2, 29)),  # a leap year
        (date(2027, 12, 15), date(2028, 1, 15)),
    ],
)
def test_the_target_is_a_calendar_month_after_the_decision(decided_on, due_on):
    assert clocks.terms_of_reference_due(decided_on) == due_on


def _terms_clock(case, on):
    return next(c for c in selectors.case_file(case, on=on).clocks if "Terms" in c.name)


def test_the_clock_on_the_case_page_is_on_track_then_met_or_missed():
    case, _, chair = review_with_chair()
    due_on = clocks.terms_of_reference_due(case.decided_on)
    assert _terms_clock(case, case.decided_on).status == ClockStatus.ON_TRACK
    assert _terms_clock(case, due_on + timedelta(days=1)).status == ClockStatus.OVERDUE
    agreed_terms(case, chair)
    clock = _terms_clock(case, due_on + timedelta(days=1))
    met = ClockStatus.MET_ON_TIME if days_ago(0) <= due_on else ClockStatus.MET_LATE
    assert (clock.met_on, clock.status) == (days_ago(0), met)


def test_the_reminder_goes_to_the_chair_and_officer_once():
    case, officer, chair = review_with_chair()
    due_on = clocks.terms_of_reference_due(case.decided_on)
    week_before = due_on - timedelta(days=7)
    with freeze_time(week_before):
        call_command("send_reminders", date=week_before.isoformat())
        call_command("send_reminders", date=week_before.isoformat())
    sent = Reminder.objects.filter(case=case, rule="terms_of_reference_due")
    assert sent.count() == 1
    told = Message.objects.filter(case=case, reminder__rule="terms_of_reference_due")
    assert set(told.values_list("user", flat=True)) == {officer.pk, chair.pk}


def test_no_reminder_once_the_terms_are_agreed():
    case, _, chair = review_with_chair()
    agreed_terms(case, chair)
    due_on = clocks.terms_of_reference_due(case.decided_on)
    rows = reminders.due_rows(reminders.RULES_BY_NAME["terms_of_reference_due"], due_on)
    assert case.pk not in [case_id for case_id, _ in rows]


def test_task_row_follows_the_terms():
    case, officer, chair = review_with_chair()

    def status():
        return next(
            t
            for t in selectors.task_list(selectors.case_file(case, on=clocks.today()).case)
            if t.name == "Terms of reference agreed"
        ).status

    assert status() == "not started"
    draft(case, officer)
    assert status() == "in progress"
    terms.agree_terms_of_reference(case=case, by=chair, agreed_on=days_ago(0))
    assert status() == "done"


def test_history_and_audit_trail_hold_each_version():
    case, _, chair = review_with_chair()
    agreed_terms(case, chair)
    labels = [entry.what for entry in selectors.audit_trail(Case.objects.get(pk=case.pk))]
    assert labels.count("Terms of reference, version 1") == 2  # drafted, then agreed
    assert (
        CaseEvent.objects.filter(case=case, name__startswith="case.terms_of_reference").count() == 2
    )
