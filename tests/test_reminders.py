"""Deadline reminders (DESIGN §7): each rule fires on exactly its days, to exactly the people
responsible, once; the e-mail carries no case details; the inbox is private;
SMTP failures are retried and then recorded.

Most tests drive the operators' command `send_reminders --date`, walking day by day through
a deadline and noting on which days a Reminder was recorded. The Celery tasks run eagerly
here; tests/test_reminder_worker.py runs them in a real worker against a real broker.
"""

import smtplib
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import CommandError, call_command
from django.urls import reverse
from freezegun import freeze_time

from cases import handoffs, reminders, services, tasks
from cases.models import (
    Case,
    CaseEvent,
    CaseLetter,
    Decision,
    EmailDelivery,
    FamilyLetterNotSent,
    Message,
    PartnershipRole,
    Reminder,
)
from cases.roles import CaseRole
from dhr.celery import app as celery_app
from tests.case_factories import (
    administrator,
    case_awaiting_decision,
    case_member,
    case_with_letters_sent,
    chair_of,
    letter_pdf,
    notified_case,
    outsider,
    partnership_with_staff,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_hand_offs(monkeypatch):
    """Only reminders here: the messages that hand work over as cases are built are tested
    in test_handoffs.py, and would otherwise join every count below."""
    monkeypatch.setattr(handoffs, "HAND_OFFS", {})
    monkeypatch.setattr(handoffs, "role_given", lambda **_: None)


# Notified on 2 March 2026: the decision (and the Home Office letter) is due on 2 April.
NOTIFIED_ON = date(2026, 3, 2)
DECISION_DUE = date(2026, 4, 2)
# Decided three days after the notification: the overview report is due on 5 September.
DECIDED_ON = date(2026, 3, 5)
REPORT_DUE = date(2026, 9, 5)

# What the e-mail must never carry (tests.case_factories' victim, suspect and details).
SENSITIVE = ("Jane Doe", "Adult A", "John Roe", "Adult B", "Found dead at home", "1984")


# Helpers --------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def only_the_cores_rules(monkeypatch):
    """These tests walk the case core's own deadlines day by day. The rules later apps
    register (the terms of reference target, a meeting tomorrow) have their own tests."""
    monkeypatch.setattr(
        reminders,
        "RULES",
        [rule for rule in reminders.RULES if rule.due_dates.__module__ == "cases.reminders"],
    )


def run(on: date | None = None) -> str:
    out = StringIO()
    args = ["--date", on.isoformat()] if on else []
    call_command("send_reminders", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def walk(first: date, last: date, *, before_day=None) -> dict[date, list[tuple[str, int]]]:
    """Run the command for every day from `first` to `last`; return, per day that recorded
    any, the (rule, days from the due date) of the reminders recorded that day.
    `before_day(day)` runs before each day's scan (to record a decision, a letter...)."""
    fired = {}
    day = first
    while day <= last:
        if before_day:
            before_day(day)
        seen = set(Reminder.objects.values_list("pk", flat=True))
        run(day)
        new = Reminder.objects.exclude(pk__in=seen).order_by("rule", "days_from_due")
        if new:
            fired[day] = [(reminder.rule, reminder.days_from_due) for reminder in new]
        day += timedelta(days=1)
    return fired


def days(due: date, *offsets: int) -> list[date]:
    return [due + timedelta(days=offset) for offset in offsets]


def awaiting_decision():
    with freeze_time("2026-03-02 10:00:00"):
        partnership, officer, chair = partnership_with_staff()
        case = case_awaiting_decision(partnership, officer, notified_on=NOTIFIED_ON)
    assert case.decision_due_on == DECISION_DUE
    return case, officer, chair


def under_review_with_letters():
    with freeze_time("2026-03-06 10:00:00"):
        partnership, officer, chair = partnership_with_staff()
        case = case_with_letters_sent(
            partnership, officer, notified_on=NOTIFIED_ON, decided_on=DECIDED_ON
        )
    assert case.overview_report_due_on == REPORT_DUE
    return case, officer, chair


def recipients_of_emails() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def eager_celery():
    """Tasks run inline in the test (override_settings does not reach the Celery app)."""
    saved = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = saved


class FailingBackend(LocmemBackend):
    """A mail server that refuses every message."""

    def send_messages(self, messages):
        raise smtplib.SMTPException("451 try again later")


class FlakyBackend(LocmemBackend):
    """A mail server that refuses the first message it is given, then accepts."""

    failures_left = 0

    def send_messages(self, messages):
        if FlakyBackend.failures_left:
            FlakyBackend.failures_left -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


# The days each rule fires on ------------------------------------------------------------


@pytest.mark.parametrize("build", [notified_case, case_awaiting_decision])
def test_decision_reminders_fire_before_on_and_weekly_after_the_due_date(build):
    with freeze_time("2026-03-02 10:00:00"):
        partnership, officer, _ = partnership_with_staff()
        case = build(partnership, officer, notified_on=NOTIFIED_ON)
    assert case.decision_due_on == DECISION_DUE

    fired = walk(DECISION_DUE - timedelta(days=40), DECISION_DUE + timedelta(days=30))

    assert fired == {
        day: [("decision_due", offset)]
        for day, offset in zip(
            days(DECISION_DUE, -7, -1, 0, 7, 14, 21, 28), (-7, -1, 0, 7, 14, 21, 28), strict=True
        )
    }


def test_overview_report_reminders_fire_30_14_7_days_before_on_the_day_and_weekly_after():
    _case, _, _ = under_review_with_letters()

    fired = walk(REPORT_DUE - timedelta(days=40), REPORT_DUE + timedelta(days=30))

    offsets = (-30, -14, -7, 0, 7, 14, 21, 28)
    assert fired == {
        day: [("overview_report_due", offset)]
        for day, offset in zip(days(REPORT_DUE, *offsets), offsets, strict=True)
    }


def record_letter(case, by, recipient, sent_on):
    services.record_letter(
        case=Case.objects.get(pk=case.pk),
        by=by,
        recipient=recipient,
        sent_on=sent_on,
        method=CaseLetter.Method.EMAIL,
        copy=letter_pdf(),
    )


@pytest.mark.parametrize(
    ("rule", "ended_by"),
    [
        ("home_office_letter_due", "the letter"),
        ("family_letter_due", "the letter"),
        ("family_letter_due", "a reason recorded instead"),
    ],
)
def test_letter_reminders_start_after_the_decision_and_stop_when_it_is_dealt_with(rule, ended_by):
    case, officer, chair = awaiting_decision()
    late_decision = DECISION_DUE + timedelta(days=2)
    dealt_with = DECISION_DUE + timedelta(days=9)
    watched, other = (
        (CaseLetter.Recipient.HOME_OFFICE, CaseLetter.Recipient.FAMILY)
        if rule == "home_office_letter_due"
        else (CaseLetter.Recipient.FAMILY, CaseLetter.Recipient.HOME_OFFICE)
    )

    def before_day(day):
        if day == late_decision:
            services.record_decision(
                case=Case.objects.get(pk=case.pk),
                by=chair,
                decision=Decision.Outcome.REVIEW,
                decided_on=late_decision,
                reasons="Former intimate partners.",
            )
            record_letter(case, officer, other, late_decision)
        if day == dealt_with and ended_by == "the letter":
            record_letter(case, officer, watched, dealt_with)
        if day == dealt_with and ended_by == "a reason recorded instead":
            services.record_family_letter_not_sent(
                case=Case.objects.get(pk=case.pk),
                by=officer,
                reason=FamilyLetterNotSent.Reason.DEFERRED_POLICE,
                explanation="The senior investigating officer asks us to wait for the charge.",
                recorded_on=dealt_with,
            )

    fired = walk(
        DECISION_DUE - timedelta(days=40), DECISION_DUE + timedelta(days=30), before_day=before_day
    )

    assert fired == {
        DECISION_DUE - timedelta(days=7): [("decision_due", -7)],
        DECISION_DUE - timedelta(days=1): [("decision_due", -1)],
        DECISION_DUE: [("decision_due", 0)],
        # The letter was due with the decision: the first scan after the decision catches
        # up with the reminder due on the day, then it repeats weekly until it is dealt with.
        late_decision: [(rule, 2)],
        DECISION_DUE + timedelta(days=7): [(rule, 7)],
    }


def test_the_family_letter_reminder_says_what_it_is_about():
    case, _officer, _chair = under_review_with_letters()
    CaseLetter.objects.filter(case=case, recipient=CaseLetter.Recipient.FAMILY).delete()

    run(DECISION_DUE)

    [reminder] = Reminder.objects.all()
    assert reminder.rule == "family_letter_due"
    messages = set(Message.objects.values_list("text", flat=True))
    assert messages == {
        f"{case.reference}: the letter to the victim's family about the decision is due "
        "today, 2 April 2026."
    }
    assert {m.subject for m in mail.outbox} == {m.rstrip(".") for m in messages}


def test_a_case_that_met_its_deadlines_gets_no_reminders():
    under_review_with_letters()

    fired = walk(DECISION_DUE - timedelta(days=40), DECISION_DUE + timedelta(days=30))

    assert fired == {}
    assert not Message.objects.exists()
    assert mail.outbox == []


def test_a_pause_before_the_decision_does_not_silence_the_decision_reminders():
    """The decision, and telling the Home Office and the family, are due within the month
    whatever happens (seed 000 l.160; seed 002 (3)): pending is for the review itself."""
    case, officer, _ = awaiting_decision()
    paused_on = DECISION_DUE - timedelta(days=10)
    services.pause_case(case=case, by=officer, reason="Criminal proceedings.", starts_on=paused_on)

    fired = walk(paused_on, DECISION_DUE + timedelta(days=14))

    assert fired == {
        DECISION_DUE - timedelta(days=7): [("decision_due", -7)],
        DECISION_DUE - timedelta(days=1): [("decision_due", -1)],
        DECISION_DUE: [("decision_due", 0)],
        DECISION_DUE + timedelta(days=7): [("decision_due", 7)],
        DECISION_DUE + timedelta(days=14): [("decision_due", 14)],
    }


def test_a_pause_does_not_silence_the_letters_about_the_decision():
    case, officer, _ = awaiting_decision()
    services.pause_case(
        case=case, by=officer, reason="Criminal proceedings.", starts_on=NOTIFIED_ON
    )
    services.record_decision(
        case=Case.objects.get(pk=case.pk),
        by=chair_of(case.partnership),
        decision=Decision.Outcome.REVIEW,
        decided_on=DECIDED_ON,
        reasons="Former intimate partners.",
    )

    fired = walk(DECISION_DUE - timedelta(days=7), DECISION_DUE)

    letters = ("family_letter_due", "home_office_letter_due")
    assert fired == {
        DECISION_DUE - timedelta(days=7): [(rule, -7) for rule in letters],
        DECISION_DUE - timedelta(days=1): [(rule, -1) for rule in letters],
        DECISION_DUE: [(rule, 0) for rule in letters],
    }


def test_a_paused_review_gets_no_overview_report_reminders_until_it_resumes():
    case, officer, _ = under_review_with_letters()
    paused_on = REPORT_DUE - timedelta(days=20)
    resumed_on = REPORT_DUE + timedelta(days=3)
    services.pause_case(
        case=case,
        by=officer,
        reason="Criminal trial.",
        starts_on=paused_on,
        # The trial was expected to end before the due date; it slipped.
        expected_end_on=REPORT_DUE - timedelta(days=10),
    )

    while_paused = walk(paused_on, resumed_on - timedelta(days=1))
    services.resume_case(case=Case.objects.get(pk=case.pk), by=officer, resumed_on=resumed_on)
    after = walk(resumed_on, REPORT_DUE + timedelta(days=14))

    assert while_paused == {}
    assert after == {
        # The scan on the day it resumes sends the one outstanding reminder (the
        # on-the-day one, now late), then the weekly ones resume.
        resumed_on: [("overview_report_due", 3)],
        REPORT_DUE + timedelta(days=7): [("overview_report_due", 7)],
        REPORT_DUE + timedelta(days=14): [("overview_report_due", 14)],
    }


def test_an_extension_is_reminded_weekly_until_the_home_office_is_told():
    case, officer, chair = under_review_with_letters()
    agreed_on = REPORT_DUE - timedelta(days=40)
    told_on = agreed_on + timedelta(days=16)
    services.agree_extension(
        case=case,
        by=officer,
        new_due_on=REPORT_DUE + timedelta(days=90),
        reason="Two IMRs are late.",
        agreed_by=chair,
        agreed_on=agreed_on,
    )

    def before_day(day):
        if day == told_on:
            services.record_home_office_told_of_extension(
                case=Case.objects.get(pk=case.pk), by=officer, told_on=told_on
            )

    fired = walk(agreed_on, agreed_on + timedelta(days=30), before_day=before_day)

    assert fired == {
        agreed_on: [("extension_home_office_told", 0)],
        agreed_on + timedelta(days=7): [("extension_home_office_told", 7)],
        agreed_on + timedelta(days=14): [("extension_home_office_told", 14)],
    }
    assert set(Message.objects.values_list("text", flat=True)) >= {
        f"{case.reference}: telling the Home Office of the overview report's new deadline "
        f"was due 7 days ago, on {agreed_on:%-d %B %Y}."
    }
    told = {officer.pk, chair.pk}
    assert set(Message.objects.values_list("user", flat=True)) == told


# Who is told ----------------------------------------------------------------------------


def test_decision_reminders_go_to_the_csp_chair_and_officers_and_nobody_else():
    case, officer, chair = awaiting_decision()
    second_officer = UserFactory(full_name="Second Officer", partnership=case.partnership)
    services.grant_partnership_role(
        partnership=case.partnership,
        user=second_officer,
        role=PartnershipRole.Role.OFFICER,
        by=None,
    )
    others = [
        case_member(case, CaseRole.PANEL_MEMBER, by=officer),
        case_member(case, CaseRole.IMR_AUTHOR, by=officer),
        case_member(case, CaseRole.INDEPENDENT_CHAIR, by=officer),
        outsider(),
    ]
    with freeze_time("2026-03-02 10:00:00"):
        elsewhere, elsewhere_officer, elsewhere_chair = partnership_with_staff()
        notified_case(elsewhere, elsewhere_officer, notified_on=NOTIFIED_ON + timedelta(days=9))
    others += [elsewhere_officer, elsewhere_chair]
    # A former officer, whose membership ended, is not told either.
    former = UserFactory(full_name="Former Officer", partnership=case.partnership)
    role = services.grant_partnership_role(
        partnership=case.partnership, user=former, role=PartnershipRole.Role.OFFICER, by=None
    )
    services.revoke_partnership_role(partnership_role=role, by=None)
    others.append(former)

    output = run(DECISION_DUE - timedelta(days=7))

    told = {officer, chair, second_officer}
    assert output.strip().endswith("1 reminders sent")
    assert set(Message.objects.values_list("user", flat=True)) == {u.pk for u in told}
    assert Message.objects.count() == len(told)
    assert set(EmailDelivery.objects.values_list("message__user", flat=True)) == {
        u.pk for u in told
    }
    assert set(EmailDelivery.objects.values_list("status", flat=True)) == {"sent"}
    assert recipients_of_emails() == sorted(u.email for u in told)
    assert all(len(message.to) == 1 for message in mail.outbox)
    for person in others:
        assert not Message.objects.filter(user=person).exists()
        assert not EmailDelivery.objects.filter(message__user=person).exists()


def test_overview_report_reminders_go_to_the_independent_chair_and_officers_only():
    case, officer, chair = under_review_with_letters()
    independent_chair = case_member(case, CaseRole.INDEPENDENT_CHAIR, by=officer)
    others = [
        chair,  # the CSP chair decided; the report is the independent chair's
        case_member(case, CaseRole.PANEL_MEMBER, by=officer),
        case_member(case, CaseRole.IMR_AUTHOR, by=officer),
        case_member(case, CaseRole.SENIOR_MANAGER, by=officer),
        outsider(),
    ]

    run(REPORT_DUE - timedelta(days=7))

    told = {officer, independent_chair}
    assert set(Message.objects.values_list("user", flat=True)) == {u.pk for u in told}
    assert recipients_of_emails() == sorted(u.email for u in told)
    for person in others:
        assert not Message.objects.filter(user=person).exists()
        assert not EmailDelivery.objects.filter(message__user=person).exists()


# What they are told ---------------------------------------------------------------------


def test_the_email_has_text_and_html_the_reference_due_date_and_link_and_no_case_details():
    case, _officer, chair = awaiting_decision()

    run(DECISION_DUE - timedelta(days=7))

    assert len(mail.outbox) == 2
    case_url = "http://127.0.0.1:8000" + case.get_absolute_url()
    for message in mail.outbox:
        [(html, mimetype)] = message.alternatives
        assert mimetype == "text/html"
        assert case.reference in message.subject
        for part in (message.body, html):
            assert case.reference in part
            assert "2 April 2026" in part
            assert "due in 7 days" in part
            assert case_url in part
            assert "extension" not in part
        for part in (message.subject, message.body, html):
            for secret in SENSITIVE:
                assert secret not in part
    [to_chair] = [m for m in mail.outbox if m.to == [chair.email]]
    assert to_chair.body.startswith(f"Dear {chair.get_short_name()},")


@pytest.mark.parametrize(
    ("offset", "suggests_extension"),
    [(-30, False), (-14, False), (-7, True), (0, True), (7, True), (14, True)],
)
def test_overview_report_reminders_close_to_the_date_link_to_recording_an_extension(
    offset, suggests_extension
):
    case, _, _ = under_review_with_letters()
    extension_url = "http://127.0.0.1:8000" + reverse(
        "cases:extension", kwargs={"reference": case.reference}
    )

    run(REPORT_DUE + timedelta(days=offset))

    assert len(mail.outbox) == 1
    [message] = mail.outbox
    [(html, _)] = message.alternatives
    assert (extension_url in message.body) is suggests_extension
    assert (extension_url in html) is suggests_extension
    assert "5 September 2026" in message.body
    for secret in SENSITIVE:
        assert secret not in message.body + html


def test_the_reminder_appears_in_the_case_timeline(client):
    case, officer, chair = awaiting_decision()

    run(DECISION_DUE)

    [event] = CaseEvent.objects.filter(case=case, name__startswith="case.reminder.")
    assert event.name == "case.reminder.decision_due"
    assert event.actor is None
    assert "is due today" in event.description
    assert chair.full_name in event.description and officer.full_name in event.description
    client.force_login(officer)
    response = client.get(reverse("cases:timeline", kwargs={"reference": case.reference}))
    assert "is due today, 2 April 2026" in response.content.decode()


# Idempotency, late runs, the command ----------------------------------------------------


def test_running_the_scan_twice_on_one_day_sends_nothing_the_second_time():
    _case, _, _ = awaiting_decision()
    on = DECISION_DUE - timedelta(days=1)

    first = run(on)
    counts = (
        len(mail.outbox),
        Message.objects.count(),
        EmailDelivery.objects.count(),
        CaseEvent.objects.filter(name__startswith="case.reminder.").count(),
    )
    second = run(on)

    assert first.strip().endswith("1 reminders sent")
    assert second.strip().endswith("0 reminders sent")
    assert counts == (2, 2, 2, 1)
    assert (
        len(mail.outbox),
        Message.objects.count(),
        EmailDelivery.objects.count(),
        CaseEvent.objects.filter(name__startswith="case.reminder.").count(),
    ) == counts
    assert Reminder.objects.count() == 1


def test_a_late_scan_sends_the_missed_reminder_once_with_the_true_number_of_days():
    case, _, _ = awaiting_decision()

    run(DECISION_DUE - timedelta(days=5))  # the scans 7 and 6 days before did not run
    run(DECISION_DUE - timedelta(days=4))
    run(DECISION_DUE - timedelta(days=2))

    [reminder] = Reminder.objects.all()
    assert reminder.days_from_due == -5
    assert reminder.occurrence == "2026-04-02-7"
    assert len(mail.outbox) == 2
    assert all("due in 5 days, on 2 April 2026" in m.body for m in mail.outbox)
    assert set(Message.objects.values_list("text", flat=True)) == {
        f"{case.reference}: the decision whether to hold a review is due in 5 days, "
        "on 2 April 2026."
    }


def test_the_command_runs_as_of_today_in_london():
    _case, _, _ = awaiting_decision()
    # 23:30 UTC on 31 March is 00:30 on 1 April in London (British Summer Time):
    # the day before the decision is due. In UTC it would be 2 days before: no reminder.
    with freeze_time("2026-03-31 23:30:00"):
        output = run()

    assert output.strip().endswith("1 reminders sent")
    assert Reminder.objects.get().days_from_due == -1


def test_the_scan_task_runs_as_of_today_in_london(eager_celery, django_capture_on_commit_callbacks):
    _case, _, _ = awaiting_decision()

    # The tasks enqueue their follow-ups on commit; the test's transaction never commits.
    with freeze_time("2026-03-31 23:30:00"), django_capture_on_commit_callbacks(execute=True):
        tasks.scan_deadlines.apply()

    reminder = Reminder.objects.get()
    assert reminder.days_from_due == -1
    assert reminder.delivered_at is not None
    assert len(mail.outbox) == 2
    assert set(EmailDelivery.objects.values_list("status", flat=True)) == {"sent"}


@pytest.mark.parametrize("value", ["2026-02-30", "tomorrow", "23/11/2026"])
def test_the_command_refuses_a_bad_date(value):
    with pytest.raises(CommandError, match="--date must be a date like"):
        call_command("send_reminders", "--date", value, stdout=StringIO())


# SMTP failures --------------------------------------------------------------------------


@pytest.fixture
def pending_email(settings):
    """One reminder delivered in the app, its e-mail to the CSP officer not yet sent."""
    _case, _officer, chair = awaiting_decision()
    services.revoke_partnership_role(
        partnership_role=PartnershipRole.objects.get(user=chair), by=administrator()
    )
    [reminder_id] = reminders.scan(on=DECISION_DUE)
    [delivery_id] = reminders.deliver_reminder(reminder_id=reminder_id)
    return EmailDelivery.objects.get(pk=delivery_id)


def test_an_email_the_mail_server_refuses_once_is_retried_and_sent(settings, pending_email):
    settings.EMAIL_BACKEND = "tests.test_reminders.FlakyBackend"
    FlakyBackend.failures_left = 1

    # apply() runs the retry inline, as the next attempt (the countdown is not waited).
    tasks.send_email.apply(args=[pending_email.pk])

    pending_email.refresh_from_db()
    assert pending_email.status == EmailDelivery.Status.SENT
    assert pending_email.attempts == 2
    assert "SMTPServerDisconnected" in pending_email.last_error
    assert len(mail.outbox) == 1


def test_an_email_still_refused_after_every_retry_is_marked_failed(settings, pending_email):
    settings.EMAIL_BACKEND = "tests.test_reminders.FailingBackend"

    tasks.send_email.apply(args=[pending_email.pk])

    pending_email.refresh_from_db()
    assert pending_email.status == EmailDelivery.Status.FAILED
    assert pending_email.attempts == tasks.EMAIL_RETRIES + 1
    assert "SMTPException" in pending_email.last_error
    assert "451 try again later" in pending_email.last_error
    assert mail.outbox == []


def test_a_failed_attempt_before_the_last_leaves_the_email_pending_and_asks_for_a_retry(
    settings, pending_email, monkeypatch
):
    """The retry itself: one attempt that is not the last records the error, keeps the row
    pending and re-queues the task with a back-off (here the re-queue is captured)."""
    settings.EMAIL_BACKEND = "tests.test_reminders.FailingBackend"
    queued = []
    monkeypatch.setattr(
        "celery.canvas.Signature.apply",
        lambda signature, *args, **kwargs: queued.append(signature),
    )

    tasks.send_email.apply(args=[pending_email.pk], retries=2)

    pending_email.refresh_from_db()
    assert pending_email.status == EmailDelivery.Status.PENDING
    assert pending_email.attempts == 1
    assert "SMTPException" in pending_email.last_error
    [retry] = queued
    assert retry.args == (pending_email.pk,)
    assert 0 <= retry.options["countdown"] <= 30 * 2**2


def test_the_last_attempt_marks_the_email_failed(settings, pending_email):
    settings.EMAIL_BACKEND = "tests.test_reminders.FailingBackend"

    tasks.send_email.apply(args=[pending_email.pk], retries=tasks.EMAIL_RETRIES)

    pending_email.refresh_from_db()
    assert pending_email.status == EmailDelivery.Status.FAILED
    assert pending_email.attempts == 1
    assert "451 try again later" in pending_email.last_error


def test_an_email_that_went_already_is_not_sent_again(pending_email):
    tasks.send_email.apply(args=[pending_email.pk])
    tasks.send_email.apply(args=[pending_email.pk])

    pending_email.refresh_from_db()
    assert pending_email.status == EmailDelivery.Status.SENT
    assert pending_email.attempts == 1
    assert len(mail.outbox) == 1


def test_the_command_reports_emails_the_mail_server_refused(settings):
    settings.EMAIL_BACKEND = "tests.test_reminders.FailingBackend"
    awaiting_decision()
    out, err = StringIO(), StringIO()

    call_command("send_reminders", "--date", DECISION_DUE.isoformat(), stdout=out, stderr=err)

    assert out.getvalue().strip().endswith("1 reminders sent")
    assert "2 e-mails could not be sent" in err.getvalue()
    assert Message.objects.count() == 2
    assert set(EmailDelivery.objects.values_list("status", "attempts")) == {("pending", 1)}


def test_emails_the_command_could_not_send_are_sent_by_a_later_scan(
    settings, eager_celery, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.test_reminders.FailingBackend"
    awaiting_decision()
    run(DECISION_DUE)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    with freeze_time("2026-04-03 09:00:00"), django_capture_on_commit_callbacks(execute=True):
        tasks.scan_deadlines.apply()

    assert set(EmailDelivery.objects.values_list("status", flat=True)) == {"sent"}
    assert len(mail.outbox) == 2


# The inbox --------------------------------------------------------------------------


@pytest.fixture
def two_partnerships_notified():
    """Reminders for the officer of one partnership and the officer of another."""
    case, officer, _chair = awaiting_decision()
    with freeze_time("2026-03-02 10:00:00"):
        elsewhere, other_officer, _ = partnership_with_staff()
        other_case = notified_case(elsewhere, other_officer, notified_on=NOTIFIED_ON)
    run(DECISION_DUE - timedelta(days=7))
    run(DECISION_DUE - timedelta(days=1))
    return case, officer, other_case, other_officer


def test_the_inbox_lists_only_your_own(client, two_partnerships_notified):
    case, officer, other_case, _other_officer = two_partnerships_notified
    client.force_login(officer)

    response = client.get(reverse("inbox"))

    html = response.content.decode()
    assert response.status_code == 200
    assert f"{case.reference}: the decision whether to hold a review is due in 7 days" in html
    assert f"{case.reference}: the decision whether to hold a review is due in 1 day," in html
    assert other_case.reference not in html
    assert case.get_absolute_url() in html
    assert 'dhr-count">2<' in html


def test_marking_one_message_read(client, two_partnerships_notified):
    _case, officer, _, _ = two_partnerships_notified
    client.force_login(officer)
    first, second = Message.objects.filter(user=officer).order_by("pk")

    response = client.post(reverse("message_read", kwargs={"message_id": first.pk}))

    assert response.status_code == 302
    assert response.url == reverse("inbox")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None
    html = client.get(reverse("inbox")).content.decode()
    assert 'dhr-count">1<' in html


def test_marking_all_read_touches_only_your_own(client, two_partnerships_notified):
    case, officer, _, other_officer = two_partnerships_notified
    client.force_login(officer)

    response = client.post(reverse("messages_read"))

    assert response.status_code == 302
    assert not Message.objects.filter(user=officer, read_at__isnull=True).exists()
    assert Message.objects.filter(user=other_officer, read_at__isnull=True).count() == 2
    assert Message.objects.filter(user=chair_of(case.partnership), read_at=None).count() == 2
    assert "dhr-count" not in client.get(reverse("inbox")).content.decode()


def test_you_cannot_mark_someone_elses_message_read(client, two_partnerships_notified):
    _, officer, _, other_officer = two_partnerships_notified
    theirs = Message.objects.filter(user=other_officer).first()
    client.force_login(officer)

    client.post(reverse("message_read", kwargs={"message_id": theirs.pk}))

    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert not Message.objects.filter(read_at__isnull=False).exists()


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", ["inbox", "messages_read"])
def test_anonymous_people_are_sent_to_sign_in(client, two_partnerships_notified, method, name):
    response = getattr(client, method)(reverse(name))

    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor:login"))
    assert not Message.objects.filter(read_at__isnull=False).exists()


def test_the_message_read_url_refuses_get(client, two_partnerships_notified):
    _, officer, _, _ = two_partnerships_notified
    mine = Message.objects.filter(user=officer).first()
    client.force_login(officer)

    response = client.get(reverse("message_read", kwargs={"message_id": mine.pk}))

    assert response.status_code == 405
    mine.refresh_from_db()
    assert mine.read_at is None


@pytest.mark.parametrize("rows", [1, 50])
def test_the_inbox_costs_the_same_queries_for_1_or_50(client, django_assert_max_num_queries, rows):
    case, officer, _ = awaiting_decision()
    Message.objects.bulk_create(
        Message(user=officer, case=case, text=f"Message {n}", link="/") for n in range(rows)
    )
    client.force_login(officer)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("inbox"))

    assert response.status_code == 200
    assert response.content.decode().count("Mark as read<span") == rows
