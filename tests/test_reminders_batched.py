"""Reminders at national scale (issue 13, item 4): the scan and the delivery cost the same
number of queries for one due reminder or fifty; the operator's command delivers batch by
batch through the worker's service; a reminder claimed by a worker that died is delivered
once its lease has run out, and once."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone
from freezegun import freeze_time

from cases import handoffs, reminders
from cases.models import Case, CaseEvent, EmailDelivery, Message, Reminder
from cases.roles import CaseRole
from tests.case_factories import notified_case, partnership_with_staff

pytestmark = pytest.mark.django_db

NOTIFIED_ON = date(2026, 3, 2)
DECISION_DUE = date(2026, 4, 2)  # a month after the notification

# A scan: a savepoint, one INSERT … SELECT per rule, its release, the read of what is left.
SCAN_QUERIES = len(reminders.RULES) + 3
# A batch: the claim (savepoint, SELECT … FOR UPDATE SKIP LOCKED, UPDATE, release) and the
# delivery (savepoint, the reminders and their cases, the recipients, INSERT messages,
# INSERT e-mails, INSERT timeline events, UPDATE delivered, release).
BATCH_QUERIES = 12


class WorkerKilled(BaseException):
    """The worker process dies: nothing after this line runs, nothing is given back."""


@pytest.fixture(autouse=True)
def no_hand_offs(monkeypatch):
    """Only reminders here: the hand-off messages of building the cases would join the
    counts."""
    monkeypatch.setattr(handoffs, "HAND_OFFS", {})
    monkeypatch.setattr(handoffs, "role_given", lambda **_: None)


def decisions_due(count: int) -> list[Case]:
    """`count` cases whose decision is due on DECISION_DUE: one reminder each on that day,
    for the CSP officer and the CSP chair."""
    with freeze_time("2026-03-02 10:00:00"):
        partnership, officer, _chair = partnership_with_staff()
        return [notified_case(partnership, officer, notified_on=NOTIFIED_ON) for _ in range(count)]


@pytest.mark.parametrize("rows", [1, 50])
def test_the_scan_costs_the_same_queries_for_1_or_50_due(django_assert_max_num_queries, rows):
    decisions_due(rows)

    with django_assert_max_num_queries(SCAN_QUERIES):
        reminder_ids = reminders.scan(on=DECISION_DUE)

    assert len(reminder_ids) == rows
    assert set(Reminder.objects.values_list("rule", "occurrence", "days_from_due")) == {
        ("decision_due", "2026-04-02+0", 0)
    }


@pytest.mark.parametrize("rows", [1, 50])
def test_a_batch_of_1_or_50_costs_the_same_queries(django_assert_max_num_queries, rows):
    decisions_due(rows)
    reminder_ids = reminders.scan(on=DECISION_DUE)

    with django_assert_max_num_queries(BATCH_QUERIES):
        delivered = reminders.deliver_reminders(reminder_ids=reminder_ids)

    assert delivered.reminders == rows
    assert len(delivered.email_ids) == 2 * rows
    assert Message.objects.filter(reminder__isnull=False).count() == 2 * rows
    assert CaseEvent.objects.filter(name="case.reminder.decision_due").count() == rows
    assert not Reminder.objects.filter(delivered_at__isnull=True).exists()
    # Each outbox row has its own Message-ID from the moment it is made.
    message_ids = EmailDelivery.objects.values_list("mail_message_id", flat=True)
    assert len(set(message_ids)) == 2 * rows and all(message_ids)


def test_the_command_delivers_batch_by_batch_each_reminder_once(monkeypatch, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    monkeypatch.setattr(reminders, "DELIVERY_BATCH", 4)
    cases = decisions_due(10)  # batches of 4, 4 and 2
    out = StringIO()

    call_command("send_reminders", "--date", DECISION_DUE.isoformat(), stdout=out)
    call_command("send_reminders", "--date", DECISION_DUE.isoformat(), stdout=out)

    assert out.getvalue().split("\n")[:2] == ["10 reminders sent", "0 reminders sent"]
    assert Message.objects.filter(reminder__isnull=False).count() == 20
    assert len(mail.outbox) == 20
    assert sorted(
        CaseEvent.objects.filter(name="case.reminder.decision_due").values_list(
            "case_id", flat=True
        )
    ) == sorted(case.pk for case in cases)


def test_a_reminder_claimed_by_a_worker_that_died_is_delivered_after_the_lease_once(
    monkeypatch,
):
    decisions_due(1)
    [reminder_id] = reminders.scan(on=DECISION_DUE)

    def killed(*args, **kwargs):
        raise WorkerKilled

    with monkeypatch.context() as patch:
        patch.setattr(reminders, "_deliver_claimed", killed)
        with pytest.raises(WorkerKilled):
            reminders.deliver_reminders(reminder_ids=[reminder_id])
    reminder = Reminder.objects.get()
    assert reminder.claimed_at is not None and reminder.delivered_at is None

    # Within the lease the dead worker may be only slow: nobody else takes the reminder.
    assert reminders.scan(on=DECISION_DUE) == [reminder_id]
    assert reminders.deliver_reminders(reminder_ids=[reminder_id]).reminders == 0
    assert not Message.objects.exists()

    after_the_lease = timezone.now() + reminders.DELIVERY_LEASE + timedelta(seconds=1)
    with freeze_time(after_the_lease):
        assert reminders.deliver_reminders(reminder_ids=[reminder_id]).reminders == 1
        assert reminders.deliver_reminders(reminder_ids=[reminder_id]).reminders == 0

    assert Message.objects.count() == 2
    assert EmailDelivery.objects.count() == 2
    assert CaseEvent.objects.filter(name="case.reminder.decision_due").count() == 1


def test_a_batch_that_fails_gives_its_reminders_back_at_once(monkeypatch):
    decisions_due(2)
    reminder_ids = reminders.scan(on=DECISION_DUE)

    def broken(*args, **kwargs):
        raise RuntimeError("the database refused the batch")

    with monkeypatch.context() as patch:
        patch.setattr(reminders, "_deliver_claimed", broken)
        delivered = reminders.deliver_reminders(reminder_ids=reminder_ids)

    assert delivered.reminders == 0
    assert not Reminder.objects.filter(claimed_at__isnull=False).exists()
    assert reminders.deliver_reminders(reminder_ids=reminder_ids).reminders == 2


def test_a_registered_rule_that_annotates_its_case_id_is_recorded(monkeypatch):
    """The scan's INSERT … SELECT reads the rule's columns by position: an annotation
    asked for first is selected first."""
    monkeypatch.setattr(reminders, "RULES", list(reminders.RULES))
    monkeypatch.setattr(reminders, "RULES_BY_NAME", dict(reminders.RULES_BY_NAME))
    [case] = decisions_due(1)
    reminders.register(
        reminders.ReminderRule(
            name="annotated_first",
            what="something annotated",
            days_before=(0,),
            weekly_when_overdue=True,
            recipients=(CaseRole.CSP_OFFICER,),
            due_dates=lambda until: (
                Case.objects.filter(decision_due_on__lte=until)
                .annotate(the_case=F("pk"))
                .values_list("the_case", "decision_due_on")
            ),
        )
    )

    reminders.scan(on=DECISION_DUE + timedelta(days=15))

    recorded = Reminder.objects.get(rule="annotated_first")
    assert (recorded.case_id, recorded.due_on, recorded.occurrence, recorded.days_from_due) == (
        case.pk,
        DECISION_DUE,
        "2026-04-02+14",
        15,
    )
