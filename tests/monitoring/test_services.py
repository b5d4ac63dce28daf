"""Monitoring's services: who posts, audits and agrees what, at which stage; an action's
status is its latest update's; evidence not verified reopens an action; the conclusion
waits for every action and names the first that holds it up; the overdue reminder goes to
the lead agency's senior manager and the CSP officer."""

from datetime import timedelta

import pytest

from cases import reminders
from cases import selectors as case_selectors
from cases.clocks import today
from cases.models import Case, StoredDocument
from cases.selectors import task_list
from cases.services import CaseActionRefused, perform_transition
from cases.workflow import Stage
from monitoring import selectors
from monitoring.models import ActionAudit, ActionUpdate, Status
from monitoring.services import actions, records
from tests.monitoring.factories import evidence_pdf, past_target, review_in_monitoring

pytestmark = pytest.mark.django_db


def complete(review, action, by=None):
    return actions.post_update(
        action=action,
        by=by or review.people["senior manager"],
        progress="Every officer briefed.",
        status=Status.COMPLETE,
        rag="green",
        completed_on=today(),
        evidence=evidence_pdf(),
    )


def verify(review, action):
    return actions.audit_action(
        action=action, by=review.officer, verified_on=today(), result="verified"
    )


def close(review, action):
    actions.post_update(
        action=action,
        by=review.people["other agency's senior manager"],
        progress="The service was decommissioned.",
        status=Status.CLOSED,
        rag="red",
        closure_reason="The housing service moved to another provider.",
    )


def test_the_lead_agencys_senior_manager_posts_with_evidence_and_the_status_follows():
    review = review_in_monitoring()
    action = review.actions[0]
    update = complete(review, action)
    assert not update.on_behalf_of_agency
    assert StoredDocument.objects.filter(name=update.evidence.name).exists()
    assert selectors.standing_of(review.case, action).status == Status.COMPLETE


def test_another_agencys_senior_manager_and_the_panel_may_not_update():
    review = review_in_monitoring()
    for who in ("other agency's senior manager", "panel member", "independent chair"):
        with pytest.raises(CaseActionRefused, match="Only the senior manager"):
            complete(review, review.actions[0], by=review.people[who])
    assert not ActionUpdate.objects.exists()


def test_the_officer_posts_on_the_agencys_behalf_and_the_record_says_so():
    review = review_in_monitoring()
    update = complete(review, review.actions[0], by=review.officer)
    assert update.on_behalf_of_agency


def test_complete_needs_its_date_and_closed_needs_a_reason():
    review = review_in_monitoring()
    with pytest.raises(CaseActionRefused) as refused:
        actions.post_update(
            action=review.actions[0],
            by=review.officer,
            progress="Done.",
            status=Status.COMPLETE,
            rag="green",
        )
    assert refused.value.field == "completed_on"
    with pytest.raises(CaseActionRefused) as refused:
        actions.post_update(
            action=review.actions[0],
            by=review.officer,
            progress="Stopped.",
            status=Status.CLOSED,
            rag="red",
        )
    assert refused.value.field == "closure_reason"


def test_evidence_not_verified_reopens_the_action():
    review = review_in_monitoring()
    action = review.actions[0]
    complete(review, action)
    with pytest.raises(CaseActionRefused) as refused:
        actions.audit_action(
            action=action, by=review.officer, verified_on=today(), result="not_verified"
        )
    assert refused.value.field == "note"
    actions.audit_action(
        action=action,
        by=review.officer,
        verified_on=today(),
        result="not_verified",
        note="The register lists half the officers.",
    )
    standing = selectors.standing_of(review.case, action)
    assert standing.status == Status.IN_PROGRESS
    assert "Reopened" in standing.latest.progress


def test_only_a_completed_action_is_audited_and_only_by_the_csp():
    review = review_in_monitoring()
    with pytest.raises(CaseActionRefused, match="marked complete"):
        verify(review, review.actions[0])
    complete(review, review.actions[0])
    with pytest.raises(CaseActionRefused, match="Only the CSP officer"):
        actions.audit_action(
            action=review.actions[0],
            by=review.people["senior manager"],
            verified_on=today(),
            result="verified",
        )
    verify(review, review.actions[0])
    with pytest.raises(CaseActionRefused, match="verified already"):
        verify(review, review.actions[0])
    assert ActionAudit.objects.count() == 1


def test_only_the_csp_chair_agrees_a_closure():
    review = review_in_monitoring()
    action = review.actions[2]
    close(review, action)
    with pytest.raises(CaseActionRefused, match="Only the CSP chair"):
        actions.agree_closure(action=action, by=review.officer, agreed_on=today())
    actions.agree_closure(action=action, by=review.csp_chair, agreed_on=today())
    assert selectors.standing_of(review.case, action).closure_agreed


def monitoring_row(case) -> str:
    """The case page's "Monitor the action plan" row, read as the page reads it (in SQL)."""
    read = case_selectors.case_file(case, on=today()).case
    return next(t.status for t in task_list(read) if t.name == "Monitor the action plan")


def test_the_conclusion_names_the_first_action_holding_it_up_then_goes_through():
    """The case page's row agrees with the guard at each step: done exactly when the
    guard would let the review conclude."""
    review = review_in_monitoring()
    first, second, third = review.actions
    assert monitoring_row(review.case) == "not started"
    with pytest.raises(CaseActionRefused, match=r"Action 1\.1 \(Riverside Police\) is not"):
        perform_transition(case=review.case, name="conclude", by=review.csp_chair)
    complete(review, first)
    verify(review, first)
    complete(review, second)
    assert monitoring_row(review.case) == "in progress"
    with pytest.raises(CaseActionRefused, match=r"Action 1\.2 .* not verified its evidence"):
        perform_transition(case=review.case, name="conclude", by=review.csp_chair)
    verify(review, second)
    close(review, third)
    assert monitoring_row(review.case) == "in progress"
    with pytest.raises(CaseActionRefused, match=r"Action 1\.3 .* chair has not agreed"):
        perform_transition(case=review.case, name="conclude", by=review.csp_chair)
    actions.agree_closure(action=third, by=review.csp_chair, agreed_on=today())
    assert monitoring_row(review.case) == "done"
    with pytest.raises(CaseActionRefused):
        perform_transition(case=review.case, name="conclude", by=review.officer)
    case = perform_transition(case=review.case, name="conclude", by=review.csp_chair)
    assert case.stage == Stage.CONCLUDED


def test_nothing_changes_once_concluded():
    review = review_in_monitoring()
    Case.objects.filter(pk=review.case.pk).update(stage=Stage.CONCLUDED)
    with pytest.raises(CaseActionRefused, match="only while the action plan is monitored"):
        complete(review, review.actions[0])
    with pytest.raises(CaseActionRefused, match="only while the action plan is monitored"):
        records.record_home_office_request(
            case=review.case, by=review.officer, received_on=today(), asked="An update."
        )


def test_the_partnerships_records():
    review = review_in_monitoring()
    meeting = records.record_challenge_meeting(
        case=review.case, by=review.officer, held_on=today(), attendees="The panel."
    )
    records.add_challenge(
        meeting=meeting,
        by=review.officer,
        action=review.actions[0],
        challenge="Why is the briefing late?",
        response="Trainer off sick; new date set.",
    )
    request = records.record_home_office_request(
        case=review.case, by=review.officer, received_on=today(), asked="Progress?"
    )
    with pytest.raises(CaseActionRefused) as refused:
        records.record_home_office_answer(
            request=request,
            by=review.officer,
            answer="On track.",
            answered_on=today() - timedelta(days=1),
        )
    assert refused.value.field == "answered_on"
    records.record_home_office_answer(
        request=request, by=review.officer, answer="On track.", answered_on=today()
    )
    with pytest.raises(CaseActionRefused) as refused:
        records.record_dissemination(
            case=review.case,
            by=review.csp_chair,
            shared_on=today(),
            learning="good_practice",
            what="The IDVA's persistence.",
            audience="other",
            how="Briefing.",
            decided_by="The CSP chair",
        )
    assert refused.value.field == "audience_detail"
    with pytest.raises(CaseActionRefused, match="Only the CSP officer or the CSP chair"):
        records.record_challenge_meeting(
            case=review.case,
            by=review.people["independent chair"],
            held_on=today(),
            attendees="x",
        )


def test_an_overdue_action_is_chased_before_on_and_after_its_date_once_each():
    review = review_in_monitoring()
    action = past_target(review.actions[0], days=0)
    for on, expected in (
        (today() - timedelta(days=7), 1),
        (today(), 2),
        (today(), 2),  # the same day again: nothing twice
        (today() + timedelta(days=7), 3),
    ):
        reminders.scan(on=on)
        assert review.case.reminders.filter(rule="action_due").count() == expected
    reminder = review.case.reminders.filter(rule="action_due").first()
    told = set(reminders.RULES_BY_NAME["action_due"].recipients_of(reminder))
    assert told == {review.officer, review.people["senior manager"]}
    assert "Riverside Police" in reminder.subject
    # Complete, it is chased no more.
    complete(review, action)
    reminders.scan(on=today() + timedelta(days=14))
    assert review.case.reminders.filter(rule="action_due").count() == 3


def test_the_demo_steps_monitor_then_conclude_a_factory_made_review():
    from cases.demo import DemoContext
    from monitoring import demo

    review = review_in_monitoring()
    ctx = DemoContext(on=today(), partnerships={}, agencies={}, users={})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DemoContext, "officer", lambda self, code: review.officer)
        patch.setattr(DemoContext, "chair", lambda self, code: review.csp_chair)
        case = demo.monitored(ctx, review.case)
        listed = selectors.standings(case)
        assert [s.status for s in listed] == [
            Status.IN_PROGRESS,
            Status.IN_PROGRESS,
            Status.COMPLETE,
        ]
        assert listed[2].verified and listed[0].latest.evidence
        assert case.challenge_meetings.count() == 1
        assert case.home_office_update_requests.get().answered_on
        assert case.disseminations.count() == 2
        case = demo.concluded(ctx, case)
    assert case.stage == Stage.CONCLUDED


def test_the_audit_trail_shows_monitorings_records_and_who_made_them():
    from cases.selectors import audit_trail

    review = review_in_monitoring()
    complete(review, review.actions[0])
    verify(review, review.actions[0])
    close(review, review.actions[2])
    actions.agree_closure(action=review.actions[2], by=review.csp_chair, agreed_on=today())
    records.record_dissemination(
        case=review.case,
        by=review.officer,
        shared_on=today(),
        learning="good_practice",
        what="w",
        audience="marac",
        how="h",
        decided_by="The CSP chair",
    )
    entries = audit_trail(review.case)
    labels = {(entry.what, entry.action) for entry in entries}
    for what in (
        "Action plan: progress update",
        "Action plan: audit of a completed action",
        "Action plan: closure agreed by the CSP chair",
        "Dissemination of the lessons",
    ):
        assert (what, "Created") in labels
    audited = next(e for e in entries if e.what == "Action plan: audit of a completed action")
    assert audited.who == review.officer
