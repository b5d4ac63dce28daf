"""The case lifecycle (cases.workflow) as performed by cases.services, against the database.

Each built transition is made by the person the role table allows and records its event;
each refusal leaves the case exactly as it was.
"""

import itertools
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from cases import clocks, services, workflow
from cases.models import (
    Case,
    CaseEvent,
    CaseMembership,
    Decision,
    Pause,
    Person,
    ReportExtension,
    StandingPanelRecommendation,
)
from cases.roles import ROLE_PERMISSIONS, CaseRole, roles_with_permission
from cases.services import CaseActionRefused
from cases.workflow import CLOSED_STAGES, REVIEW_STAGES, TRANSITIONS, Stage
from tests.case_factories import (
    case_awaiting_decision,
    case_deferred_to_other_review,
    case_member,
    case_not_reviewed,
    case_under_review,
    case_with_letters_sent,
    days_ago,
    notification_details,
    notified_case,
    outsider,
    partnership_with_staff,
    recommendation_details,
    record_decision_letters,
    reopen,
    suspect_details,
    victim_details,
)
from tests.factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return partnership_with_staff(PartnershipFactory(code="RIV"))


def reloaded(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def last_event(case: Case) -> CaseEvent:
    return CaseEvent.objects.filter(case=case).order_by("-at", "-id").first()


def snapshot(case: Case) -> dict:
    """Every stored field of the case, the events count and the people count."""
    case = reloaded(case)
    fields = {field.attname: getattr(case, field.attname) for field in Case._meta.concrete_fields}
    return {
        **fields,
        "events": case.events.count(),
        "people": case.people.count(),
        "letters": case.letters.count(),
        "decisions": list(case.decisions.values_list("pk", "superseded_by")),
        "reopenings": case.reopenings.count(),
    }


def refused(action, *, match: str, unchanged: Case | None = None, **kwargs) -> CaseActionRefused:
    """Call the action, expect a refusal whose message contains `match`, and check that the
    `unchanged` case is exactly as it was."""
    before = snapshot(unchanged) if unchanged is not None else None
    with pytest.raises(CaseActionRefused) as refusal:
        action(**kwargs)
    assert match in refusal.value.message
    if unchanged is not None:
        assert snapshot(unchanged) == before
    return refusal.value


# The declaration itself -------------------------------------------------------------------


def test_every_stage_is_reached_or_left_by_some_transition():
    touched = {t.source for t in TRANSITIONS} | {t.target for t in TRANSITIONS}
    assert set(Stage) == touched


def test_the_review_stages_are_a_path_through_the_declaration():
    pairs = {(t.source, t.target) for t in TRANSITIONS}
    for source, target in itertools.pairwise(REVIEW_STAGES):
        assert (source, target) in pairs


def test_closed_stages_have_no_way_out_but_a_reopening():
    reopenings = {f"reopen_at_{stage.value}" for stage in workflow.REOPENABLE_STAGES}
    for stage in CLOSED_STAGES:
        names = {t.name for t in workflow.transitions_from(stage)}
        assert names <= reopenings
    # Both decisions not to hold a DHR can be overruled by the Home Office (DOMAIN H2).
    assert set(workflow.REOPENABLE_STAGES) == {Stage.NOT_REVIEWED, Stage.OTHER_REVIEW_LEADS}


def test_every_transition_permission_is_a_real_case_permission():
    codenames = {codename for codename, _ in Case._meta.permissions} | {"view_case", "change_case"}
    for transition in TRANSITIONS:
        app_label, codename = transition.permission.split(".")
        assert app_label == "cases", transition.name
        assert codename in codenames, transition.name


def test_every_case_permission_is_held_by_some_role():
    for codename, _ in Case._meta.permissions:
        assert roles_with_permission(codename), codename
    assert roles_with_permission("view_case") == list(CaseRole)


def test_the_role_table_names_only_real_permissions():
    codenames = {codename for codename, _ in Case._meta.permissions} | {"view_case"}
    for role, permissions in ROLE_PERMISSIONS.items():
        assert permissions <= codenames, role


def test_every_transition_has_a_unique_name_and_event():
    assert len({t.name for t in TRANSITIONS}) == len(TRANSITIONS)
    # One step taken from several stages (withdrawing) records one event name.
    assert len({(t.event, t.source) for t in TRANSITIONS}) == len(TRANSITIONS)
    assert len({t.event for t in TRANSITIONS}) == len({(t.label, t.target) for t in TRANSITIONS})


# Built transitions --------------------------------------------------------------------------


def test_recording_the_recommendation_refers_the_case_for_a_decision(staff):
    partnership, officer, _chair = staff
    case = case_awaiting_decision(partnership, officer)
    assert reloaded(case).stage == Stage.DECISION
    assert case.recommendation.recorded_by == officer
    event = last_event(case)
    assert (event.name, event.actor) == ("case.referred_for_decision", officer)


def test_the_chair_decides_to_hold_a_review(staff):
    partnership, officer, chair = staff
    case = case_awaiting_decision(partnership, officer)
    decided = services.record_decision(
        case=case, by=chair, decision="review", decided_on=case.notified_on + timedelta(days=2)
    )
    case = reloaded(decided)
    assert case.stage == Stage.PANEL_SET_UP
    decision = case.current_decision()
    assert (decision.outcome, decision.decided_by) == ("review", chair)
    assert case.overview_report_due_on == clocks.add_calendar_months(case.decided_on, 6)
    event = last_event(case)
    assert (event.name, event.actor) == ("case.decision.review", chair)


def test_the_chair_decides_not_to_hold_a_review(staff):
    partnership, officer, chair = staff
    case = reloaded(case_not_reviewed(partnership, officer, reasons="Not a domestic homicide."))
    assert case.stage == Stage.NOT_REVIEWED
    assert case.is_closed
    assert case.current_decision().reasons == "Not a domestic homicide."
    assert case.overview_report_due_on is None
    event = last_event(case)
    assert (event.name, event.actor) == ("case.decision.no_review", chair)


def test_the_chair_decides_that_another_review_leads(staff):
    partnership, officer, chair = staff
    case = reloaded(case_deferred_to_other_review(partnership, officer))
    assert case.stage == Stage.OTHER_REVIEW_LEADS
    assert case.current_decision().other_review == Decision.OtherReview.SAFEGUARDING_ADULTS
    assert case.overview_report_due_on is None
    event = last_event(case)
    assert (event.name, event.actor) == ("case.decision.other_review", chair)


def test_the_home_office_can_reopen_a_case_not_reviewed(staff):
    partnership, officer, chair = staff
    case = case_not_reviewed(partnership, officer)
    reopen(case, summary="The Home Office advises a review.")
    case = reloaded(case)
    assert case.stage == Stage.DECISION
    assert case.current_decision() is None
    assert case.decided_on is None  # the decision clock runs again until the chair decides
    event = last_event(case)
    assert (event.name, event.actor, event.reason) == (
        "case.reopened",
        chair,
        "The Home Office advises a review.",
    )
    # ... and the chair can then decide to review.
    services.record_decision(case=case, by=chair, decision="review", decided_on=clocks.today())
    assert reloaded(case).stage == Stage.PANEL_SET_UP


def test_each_transition_is_recorded_in_the_case_history(staff):
    partnership, officer, _chair = staff
    case = case_under_review(partnership, officer)
    stages = list(reloaded(case).history.order_by("history_id").values_list("stage", flat=True))
    assert stages[0] == Stage.NOTIFIED
    assert stages[-1] == Stage.PANEL_SET_UP
    assert Stage.DECISION in stages


# Refusals: wrong stage ----------------------------------------------------------------------


def test_a_decision_is_refused_before_the_case_is_referred(staff):
    partnership, officer, chair = staff
    case = notified_case(partnership, officer)
    refused(
        services.record_decision,
        match="not waiting for a decision",
        unchanged=case,
        case=case,
        by=chair,
        decision="review",
        decided_on=clocks.today(),
    )


def test_a_transition_from_the_wrong_stage_is_refused(staff):
    partnership, officer, chair = staff
    case = notified_case(partnership, officer)
    refusal = refused(
        services.perform_transition,
        match="not possible while the case is at “Notified”",
        unchanged=case,
        case=case,
        name="decide_to_review",
        by=chair,
    )
    assert refusal.message.startswith("Decide to hold a review")


def test_a_case_under_review_cannot_be_reopened(staff):
    partnership, officer, chair = staff
    case = case_under_review(partnership, officer)
    refused(
        services.reopen_case,
        match="this one is at “Panel set-up”",
        unchanged=case,
        case=case,
        by=chair,
        kind="letter",
        received_on=clocks.today(),
        summary="Because.",
    )


def test_a_recommendation_cannot_be_recorded_twice(staff):
    partnership, officer, _chair = staff
    case = case_awaiting_decision(partnership, officer)
    original = StandingPanelRecommendation.objects.get(case=case)
    refused(
        services.record_standing_panel_recommendation,
        match="not possible while the case is at “Decision”",
        unchanged=case,
        case=case,
        by=officer,
        recommendation=recommendation_details(),
    )
    # The first recommendation survives the refusal.
    assert StandingPanelRecommendation.objects.get(case=case).pk == original.pk


# Refusals: the actor ------------------------------------------------------------------------


def test_a_csp_officer_may_not_record_the_decision(staff):
    partnership, officer, _chair = staff
    case = case_awaiting_decision(partnership, officer)
    refused(
        services.record_decision,
        match="Only the CSP chair records the decision.",
        unchanged=case,
        case=case,
        by=officer,
        decision="review",
        decided_on=clocks.today(),
    )


def test_an_outsider_may_not_record_the_decision(staff):
    partnership, officer, _chair = staff
    case = case_awaiting_decision(partnership, officer)
    refused(
        services.record_decision,
        match="Only the CSP chair",
        unchanged=case,
        case=case,
        by=outsider(),
        decision="review",
        decided_on=clocks.today(),
    )


def test_the_chair_of_another_partnership_may_not_decide(staff):
    partnership, officer, _chair = staff
    _other, _other_officer, other_chair = partnership_with_staff()
    case = case_awaiting_decision(partnership, officer)
    refused(
        services.record_decision,
        match="Only the CSP chair",
        unchanged=case,
        case=case,
        by=other_chair,
        decision="review",
        decided_on=clocks.today(),
    )


def test_an_actor_without_the_permission_may_not_make_a_transition(staff):
    partnership, officer, _chair = staff
    case = case_awaiting_decision(partnership, officer)
    panel_member = case_member(case, CaseRole.PANEL_MEMBER)
    for user in (officer, panel_member, outsider()):
        refused(
            services.perform_transition,
            match="You may not decide to hold a review.",
            unchanged=case,
            case=case,
            name="decide_to_review",
            by=user,
        )


def test_an_outsider_may_not_record_the_recommendation(staff):
    partnership, officer, _chair = staff
    case = notified_case(partnership, officer)
    refused(
        services.record_standing_panel_recommendation,
        match="You may not record the standing panel's recommendation.",
        unchanged=case,
        case=case,
        by=outsider(),
        recommendation=recommendation_details(),
    )
    assert not StandingPanelRecommendation.objects.filter(case=case).exists()


def test_only_the_csp_chair_may_reopen(staff):
    partnership, officer, _chair = staff
    case = case_not_reviewed(partnership, officer)
    refused(
        services.reopen_case,
        match="You may not reopen",
        unchanged=case,
        case=case,
        by=officer,
        kind="letter",
        received_on=clocks.today(),
        summary="The Home Office advises a review.",
    )


def test_an_outsider_may_not_record_a_letter(staff):
    partnership, officer, _chair = staff
    case = case_under_review(partnership, officer)
    refused(
        record_decision_letters,
        match="You may not record letters on this case.",
        unchanged=case,
        case=case,
        by=outsider(),
    )


# Refusals: guards ---------------------------------------------------------------------------


def test_a_case_without_a_victim_cannot_be_referred(staff):
    partnership, officer, _chair = staff
    case = notified_case(partnership, officer)
    Person.objects.filter(case=case, role=Person.Role.VICTIM).delete()
    refused(
        services.record_standing_panel_recommendation,
        match="Record the victim in the people register",
        unchanged=case,
        case=case,
        by=officer,
        recommendation=recommendation_details(),
    )
    assert not StandingPanelRecommendation.objects.filter(case=case).exists()


def test_a_case_without_a_recommendation_cannot_be_referred(staff):
    partnership, officer, _chair = staff
    case = notified_case(partnership, officer)
    refused(
        services.perform_transition,
        match="Record the standing panel's recommendation first.",
        unchanged=case,
        case=case,
        name="refer_for_decision",
        by=officer,
    )


def test_a_decision_transition_needs_a_recorded_decision(staff):
    partnership, officer, chair = staff
    case = case_awaiting_decision(partnership, officer)
    refused(
        services.perform_transition,
        match="Record the decision, with its date, first.",
        unchanged=case,
        case=case,
        name="decide_to_review",
        by=chair,
    )


def test_no_review_needs_reasons(staff):
    partnership, officer, chair = staff
    case = case_awaiting_decision(partnership, officer)
    refused(
        services.record_decision,
        match="Give the reasons for the decision.",
        unchanged=case,
        case=case,
        by=chair,
        decision="no_review",
        decided_on=clocks.today(),
        reasons="   ",
    )


def test_another_review_leading_needs_reasons_and_which_review(staff):
    partnership, officer, chair = staff
    case = case_awaiting_decision(partnership, officer)
    decision = {"case": case, "by": chair, "decision": "other_review", "decided_on": clocks.today()}
    refused(
        services.record_decision,
        match="Give the reasons for the decision.",
        unchanged=case,
        **decision,
    )
    refused(
        services.record_decision,
        match="Say which review leads.",
        unchanged=case,
        **decision,
        reasons="A child safeguarding practice review leads.",
    )


def test_reopening_needs_what_the_home_office_said(staff):
    partnership, officer, chair = staff
    case = case_not_reviewed(partnership, officer)
    refusal = refused(
        services.reopen_case,
        match="Say what the Home Office's letter or direction says.",
        unchanged=case,
        case=case,
        by=chair,
        kind="letter",
        received_on=clocks.today(),
        summary=" ",
    )
    assert refusal.field == "summary"


def test_commissioning_imrs_needs_the_home_office_letter(staff):
    partnership, officer, _chair = staff
    case = case_under_review(partnership, officer)
    refused(
        services.perform_transition,
        match="Record the letter to the Home Office first.",
        unchanged=case,
        case=case,
        name="start_imrs",
        by=case_member(case, CaseRole.INDEPENDENT_CHAIR, by=officer),
    )


def test_commissioning_imrs_with_letters_sent_waits_for_the_panel_set_up(staff):
    partnership, officer, _chair = staff
    case = case_with_letters_sent(partnership, officer)
    assert case.letters.count() == 2
    refused(
        services.perform_transition,
        # A role given on the members page is no appointment (panels, DOMAIN.md 2.1 item 9).
        match="Appoint the independent chair",
        unchanged=case,
        case=case,
        name="start_imrs",
        by=case_member(case, CaseRole.INDEPENDENT_CHAIR, by=officer),
    )


def test_the_csp_officer_may_not_commission_the_imrs(staff):
    """The review panel's chair commissions the IMRs (seed 000 l.335; seed 002 (9)(a)):
    DESIGN §5 gives it to the independent chair alone, not to the partnership's officer."""
    partnership, officer, chair = staff
    case = case_with_letters_sent(partnership, officer)
    for not_the_chair in (officer, chair, case_member(case, CaseRole.PANEL_MEMBER, by=officer)):
        refused(
            services.perform_transition,
            match="You may not commission the IMRs.",
            unchanged=case,
            case=case,
            name="start_imrs",
            by=not_the_chair,
        )
    assert roles_with_permission(
        workflow.TRANSITIONS_BY_NAME["start_imrs"].permission.removeprefix("cases.")
    ) == [CaseRole.INDEPENDENT_CHAIR]


def test_the_decision_cannot_be_dated_before_the_notification(staff):
    partnership, officer, chair = staff
    case = case_awaiting_decision(partnership, officer)
    refusal = refused(
        services.record_decision,
        match="cannot be dated before the notification",
        unchanged=case,
        case=case,
        by=chair,
        decision="review",
        decided_on=case.notified_on - timedelta(days=1),
    )
    assert refusal.field == "decided_on"


def test_a_letter_cannot_be_recorded_twice_or_before_the_decision(staff):
    partnership, officer, _chair = staff
    case = case_with_letters_sent(partnership, officer)
    refused(
        record_decision_letters,
        match="That letter is already recorded.",
        unchanged=case,
        case=case,
        by=officer,
    )
    fresh = case_under_review(partnership, officer)
    refused(
        record_decision_letters,
        match="The letter cannot be sent before the decision.",
        unchanged=fresh,
        case=fresh,
        by=officer,
        sent_on=fresh.decided_on - timedelta(days=1),
    )


# References -----------------------------------------------------------------------------


def test_references_are_issued_per_partnership_and_year(staff):
    partnership, officer, _chair = staff
    other, other_officer, _ = partnership_with_staff(PartnershipFactory(code="nor"))

    def reference(partnership, officer, notified_on):
        return notified_case(partnership, officer, notified_on=notified_on).reference

    assert reference(partnership, officer, date(2026, 1, 5)) == "DHR-RIV-2026-001"
    assert reference(partnership, officer, date(2026, 12, 31)) == "DHR-RIV-2026-002"
    assert reference(other, other_officer, date(2026, 3, 1)) == "DHR-NOR-2026-001"
    assert reference(partnership, officer, date(2027, 1, 1)) == "DHR-RIV-2027-001"
    # A late-recorded notification from last year takes last year's next number.
    assert reference(partnership, officer, date(2026, 6, 1)) == "DHR-RIV-2026-003"


def test_a_refused_notification_uses_no_reference_number(staff):
    partnership, officer, _chair = staff
    with pytest.raises((ValidationError, CaseActionRefused)):
        notified_case(
            partnership, officer, notified_on=date(2026, 2, 1), date_of_death=date(2026, 2, 2)
        )
    assert notified_case(partnership, officer, notified_on=date(2026, 2, 1)).reference == (
        "DHR-RIV-2026-001"
    )


# Notification -------------------------------------------------------------------------------


def test_a_notification_opens_a_case_with_its_people_clocks_and_staff(staff):
    partnership, officer, chair = staff
    case = reloaded(notified_case(partnership, officer, notified_on=date(2026, 1, 31)))
    assert case.stage == Stage.NOTIFIED
    assert case.decision_due_on == date(2026, 2, 28)
    assert case.home_office_letter_due_on == date(2026, 2, 28)
    assert case.overview_report_due_on is None
    assert sorted(case.people.values_list("role", flat=True)) == ["suspect", "victim"]
    assert set(
        CaseMembership.objects.filter(case=case, ended_at__isnull=True).values_list("user", "role")
    ) == {(officer.pk, "csp_officer"), (chair.pk, "csp_chair")}
    event = last_event(case)
    assert (event.name, event.actor) == ("case.notification.recorded", officer)


def test_the_decision_is_due_one_calendar_month_after_notification(staff):
    partnership, officer, _chair = staff
    for notified_on, due_on in [
        (date(2026, 3, 4), date(2026, 4, 4)),
        (date(2026, 3, 31), date(2026, 4, 30)),
        (date(2027, 12, 31), date(2028, 1, 31)),
        (date(2028, 1, 30), date(2028, 2, 29)),
    ]:
        case = reloaded(notified_case(partnership, officer, notified_on=notified_on))
        assert case.decision_due_on == due_on


def test_only_the_partnerships_staff_record_notifications(staff):
    partnership, _officer, _chair = staff
    _other, other_officer, _ = partnership_with_staff()
    for user in (outsider(), other_officer, UserFactory(partnership=partnership)):
        with pytest.raises(CaseActionRefused, match="officers and chair record notifications"):
            notified_case(partnership, user)
    assert not Case.objects.exists()


def test_the_chair_may_record_a_notification(staff):
    partnership, _officer, chair = staff
    assert notified_case(partnership, chair).stage == Stage.NOTIFIED


def test_a_death_after_the_notification_is_rejected(staff):
    partnership, officer, _chair = staff
    with pytest.raises((ValidationError, CaseActionRefused)):
        notified_case(
            partnership,
            officer,
            notified_on=days_ago(5),
            date_of_death=days_ago(4),
        )
    assert not Case.objects.exists()
    assert not Person.objects.exists()


def test_a_notification_with_two_suspects_and_others(staff):
    partnership, officer, _chair = staff
    case = services.record_notification(
        partnership=partnership,
        by=officer,
        notification=notification_details(),
        victim=victim_details(),
        suspects=[suspect_details(), suspect_details(real_name="Jack Roe", pseudonym="Adult C")],
        others=[{"role": Person.Role.CHILD, "real_name": "Jim Doe", "pseudonym": "Child D"}],
    )
    assert case.people.filter(role=Person.Role.SUSPECT).count() == 2
    assert case.people.filter(role=Person.Role.CHILD).count() == 1


# Pauses and extensions ----------------------------------------------------------------------


def test_a_case_is_paused_and_resumed(staff):
    partnership, officer, _chair = staff
    case = case_under_review(partnership, officer)
    pause = services.pause_case(
        case=case, by=officer, reason="Criminal trial", starts_on=days_ago(1)
    )
    assert last_event(case).name == "case.paused"
    refused(
        services.pause_case,
        match="already paused",
        case=case,
        by=officer,
        reason="Again",
        starts_on=days_ago(0),
    )
    assert Pause.objects.filter(case=case).count() == 1

    refused(
        services.resume_case,
        match="cannot resume before its pause began",
        case=case,
        by=officer,
        resumed_on=days_ago(2),
    )
    services.resume_case(case=case, by=officer, resumed_on=days_ago(0))
    pause.refresh_from_db()
    assert pause.ends_on == days_ago(0)
    assert last_event(case).name == "case.resumed"
    assert reloaded(case).stage == Stage.PANEL_SET_UP  # orthogonal to the stage

    refused(
        services.resume_case,
        match="The case is not paused.",
        case=case,
        by=officer,
        resumed_on=days_ago(0),
    )
    # A new pause may open once the last one is closed.
    services.pause_case(case=case, by=officer, reason="Inquest", starts_on=days_ago(0))
    assert Pause.objects.filter(case=case, ends_on__isnull=True).count() == 1


def test_pausing_needs_the_case_file_permission_and_an_open_case(staff):
    partnership, officer, _chair = staff
    case = case_under_review(partnership, officer)
    pause = {"reason": "Trial", "starts_on": days_ago(1)}
    refused(
        services.pause_case,
        match="You may not pause this case.",
        unchanged=case,
        case=case,
        by=case_member(case, CaseRole.PANEL_MEMBER),
        **pause,
    )
    closed = case_not_reviewed(partnership, officer)
    refused(
        services.pause_case,
        match="A closed case cannot be paused.",
        unchanged=closed,
        case=closed,
        by=officer,
        **pause,
    )


def test_an_extension_moves_the_overview_report_due_date(staff):
    partnership, officer, chair = staff
    case = reloaded(case_under_review(partnership, officer))
    six_months = case.overview_report_due_on
    new_due_on = six_months + timedelta(days=60)
    extension = services.agree_extension(
        case=case,
        by=officer,
        new_due_on=new_due_on,
        reason="The criminal trial was adjourned.",
        agreed_by=chair,
        agreed_on=days_ago(0),
        home_office_told_on=days_ago(0),
    )
    case = reloaded(case)
    assert case.overview_report_due_on == new_due_on
    assert (extension.agreed_by, extension.recorded_by) == (chair, officer)
    assert last_event(case).name == "case.extension.agreed"

    extension_refused = {
        "case": case,
        "by": officer,
        "reason": "Again",
        "agreed_by": chair,
        "agreed_on": days_ago(0),
    }
    for not_later in (new_due_on, new_due_on - timedelta(days=1)):
        refusal = refused(
            services.agree_extension,
            match="must be after the current due date",
            unchanged=case,
            **extension_refused,
            new_due_on=not_later,
        )
        assert refusal.field == "new_due_on"
    assert ReportExtension.objects.filter(case=case).count() == 1


def test_no_extension_before_the_report_clock_starts(staff):
    partnership, officer, chair = staff
    case = case_awaiting_decision(partnership, officer)
    refused(
        services.agree_extension,
        match="The overview report clock has not started.",
        unchanged=case,
        case=case,
        by=officer,
        new_due_on=days_ago(-400),
        reason="Trial",
        agreed_by=chair,
        agreed_on=days_ago(0),
    )


# The generated diagram ----------------------------------------------------------------------


def test_the_workflow_diagram_is_up_to_date():
    call_command("draw_workflow", "--check")


def test_the_check_fails_when_the_diagram_is_stale(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    with pytest.raises(CommandError, match="out of date"):
        call_command("draw_workflow", "--check")
    call_command("draw_workflow")
    call_command("draw_workflow", "--check")
    text = (tmp_path / "docs" / "workflow.md").read_text()
    assert "stateDiagram-v2" in text
    assert "do not edit by hand" in text
    for transition in TRANSITIONS:
        assert transition.event in text


# Bugs found and fixed in cases/services.py: kept as regression tests -----------------------


def test_the_stage_change_history_names_the_actor(staff):
    partnership, officer, _chair = staff
    case = case_awaiting_decision(partnership, officer)
    latest = reloaded(case).history.order_by("-history_id").first()
    assert latest.stage == Stage.DECISION
    assert latest.history_user == officer


def test_an_unknown_decision_is_refused(staff):
    partnership, officer, chair = staff
    case = case_awaiting_decision(partnership, officer)
    refused(
        services.record_decision,
        match="decision",
        unchanged=case,
        case=case,
        by=chair,
        decision="maybe",
        decided_on=clocks.today(),
    )


def test_after_a_reopening_the_new_decision_needs_its_own_letters(staff):
    partnership, officer, chair = staff
    case = case_not_reviewed(partnership, officer)
    record_decision_letters(case, officer)
    reopen(case, received_on=case.decided_on + timedelta(days=1))
    case = services.record_decision(
        case=reloaded(case),
        by=chair,
        decision="review",
        decided_on=case.decided_on + timedelta(days=1),
        reasons="The Home Office advised a review.",
    )
    refused(
        services.perform_transition,
        match="Record the letter to the Home Office first.",
        case=case,
        name="start_imrs",
        by=case_member(case, CaseRole.INDEPENDENT_CHAIR, by=officer),
    )
    record_decision_letters(case, officer)
