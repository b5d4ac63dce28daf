"""The points where later apps (panels, imr, reports) plug into the case core without
`cases` importing them (DESIGN §9): a guard on a declared transition, a reminder rule, rows
of the task list, sources of the audit trail and hand-offs. Each test registers what a
later app would, from outside `cases`, and watches the core use it."""

from datetime import timedelta

import pytest
from django.db.models import CharField, F, Value
from django.db.models.functions import Concat
from django.urls import reverse

from cases import handoffs, reminders, selectors, services, workflow
from cases.models import Case, Message, Person, Reminder
from cases.roles import CaseRole
from cases.services import CaseActionRefused
from cases.workflow import Stage
from tests.case_factories import (
    case_with_letters_sent,
    notified_case,
    partnership_with_staff,
    recommendation_details,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def registries(monkeypatch):
    """Registrations made in a test end with it."""
    monkeypatch.setattr(
        workflow, "ADDED_GUARDS", {name: list(g) for name, g in workflow.ADDED_GUARDS.items()}
    )
    monkeypatch.setattr(reminders, "RULES", list(reminders.RULES))
    monkeypatch.setattr(reminders, "RULES_BY_NAME", dict(reminders.RULES_BY_NAME))
    monkeypatch.setattr(selectors, "ADDED_TASK_ROWS", [])
    monkeypatch.setattr(selectors, "ADDED_AUDIT_SOURCES", [])
    monkeypatch.setattr(handoffs, "HAND_OFFS", dict(handoffs.HAND_OFFS))


def test_a_guard_added_to_a_transition_refuses_it_and_is_drawn(registries):
    def independent_chair_appointed(case):
        """an appointed independent chair"""
        return "Appoint the independent chair first."

    workflow.add_guard("refer_for_decision", independent_chair_appointed)
    partnership, officer, _chair = partnership_with_staff()
    case = notified_case(partnership, officer)

    with pytest.raises(CaseActionRefused, match="Appoint the independent chair first"):
        services.record_standing_panel_recommendation(
            case=case, by=officer, recommendation=recommendation_details()
        )
    assert Case.objects.get(pk=case.pk).stage == Stage.NOTIFIED

    from cases.management.commands.draw_workflow import transition_table

    row = next(line for line in transition_table() if "`refer_for_decision`" in line)
    assert "`an appointed independent chair`" in row


def test_an_unknown_transition_cannot_take_a_guard(registries):
    with pytest.raises(ValueError, match="No transition is declared"):
        workflow.add_guard("start_everything", lambda case: None)


def test_a_rule_watching_several_things_on_a_case_sends_a_reminder_for_each(registries):
    """Two IMRs due the same day are two reminders, each saying which IMR it is about."""
    partnership, officer, _chair = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    services.add_person(
        case=case, by=officer, role=Person.Role.FAMILY, details={"real_name": "Relative"}
    )
    due_on = case.decided_on + timedelta(days=60)

    def people_due(until):
        # Stands in for the imr app's rows: one subject per person in the register.
        return Person.objects.filter(case__decided_on__isnull=False).values_list(
            "case_id",
            Value(due_on),
            Concat(Value("the chronology about "), F("pseudonym"), output_field=CharField()),
        )

    reminders.register(
        reminders.ReminderRule(
            name="chronology_due",
            what="a chronology",
            days_before=(0,),
            weekly_when_overdue=False,
            recipients=(CaseRole.CSP_OFFICER,),
            due_dates=people_due,
        )
    )

    reminders.scan(on=due_on)
    reminders.scan(on=due_on)  # a second scan the same day adds nothing

    sent = Reminder.objects.filter(case=case, rule="chronology_due")
    assert sent.count() == case.people.count() == 3
    for reminder in sent.select_related("case"):
        reminders.deliver_reminder(reminder_id=reminder.pk)
    texts = set(
        Message.objects.filter(reminder__rule="chronology_due").values_list("text", flat=True)
    )
    assert (
        f"{case.reference}: the chronology about Adult A is due today, {due_on:%-d %B %Y}." in texts
    )
    assert len(texts) == 3


def test_a_rule_cannot_be_registered_twice(registries):
    with pytest.raises(ValueError, match="declared already"):
        reminders.register(reminders.RULES_BY_NAME["decision_due"])


def test_rows_added_to_the_task_list_show_under_their_stage(client, registries):
    selectors.add_task_rows(
        lambda case: [
            selectors.Task(Stage.PANEL_SET_UP, "cannot start yet", name="Terms of reference agreed")
        ]
    )
    partnership, officer, _chair = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)

    labels = [task.label for task in selectors.task_list(case)]
    assert labels[labels.index("Panel set-up") + 1] == "Terms of reference agreed"
    client.force_login(officer)
    assert "Terms of reference agreed" in client.get(case.get_absolute_url()).content.decode()


def test_an_added_audit_source_joins_the_audit_trail(client, registries):
    selectors.add_audit_source(
        lambda case: (Person.history.filter(case_id=case.pk, role="family"), lambda r: "Family")
    )
    partnership, officer, _chair = partnership_with_staff()
    case = notified_case(partnership, officer)
    services.add_person(
        case=case, by=officer, role=Person.Role.FAMILY, details={"real_name": "Relative"}
    )

    labels = [entry.what for entry in selectors.audit_trail(case)]
    assert "Family" in labels


def test_a_hand_off_registered_for_a_transition_tells_its_people(registries):
    handoffs.register(
        "withdraw_at_notified",
        handoffs.HandOff((CaseRole.CSP_CHAIR,), "{reference} was withdrawn.", "cases:detail"),
    )
    partnership, officer, chair = partnership_with_staff()
    case = notified_case(partnership, officer)

    services.withdraw_case(case=case, by=officer, reason="Recorded twice.")

    assert list(Message.objects.filter(user=chair).values_list("text", "link")) == [
        (f"{case.reference} was withdrawn.", reverse("cases:detail", args=[case.reference]))
    ]
    with pytest.raises(ValueError, match="declared already"):
        handoffs.register("withdraw_at_notified", handoffs.HandOff((), "", "cases:detail"))
