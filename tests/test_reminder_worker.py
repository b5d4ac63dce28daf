"""The reminder tasks in a real Celery worker with a real Redis broker (DESIGN §7).

The worker runs in a thread of this process (celery.contrib.testing.worker.start_worker),
so it shares the locmem mail outbox and reads the test database through its own
connection: the tests use committed data (transaction=True). The broker is Redis, in a
database index of its own and a queue named for this test run (two runs on one Redis never
take each other's messages), emptied before and after each test. Without REDIS_URL the tests
are skipped on a workstation and fail in CI, where Redis must be running.

No test sleeps for a fixed time: each waits, up to a deadline, for a condition, such as
every task published so far having run to its end (TaskRuns).
"""

import os
import time
import uuid
from collections import Counter
from urllib.parse import urlsplit

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import after_task_publish, task_postrun
from celery.worker import state as worker_state
from django.core import mail

from cases import reminders, tasks
from cases.models import CaseEvent, EmailDelivery, Message, Reminder
from dhr.celery import app
from tests.case_factories import days_ago, notified_case, partnership_with_staff

pytestmark = pytest.mark.django_db(transaction=True)

TEST_REDIS_DB = 15
WAIT_SECONDS = 30


def test_broker_url(redis_url: str) -> str:
    return urlsplit(redis_url)._replace(path=f"/{TEST_REDIS_DB}").geturl()


test_broker_url.__test__ = False  # a helper, not a test


def _reset_broker_connections():
    """Drop the connections and the queue declarations made from the old settings."""
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.__dict__.pop("amqp", None)  # rebuilt on first use, from the current settings


@pytest.fixture(scope="session")
def redis_broker():
    """Point the Celery app at a Redis database of the tests' own, tasks not eager."""
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        if os.environ.get("CI") == "true":
            pytest.fail("REDIS_URL is not set: CI must run the worker tests against Redis.")
        pytest.skip("REDIS_URL is not set: the real-worker tests need Redis.")
    names = ("broker_url", "broker_transport_options", "task_always_eager", "task_default_queue")
    saved = {name: app.conf[name] for name in names}
    app.conf.broker_url = test_broker_url(redis_url)
    app.conf.broker_transport_options = {}
    app.conf.task_always_eager = False
    app.conf.task_default_queue = f"dhr-tests-{uuid.uuid4().hex}"
    _reset_broker_connections()
    yield app
    app.conf.update(saved)
    _reset_broker_connections()


@pytest.fixture
def broker(redis_broker):
    redis_broker.control.purge()
    yield redis_broker
    redis_broker.control.purge()


class TaskRuns:
    """The ids of the tasks published and of those a worker has run to their end, from
    Celery's signals (the worker is a thread of this process). A task publishes the tasks
    it queues before it ends, so once every published task has ended nothing more is on
    its way: whatever would go twice has gone."""

    def __init__(self):
        self.published: set[str] = set()
        self.ended: set[str] = set()

    def on_publish(self, headers=None, **kwargs):
        self.published.add(headers["id"])

    def on_end(self, task_id=None, **kwargs):
        self.ended.add(task_id)

    def all_ended(self) -> bool:
        return self.published <= self.ended


@pytest.fixture
def task_runs(broker):
    runs = TaskRuns()
    after_task_publish.connect(runs.on_publish, weak=False)
    task_postrun.connect(runs.on_end, weak=False)
    yield runs
    after_task_publish.disconnect(runs.on_publish)
    task_postrun.disconnect(runs.on_end)


def worker(pool="solo", concurrency=1):
    return start_worker(
        app,
        pool=pool,
        concurrency=concurrency,
        perform_ping_check=False,
        shutdown_timeout=60,
        loglevel="WARNING",
    )


def wait_for(condition, timeout=WAIT_SECONDS) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)  # the polling interval, not a wait for something to happen
    return condition()


def all_delivered(reminder_count: int, email_count: int):
    def condition():
        return (
            Reminder.objects.count() == reminder_count
            and not Reminder.objects.filter(delivered_at__isnull=True).exists()
            and EmailDelivery.objects.filter(status=EmailDelivery.Status.SENT).count()
            == email_count
        )

    return condition


@pytest.fixture
def due_cases():
    """Three cases whose decision is due or overdue: one reminder each, for the CSP
    officer and the CSP chair (two e-mails each)."""
    partnership, officer, chair = partnership_with_staff()
    cases = [notified_case(partnership, officer, notified_on=days_ago(n)) for n in (30, 38, 45)]
    return cases, officer, chair


def assert_each_person_told_once_per_reminder(cases, people):
    reminders_ = list(Reminder.objects.select_related("case"))
    assert len(reminders_) == len(cases)
    assert {reminder.case_id for reminder in reminders_} == {case.pk for case in cases}
    sent = Counter((message.subject, tuple(message.to)) for message in mail.outbox)
    expected = {
        (reminders.reminder_message(r, reminders.RULES_BY_NAME[r.rule]).rstrip("."), (p.email,))
        for r in reminders_
        for p in people
    }
    assert set(sent) == expected
    assert set(sent.values()) == {1}, f"an e-mail went twice: {sent}"
    assert Message.objects.count() == len(reminders_) * len(people)
    assert CaseEvent.objects.filter(name__startswith="case.reminder.").count() == len(reminders_)
    assert set(EmailDelivery.objects.values_list("status", "attempts")) == {("sent", 1)}


def test_the_daily_scan_is_delivered_by_a_worker(task_runs, due_cases):
    cases, officer, chair = due_cases

    with worker():
        tasks.scan_deadlines.delay()
        assert wait_for(all_delivered(3, 6)), "the worker did not deliver every reminder"
        assert wait_for(task_runs.all_ended)  # anything sent twice has been sent by now

    assert_each_person_told_once_per_reminder(cases, [officer, chair])


def test_two_scans_back_to_back_send_each_reminder_once(task_runs, due_cases):
    cases, officer, chair = due_cases

    with worker():
        tasks.scan_deadlines.delay()
        tasks.scan_deadlines.delay()
        assert wait_for(all_delivered(3, 6))
        tasks.scan_deadlines.delay()  # and once more after everything went
        assert wait_for(task_runs.all_ended)

    assert_each_person_told_once_per_reminder(cases, [officer, chair])


def test_duplicate_messages_taken_at_once_send_each_email_once(task_runs, due_cases):
    """Redis may deliver a message twice (a worker lost before its acknowledgement): two
    copies of every message, taken by four worker threads at once, send each e-mail once."""
    cases, officer, chair = due_cases
    reminder_ids = reminders.scan(on=days_ago(0))
    for _ in range(2):
        for reminder_id in reminder_ids:
            tasks.deliver_reminders.delay([reminder_id])

    with worker(pool="threads", concurrency=4):
        assert wait_for(all_delivered(3, 6))
        assert wait_for(task_runs.all_ended)

    assert_each_person_told_once_per_reminder(cases, [officer, chair])


def test_messages_queued_while_no_worker_runs_are_delivered_once_by_the_next(
    task_runs, due_cases, monkeypatch
):
    cases, officer, chair = due_cases
    reminder_ids = reminders.scan(on=days_ago(0))
    for reminder_id in reminder_ids:
        tasks.deliver_reminders.delay([reminder_id])
    tasks.deliver_reminders.delay(reminder_ids)  # a redelivered copy of all of them

    # The first worker stops after its first batch (one reminder): it holds on to that
    # batch's message until it is told to stop (start_worker sets should_terminate on
    # leaving the block), so the rest stay queued.
    real_deliver = reminders.deliver_reminders

    def deliver_then_hold_until_stopped(**kwargs):
        result = real_deliver(**kwargs)
        wait_for(lambda: worker_state.should_terminate is not None)
        return result

    monkeypatch.setattr(reminders, "deliver_reminders", deliver_then_hold_until_stopped)
    assert not Reminder.objects.filter(delivered_at__isnull=False).exists()
    with worker():
        assert wait_for(lambda: Reminder.objects.filter(delivered_at__isnull=False).exists())
    stopped_with = Reminder.objects.filter(delivered_at__isnull=False).count()
    monkeypatch.setattr(reminders, "deliver_reminders", real_deliver)

    with worker():
        assert wait_for(all_delivered(3, 6))
        assert wait_for(task_runs.all_ended)

    assert stopped_with < len(reminder_ids), "the first worker was not stopped midway"
    assert_each_person_told_once_per_reminder(cases, [officer, chair])


def test_a_crash_inside_delivery_rolls_back_and_the_next_scan_delivers_once(
    task_runs, due_cases, monkeypatch
):
    cases, officer, chair = due_cases
    real_reminder_message = reminders.reminder_message
    crashes, mended = [], []

    def reminder_message_crashing_on_one_case(reminder, rule):
        if not mended and reminder.case_id == (crashes or [reminder.case_id])[0]:
            crashes.append(reminder.case_id)
            raise RuntimeError("the worker died here")
        return real_reminder_message(reminder, rule)

    monkeypatch.setattr(reminders, "reminder_message", reminder_message_crashing_on_one_case)

    with worker():
        tasks.scan_deadlines.delay()
        # The batch crashed on its first reminder and was rolled back; tried one by one,
        # that reminder crashed again (nothing of it was written) and the others went.
        assert wait_for(task_runs.all_ended)
        assert crashes
        undelivered = Reminder.objects.filter(delivered_at__isnull=True)
        assert list(undelivered.values_list("case_id", flat=True)) == crashes[:1]
        assert not Message.objects.filter(case_id=crashes[0]).exists()
        assert not EmailDelivery.objects.filter(message__case_id=crashes[0]).exists()
        assert not CaseEvent.objects.filter(
            case_id=crashes[0], name__startswith="case.reminder."
        ).exists()
        assert Message.objects.count() == 4  # the other two reminders, two people each

        mended.append(True)
        tasks.scan_deadlines.delay()  # the next morning's scan
        assert wait_for(all_delivered(3, 6))
        assert wait_for(task_runs.all_ended)

    assert_each_person_told_once_per_reminder(cases, [officer, chair])


def test_emails_of_a_worker_lost_before_queueing_them_are_sent_by_the_next_scan(
    task_runs, due_cases, monkeypatch
):
    cases, officer, chair = due_cases
    real_delay = tasks.send_email.delay_on_commit
    lost = []

    def delay_lost_once(*args, **kwargs):
        if not lost:
            lost.append(args)
            raise RuntimeError("the worker died before queueing the e-mails")
        return real_delay(*args, **kwargs)

    monkeypatch.setattr(tasks.send_email, "delay_on_commit", delay_lost_once)

    with worker():
        tasks.scan_deadlines.delay()
        assert wait_for(task_runs.all_ended)
        assert lost
        tasks.scan_deadlines.delay()  # the next morning's scan
        delivered = wait_for(all_delivered(3, 6), timeout=10)

    assert delivered, "e-mails left pending by the lost worker were never sent"
    assert_each_person_told_once_per_reminder(cases, [officer, chair])
