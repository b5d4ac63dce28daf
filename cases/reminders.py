"""Deadline reminders: the rules, declared in one place, and the daily scan (DESIGN §7).

Due dates live in the database and are scanned once a day; nothing is scheduled as a
long-delayed task. Each rule says which dates it watches, how many days before the date it
reminds, whether it repeats weekly once the date has passed, who is told (by case role),
and whether a pause of the review stops it: only the review's own clocks stop, never the
decision and its letters (seed 000 l.160, l.331). The scan records one Reminder per
occurrence under a unique constraint, so a second scan the same day sends nothing twice.
Delivery (in-app message, e-mail outbox row, a line in the case timeline) goes in batches
that a worker claims under a lease, so no reminder is delivered twice, even by two workers
or after a worker was killed.
IMR and action due dates join as new rules (their `due_dates` queries), not new machinery.
"""

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connections, transaction
from django.db.models import Exists, Min, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from . import inbox
from .models import (
    Case,
    CaseEvent,
    CaseLetter,
    CaseMembership,
    FamilyLetterNotSent,
    Message,
    Reminder,
    ReportExtension,
    paused_on,
)
from .roles import CaseRole
from .workflow import REPORT_CLOCK_STAGES, Stage

logger = logging.getLogger(__name__)


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


# The scan ------------------------------------------------------------------------------


def scan(*, on: date) -> list[int]:
    """Record every reminder due on `on` that is not recorded yet; return the ids of all
    reminders still to deliver (including any a stopped worker left behind).

    One INSERT … SELECT for every rule, whatever the number of cases and rules: the due rows
    never travel to Python and back, and the unique constraint skips what an earlier run
    (or a scan running at the same moment) recorded already."""
    with transaction.atomic():
        queried = []
        for rule in RULES:
            rows = due_rows(rule, on)
            if isinstance(rows, QuerySet):
                queried.append((rule, rows))
            else:
                _record_listed(rule, on, rows)
        _record(queried, on)
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


def _record(rules: list[tuple[ReminderRule, QuerySet]], on: date) -> None:
    """Insert the reminders of `rules` due on `on`, each rule's due rows computed by its own
    query, with which occurrence applies and its key (the due date and the days from it:
    "2026-04-02-7", "2026-04-02+14") computed in SQL, all in one statement."""
    if not rules:
        return
    connection = connections[rules[0][1].db]
    if connection.vendor == "postgresql":
        days, due_text = "%s::date - due_on", "to_char(due_on, 'YYYY-MM-DD')"
    else:  # SQLite, the embedded demo: dates are ISO text there
        days, due_text = "CAST(julianday(%s) - julianday(due_on) AS INTEGER)", "due_on"
    sources, scheduled, params = [], [], []
    for number, (rule, rows) in enumerate(rules):
        source, source_params = rows.query.get_compiler(rows.db).as_sql()
        sources.append(f"due_{number} ({', '.join(_columns(rows))}) AS ({source})")
        params += source_params
        subject = "subject" if "subject" in _columns(rows) else "''"
        scheduled.append(
            f"SELECT dated.*, {_scheduled_sql(rule)} AS scheduled FROM ("  # noqa: S608 - columns, CASE from code
            f"SELECT case_id, due_on, {subject} AS subject, {days} AS days, %s AS rule "
            f"FROM due_{number}) AS dated"
        )
    params += [timezone.now(), *(value for rule, _ in rules for value in (on, rule.name))]
    sql = f"""
        WITH {", ".join(sources)}
        INSERT INTO {Reminder._meta.db_table}
            (case_id, rule, subject, occurrence, due_on, days_from_due, created_at)
        SELECT case_id, rule, subject,
               {due_text} || CASE WHEN scheduled >= 0 THEN '+' ELSE '' END
                   || CAST(scheduled AS TEXT),
               due_on, days, %s
        FROM ({" UNION ALL ".join(scheduled)}) AS reminders
        WHERE scheduled IS NOT NULL
        ON CONFLICT DO NOTHING
    """  # noqa: S608 - tables, columns and CASEs from code; values as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _record_listed(rule: ReminderRule, on: date, rows: list[tuple]) -> None:
    """The same as _record, for a rule whose due dates are computed in Python (a calendar
    month the embedded demo's SQLite cannot add, say): one INSERT for all of them."""
    reminders = []
    for case_id, due_on, *subject in rows:
        days = (on - due_on).days
        scheduled = _scheduled(rule, days)
        if scheduled is None:
            continue
        reminders.append(
            Reminder(
                case_id=case_id,
                rule=rule.name,
                subject=subject[0] if subject else "",
                occurrence=f"{due_on.isoformat()}{'+' if scheduled >= 0 else ''}{scheduled}",
                due_on=due_on,
                days_from_due=days,
            )
        )
    Reminder.objects.bulk_create(reminders, ignore_conflicts=True)


def _scheduled(rule: ReminderRule, days: int) -> int | None:
    """_scheduled_sql's rule, in Python."""
    if rule.weekly_when_overdue and days >= 7:
        return days - days % 7
    return next((-before for before in sorted(rule.days_before) if days >= -before), None)


def _columns(rows: QuerySet) -> tuple[str, ...]:
    # Django 5.2 selects values_list() columns in the order asked for, annotations too.
    return ("case_id", "due_on", "subject")[: len(rows._fields)]


def _scheduled_sql(rule: ReminderRule) -> str:
    """The scheduled reminder that applies, as days from the due date (negative before it),
    over a `days` column (days from the due date to the scan); NULL where none applies yet.
    Weekly once overdue; otherwise the latest of the rule's days before, so a late scan
    still finds the latest one it has not sent."""
    whens = [f"WHEN days >= {-before} THEN {-before}" for before in sorted(rule.days_before)]
    if rule.weekly_when_overdue:
        whens.insert(0, "WHEN days >= 7 THEN days - days %% 7")
    return f"CASE {' '.join(whens)} END"


# Delivery ------------------------------------------------------------------------------


EXTENSION_SUGGESTION = (
    "If it will not be ready by then, agree an extension with the partnership and record it "
    "on the case. An extension past six months from the decision must be reported to the "
    "Home Office."
)

# Reminders are delivered in batches, by the Celery worker and by the operator's command
# alike: a batch costs the same dozen queries whether it holds one reminder or a hundred.
DELIVERY_BATCH = 100

# How long a worker holds the reminders it claimed before another may take them: a batch
# takes well under a second, and the task's time limit is 90 s. Shorter than the broker's
# visibility timeout (15 minutes), so the message of a killed worker, given out again, finds
# its reminders free to take.
DELIVERY_LEASE = timedelta(minutes=5)


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


@dataclass(frozen=True)
class Delivered:
    reminders: int  # how many this call delivered
    email_ids: list[int]  # the e-mails it queued, to send once it has returned


def batches(reminder_ids: list[int]) -> list[list[int]]:
    return [
        reminder_ids[start : start + DELIVERY_BATCH]
        for start in range(0, len(reminder_ids), DELIVERY_BATCH)
    ]


def deliver_reminders(*, reminder_ids: list[int]) -> Delivered:
    """Deliver, as one batch, those of the reminders no other worker holds. If the batch
    fails, each reminder is tried alone: one bad reminder does not hold back the rest."""
    try:
        return _deliver_batch(reminder_ids)
    except Exception:
        if len(reminder_ids) == 1:
            raise
        logger.exception("reminder.batch_failed", extra={"reminder_ids": reminder_ids})
    delivered, email_ids = 0, []
    for reminder_id in reminder_ids:
        try:
            alone = _deliver_batch([reminder_id])
        except Exception:
            # Rolled back and given back: the next scan hands it out again.
            logger.exception("reminder.delivery_failed", extra={"reminder_id": reminder_id})
            continue
        delivered += alone.reminders
        email_ids += alone.email_ids
    return Delivered(reminders=delivered, email_ids=email_ids)


def deliver_reminder(*, reminder_id: int) -> list[int]:
    """Deliver one reminder; return the ids of its e-mails to send (none when it was
    delivered already or another worker holds it)."""
    return _deliver_batch([reminder_id]).email_ids


def _deliver_batch(reminder_ids: list[int]) -> Delivered:
    """Claim the reminders, then deliver them in one transaction. The claim is committed
    first, so a second worker given the same ids (Redis may hand a message out twice) takes
    none of them; a worker killed after claiming leaves them to whoever asks once its lease
    has run out; one that fails gives them back at once."""
    claimed_at = timezone.now()
    claimed = _claim(reminder_ids, claimed_at)
    if not claimed:
        return Delivered(reminders=0, email_ids=[])
    try:
        return _deliver_claimed(claimed, claimed_at)
    except Exception:
        Reminder.objects.filter(pk__in=claimed, claimed_at=claimed_at).update(claimed_at=None)
        raise


@transaction.atomic
def _claim(reminder_ids: list[int], claimed_at) -> list[int]:
    # SKIP LOCKED: a worker claiming the same reminders at this moment keeps them and this
    # one takes the others, without waiting.
    claimable = Reminder.objects.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=claimed_at - DELIVERY_LEASE),
        pk__in=reminder_ids,
        delivered_at__isnull=True,
    )
    claimed = list(claimable.select_for_update(skip_locked=True).values_list("pk", flat=True))
    Reminder.objects.filter(pk__in=claimed).update(claimed_at=claimed_at)
    return claimed


@transaction.atomic
def _deliver_claimed(reminder_ids: list[int], claimed_at) -> Delivered:
    """Tell the people responsible, in the app and in the case timeline, and queue their
    e-mails: every row of the batch in one statement per table, whatever its size. Locked
    and checked again inside the transaction: a worker that was stalled past its lease finds
    its reminders claimed by another (their claimed_at is not its own) and does nothing."""
    batch = list(
        Reminder.objects.select_for_update(of=("self",))
        .select_related("case")
        # What the messages say and link to: a batch is Python's work more than the
        # database's, so nothing more is loaded.
        .only("case_id", "rule", "subject", "due_on", "days_from_due", "case__reference")
        .filter(pk__in=reminder_ids, claimed_at=claimed_at, delivered_at__isnull=True)
        .order_by("pk")
    )
    people = _recipients(batch)
    messages, events = [], []
    for reminder in batch:
        rule = RULES_BY_NAME[reminder.rule]
        # A rule for people who hold no case role (a meeting's attendees) finds its own: a
        # query per reminder, for the few such reminders a day.
        recipients = (
            rule.recipients_of(reminder)
            if rule.recipients_of
            else list(
                {
                    user.pk: user
                    for role in rule.recipients
                    for user in people.get((reminder.case_id, role), [])
                }.values()
            )
        )
        text = reminder_message(reminder, rule)
        messages += _messages(reminder, rule, recipients, text)
        names = (
            ", ".join(sorted(str(user) for user in recipients)) or "nobody (no one holds the role)"
        )
        events.append(
            CaseEvent(
                case_id=reminder.case_id,
                name=f"case.reminder.{rule.name}",
                # True when written: the messages are in the inboxes; the e-mails are only
                # queued (the admin's E-mail deliveries say when each was sent, or that it
                # failed).
                description=f"Reminder in the messages of {names}, e-mail queued: {text}"[:300],
                actor=None,
            )
        )
    email_ids = inbox.put_in_inboxes(messages)
    CaseEvent.objects.bulk_create(events)
    Reminder.objects.filter(pk__in=[reminder.pk for reminder in batch]).update(
        delivered_at=timezone.now()
    )
    return Delivered(reminders=len(batch), email_ids=email_ids)


def _messages(reminder: Reminder, rule: ReminderRule, recipients, text: str) -> list[Message]:
    suggest_extension = rule.suggest_extension and reminder.days_from_due >= -7
    case = reminder.case
    link = case.get_absolute_url()
    suggestion_link = (
        reverse("cases:extension", kwargs={"reference": case.reference})
        if suggest_extension
        else ""
    )
    return [
        Message(
            user_id=user.pk,
            case_id=case.pk,
            reminder_id=reminder.pk,
            text=text[:300],
            link=link,
            suggestion=EXTENSION_SUGGESTION if suggest_extension else "",
            suggestion_link=suggestion_link,
        )
        for user in recipients
    ]


def _recipients(batch: list[Reminder]) -> dict[tuple[int, str], list]:
    """The active holders of each role on each case of the batch, in one query."""
    roles = {role for reminder in batch for role in RULES_BY_NAME[reminder.rule].recipients}
    memberships = (
        CaseMembership.objects.filter(
            case_id__in={reminder.case_id for reminder in batch},
            role__in=roles,
            ended_at__isnull=True,
            user__is_active=True,
        )
        .select_related("user")
        .only("case_id", "role", "user__full_name", "user__email")
    )
    people = defaultdict(list)
    for membership in memberships:
        people[membership.case_id, membership.role].append(membership.user)
    return people
