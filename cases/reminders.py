"""Deadline reminders: the rules, declared in one place, and the daily scan (DESIGN §7).

Due dates live in the database and are scanned once a day; nothing is scheduled as a
long-delayed task. Each rule says which dates it watches, how many days before the date it
reminds, whether it repeats weekly once the date has passed, who is told (by case role),
and whether a pause of the review stops it: only the review's own clocks stop, never the
decision and its letters (seed 000 l.160, l.331). The scan records one Reminder per
occurrence under a unique constraint, so a second scan the same day sends nothing twice;
delivery (in-app notification, e-mail, a line in the case timeline) is idempotent too.
IMR and action due dates join as new rules (their `due_dates` queries), not new machinery.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, Min, QuerySet
from django.urls import reverse
from django.utils import timezone

from . import inbox
from .models import (
    Case,
    CaseLetter,
    CaseMembership,
    FamilyLetterNotSent,
    Reminder,
    ReportExtension,
    paused_on,
)
from .roles import CaseRole
from .services import record_event
from .workflow import REPORT_CLOCK_STAGES, Stage


@dataclass(frozen=True)
class ReminderRule:
    name: str
    what: str  # what is due, as the reminder names it
    days_before: tuple[int, ...]
    weekly_when_overdue: bool
    recipients: tuple[CaseRole, ...]
    # Open due dates on or before `until`, as (case id, due date) rows, or as (case id, due
    # date, subject) rows for a rule that watches several things on one case: the subject
    # says what each is ("the IMR of Riverside Police") and replaces `what` in the message.
    due_dates: Callable[[date], QuerySet]
    # The review's own clocks wait while it is paused; the decision and letters never do.
    stops_while_paused: bool = False
    suggest_extension: bool = False
    # For a rule whose people are not a case role (a meeting's attendees): who the reminder
    # goes to. When given, it replaces `recipients`.
    recipients_of: Callable[[Reminder], list] | None = None


def _decisions_due(until: date) -> QuerySet:
    return Case.objects.filter(
        stage__in=[Stage.NOTIFIED, Stage.DECISION],
        decided_on__isnull=True,
        decision_due_on__lte=until,
    ).values_list("pk", "decision_due_on")


def _home_office_letters_due(until: date) -> QuerySet:
    # Before the decision the decision reminder covers it: the letter follows the decision.
    return (
        Case.objects.filter(decided_on__isnull=False, home_office_letter_due_on__lte=until)
        .exclude(Exists(CaseLetter.for_current_decision(CaseLetter.Recipient.HOME_OFFICE)))
        .values_list("pk", "home_office_letter_due_on")
    )


def _family_letters_due(until: date) -> QuerySet:
    # As the Home Office letter; a reason recorded instead of the letter also ends it.
    return (
        Case.objects.filter(decided_on__isnull=False, family_letter_due_on__lte=until)
        .exclude(Exists(CaseLetter.for_current_decision(CaseLetter.Recipient.FAMILY)))
        .exclude(Exists(FamilyLetterNotSent.for_current_decision()))
        .values_list("pk", "family_letter_due_on")
    )


def _overview_reports_due(until: date) -> QuerySet:
    return Case.objects.filter(
        stage__in=REPORT_CLOCK_STAGES,
        overview_report_completed_on__isnull=True,
        overview_report_due_on__lte=until,
    ).values_list("pk", "overview_report_due_on")


def _extensions_to_report(until: date) -> QuerySet:
    # Owed from the day the extension was agreed; the earliest untold one dates it.
    return (
        ReportExtension.objects.home_office_not_told()
        .filter(agreed_on__lte=until)
        .values("case")
        .annotate(due_on=Min("agreed_on"))
        .values_list("case", "due_on")
    )


RULES: list[ReminderRule] = [
    # The CSP chair decides within one month of the notification (seed 000 l.160; seed 002
    # (3)), paused or not.
    ReminderRule(
        name="decision_due",
        what="the decision whether to hold a review",
        days_before=(7, 1, 0),
        weekly_when_overdue=True,
        recipients=(CaseRole.CSP_CHAIR, CaseRole.CSP_OFFICER),
        due_dates=_decisions_due,
    ),
    # The Home Office is told of the decision by the same date (seed 001 §4.4).
    ReminderRule(
        name="home_office_letter_due",
        what="the letter to the Home Office about the decision",
        days_before=(7, 1, 0),
        weekly_when_overdue=True,
        recipients=(CaseRole.CSP_CHAIR, CaseRole.CSP_OFFICER),
        due_dates=_home_office_letters_due,
    ),
    # And the family, in writing, by the same date (seed 002 (6) and appendix 1).
    ReminderRule(
        name="family_letter_due",
        what="the letter to the victim's family about the decision",
        days_before=(7, 1, 0),
        weekly_when_overdue=True,
        recipients=(CaseRole.CSP_CHAIR, CaseRole.CSP_OFFICER),
        due_dates=_family_letters_due,
    ),
    # Six months from the decision, or the agreed extension (seed 002 (10); seed 000
    # l.164, l.325). Pended with the review (seed 000 l.331).
    ReminderRule(
        name="overview_report_due",
        what="the overview report, executive summary and action plan",
        days_before=(30, 14, 7, 0),
        weekly_when_overdue=True,
        recipients=(CaseRole.INDEPENDENT_CHAIR, CaseRole.CSP_OFFICER),
        due_dates=_overview_reports_due,
        stops_while_paused=True,
        suggest_extension=True,
    ),
    # "Any revised timescale going beyond six months should be communicated to the Home
    # Office" (seed 002 (10)): from the day it was agreed, weekly until recorded.
    ReminderRule(
        name="extension_home_office_told",
        what="telling the Home Office of the overview report's new deadline",
        days_before=(0,),
        weekly_when_overdue=True,
        recipients=(CaseRole.CSP_CHAIR, CaseRole.CSP_OFFICER),
        due_dates=_extensions_to_report,
    ),
]
RULES_BY_NAME = {rule.name: rule for rule in RULES}


def register(rule: ReminderRule) -> None:
    """Add a later app's rule (IMRs due, actions due), from its AppConfig.ready()."""
    if rule.name in RULES_BY_NAME:
        raise ValueError(f"A reminder rule named {rule.name} is declared already.")
    RULES.append(rule)
    RULES_BY_NAME[rule.name] = rule


def occurrence(rule: ReminderRule, due_on: date, on: date) -> int | None:
    """The scheduled reminder that applies on `on`, as days from the due date (negative
    before it), or None. A late scan still finds the latest one it has not sent."""
    days = (on - due_on).days
    if rule.weekly_when_overdue and days >= 7:
        return days - days % 7
    scheduled = [-before for before in rule.days_before if -before <= days]
    return max(scheduled, default=None)


# The scan ------------------------------------------------------------------------------


def scan(*, on: date) -> list[int]:
    """Record every reminder due on `on` that is not recorded yet; return the ids of all
    reminders still to deliver (including any a stopped worker left behind).

    A constant number of queries whatever the number of cases: one per rule, one insert,
    one read of what is undelivered."""
    Reminder.objects.bulk_create(
        [reminder for rule in RULES for reminder in _due_reminders(rule, on)],
        # Recorded already (by an earlier run, or a scan running at the same moment):
        # the unique constraint keeps the first and this run skips it.
        ignore_conflicts=True,
    )
    return list(
        Reminder.objects.filter(delivered_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def due_rows(rule: ReminderRule, on: date) -> QuerySet:
    """The (case id, due date) rows the rule may remind of on `on`: due within its longest
    notice, and not paused when the rule stops for a pause."""
    rows = rule.due_dates(on + timedelta(days=max(rule.days_before)))
    if rule.stops_while_paused:
        rows = rows.exclude(paused_on(on))
    return rows


def _due_reminders(rule: ReminderRule, on: date) -> list[Reminder]:
    reminders = []
    for case_id, due_on, *subject in due_rows(rule, on):
        scheduled = occurrence(rule, due_on, on)
        if scheduled is not None:
            reminders.append(
                Reminder(
                    case_id=case_id,
                    rule=rule.name,
                    subject=subject[0] if subject else "",
                    occurrence=f"{due_on:%Y-%m-%d}{scheduled:+d}",
                    due_on=due_on,
                    days_from_due=(on - due_on).days,
                )
            )
    return reminders


# Delivery ------------------------------------------------------------------------------


EXTENSION_SUGGESTION = (
    "If it will not be ready by then, agree an extension with the partnership and record it "
    "on the case. An extension past six months from the decision must be reported to the "
    "Home Office."
)


def reminder_message(reminder: Reminder, rule: ReminderRule) -> str:
    days = reminder.days_from_due
    when = f"{reminder.due_on:%-d %B %Y}"
    if days < 0:
        timing = f"is due in {-days} day{'s' if days != -1 else ''}, on {when}"
    elif days == 0:
        timing = f"is due today, {when}"
    else:
        timing = f"was due {days} day{'s' if days != 1 else ''} ago, on {when}"
    return f"{reminder.case.reference}: {reminder.subject or rule.what} {timing}."


@transaction.atomic
def deliver_reminder(*, reminder_id: int) -> list[int] | None:
    """Tell the people responsible, in the app and in the case timeline, and queue their
    e-mails. Returns the ids of e-mails to send, or None when this call delivered nothing:
    the reminder was delivered already, or another worker is delivering it."""
    reminder = (
        Reminder.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("case")
        .filter(pk=reminder_id, delivered_at__isnull=True)
        .first()
    )
    if reminder is None:
        return None
    rule = RULES_BY_NAME[reminder.rule]
    recipients = (
        rule.recipients_of(reminder) if rule.recipients_of else _recipients(reminder.case, rule)
    )
    message = reminder_message(reminder, rule)
    suggest_extension = rule.suggest_extension and reminder.days_from_due >= -7
    delivery_ids = inbox.tell(
        users=recipients,
        case=reminder.case,
        text=message,
        reminder=reminder,
        suggestion=EXTENSION_SUGGESTION if suggest_extension else "",
        suggestion_link=reverse("cases:extension", kwargs={"reference": reminder.case.reference})
        if suggest_extension
        else "",
    )
    names = ", ".join(sorted(str(user) for user in recipients)) or "nobody (no one holds the role)"
    record_event(
        case=reminder.case,
        name=f"case.reminder.{rule.name}",
        # True when written: the messages are in the inboxes; the e-mails are only queued
        # (the admin's E-mail deliveries say when each was sent, or that it failed).
        description=f"Reminder in the messages of {names}, e-mail queued: {message}"[:300],
        actor=None,
    )
    reminder.delivered_at = timezone.now()
    reminder.save(update_fields=["delivered_at"])
    return delivery_ids


def _recipients(case: Case, rule: ReminderRule):
    memberships = CaseMembership.objects.filter(
        case=case, role__in=rule.recipients, ended_at__isnull=True, user__is_active=True
    ).select_related("user")
    return list({membership.user_id: membership.user for membership in memberships}.values())
