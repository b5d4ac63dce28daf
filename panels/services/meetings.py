"""Meetings of the review (DOMAIN.md 2.1 item 8): scheduled with a calendar invitation to
the case members asked, minuted (restricted), and their decisions and actions recorded."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, Expression, OuterRef, QuerySet
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from cases import demo, inbox, reminders
from cases.models import Case, CaseMembership, Reminder, User
from cases.reminders import ReminderRule
from cases.selectors import Task, add_audit_source, add_task_rows
from cases.services import CaseActionRefused, lock_case_for, record_event
from cases.workflow import REVIEW_STAGES, Stage
from dhr import uploads

from ..models import Meeting, MeetingAttendee, MeetingOutcome

# The panel meets from its set-up until the action plan is monitored (seed 003 "the panel
# meets on several occasions"); the family may be met at any point of the review.
MEETING_STAGES = frozenset(REVIEW_STAGES[REVIEW_STAGES.index(Stage.PANEL_SET_UP) : -1])


def _locked_case(case: Case, *, by: User) -> Case:
    return lock_case_for(
        case,
        by=by,
        permission="manage_panel",
        refusal="You may not arrange meetings on this case.",
    )


def meeting_url(meeting: Meeting) -> str:
    return reverse(
        "panels:meeting",
        kwargs={"reference": meeting.case.reference, "meeting_id": meeting.pk},
    )


@transaction.atomic
def schedule_meeting(
    *,
    case: Case,
    by: User,
    kind: str,
    starts_at: datetime,
    venue: str,
    agenda: str = "",
    invited: list[User] = (),
    other_attendees: list[str] = (),
) -> Meeting:
    """Record a meeting and who is asked to it. Case members asked to a meeting still to
    come get a message with the calendar invitation (.ics) attached to its e-mail; a
    meeting recorded after it took place invites nobody."""
    case = _locked_case(case, by=by)
    if case.stage not in MEETING_STAGES:
        raise CaseActionRefused("Meetings are arranged once a review is decided on.")
    members = set(
        CaseMembership.objects.filter(case=case, ended_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )
    if outsiders := [user for user in invited if user.pk not in members]:
        raise CaseActionRefused(
            f"{outsiders[0]} is not a member of this case. Add them to the case first, or "
            "name them under other attendees.",
            field="invited",
        )
    meeting = Meeting(
        case=case, kind=kind, starts_at=starts_at, venue=venue, agenda=agenda, scheduled_by=by
    )
    meeting._history_user = by
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError:
        raise CaseActionRefused(
            f"A {meeting.get_kind_display().lower()} at that time is recorded already.",
            field="starts_at",
        ) from None
    attendees = [
        MeetingAttendee(meeting=meeting, name=user.full_name, user=user) for user in invited
    ]
    attendees += [MeetingAttendee(meeting=meeting, name=name) for name in other_attendees]
    for attendee in attendees:
        attendee._history_user = by
        attendee.save()
    record_event(
        case=case,
        name="panels.meeting.scheduled",
        description=f"{meeting} arranged at {venue}"[:300],
        actor=by,
    )
    if starts_at > timezone.now() and invited:
        inbox.hand_off(
            users=list(invited),
            case=case,
            text=f"You are invited to the {meeting.get_kind_display().lower()} on "
            f"{case.reference}, {_when(meeting)}. The calendar invitation is attached.",
            link=meeting_url(meeting),
            attachment=inbox.Attachment(
                "invitation.ics", "text/calendar", calendar_invitation(meeting)
            ),
        )
    return meeting


def _when(meeting: Meeting) -> str:
    starts = timezone.localtime(meeting.starts_at)
    return f"{starts:%A %-d %B %Y} at {starts:%H:%M}"


# A meeting's length is not recorded: the invitation blocks this much time.
INVITATION_LENGTH = timedelta(hours=2)


def calendar_invitation(meeting: Meeting) -> str:
    """The meeting as an iCalendar file (RFC 5545). Like the e-mail it travels with, it
    names the case reference, the kind of meeting, when and where, never case details:
    the agenda stays behind the sign-in."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.DHR_SERVICE_NAME}//Meetings//EN")
    calendar.add("version", "2.0")
    # PUBLISH: the service tells people of the meeting; replies go to the organiser, not here.
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add(
        "uid", f"{meeting.calendar_uid}@{settings.DHR_BASE_URL.split('//')[-1].split('/')[0]}"
    )
    event.add("dtstamp", timezone.now())
    event.add("sequence", 0)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.starts_at + INVITATION_LENGTH)
    event.add("summary", f"{meeting.case.reference}: {meeting.get_kind_display()}")
    event.add("location", meeting.venue)
    event.add(
        "description",
        f"{meeting.get_kind_display()} of the review {meeting.case.reference}. The agenda is "
        f"on the case: {inbox.absolute_url(meeting_url(meeting))}",
    )
    calendar.add_component(event)
    return calendar.to_ical().decode()


@uploads.atomic_with_documents
def record_minutes(
    *,
    meeting: Meeting,
    by: User,
    minutes: str = "",
    minutes_copy=None,
    attended: list[MeetingAttendee] = (),
    apologies: list[MeetingAttendee] = (),
) -> Meeting:
    """Record the minutes of a meeting that took place, as text or a PDF, "to include
    details of attendance and apologies" (seed 002 (2))."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    case = _locked_case(meeting.case, by=by)
    if not meeting.has_taken_place:
        raise CaseActionRefused("Minutes are recorded once the meeting has taken place.")
    if meeting.has_minutes:
        raise CaseActionRefused("The minutes of this meeting are recorded already.")
    if not (minutes.strip() or minutes_copy):
        raise CaseActionRefused("Write the minutes, or upload them as a PDF.", field="minutes")
    if both := {a.pk for a in attended} & {a.pk for a in apologies}:
        name = next(a.name for a in attended if a.pk in both)
        raise CaseActionRefused(f"{name} cannot both attend and send apologies.", field="apologies")
    meeting.minutes = minutes.strip()
    if minutes_copy:
        meeting.minutes_copy_name = minutes_copy.name[:200]
        uploads.store_document(meeting, "minutes_copy", minutes_copy)
    meeting.minutes_recorded_by = by
    meeting.minutes_recorded_at = timezone.now()
    meeting._history_user = by
    meeting.save()
    for attendance, people in (
        (MeetingAttendee.Attendance.ATTENDED, attended),
        (MeetingAttendee.Attendance.APOLOGIES, apologies),
    ):
        for attendee in meeting.attendees.filter(pk__in=[a.pk for a in people]):
            attendee.attendance = attendance
            attendee._history_user = by
            attendee.save(update_fields=["attendance"])
    record_event(
        case=case, name="panels.meeting.minuted", description=f"Minutes of the {meeting}", actor=by
    )
    return meeting


@transaction.atomic
def record_meeting_outcome(
    *,
    meeting: Meeting,
    by: User,
    kind: str,
    description: str,
    owner: str = "",
    due_on: date | None = None,
) -> MeetingOutcome:
    """A decision the meeting made, or an action it gave someone (with an owner and a date)."""
    case = _locked_case(meeting.case, by=by)
    if not meeting.has_taken_place:
        raise CaseActionRefused("Decisions and actions are recorded once the meeting has met.")
    if kind == MeetingOutcome.Kind.ACTION:
        if not owner.strip():
            raise CaseActionRefused("Enter who owns the action.", field="owner")
        if due_on is None:
            raise CaseActionRefused("Enter the date the action is due.", field="due_on")
    outcome = MeetingOutcome(
        meeting=meeting,
        kind=kind,
        description=description,
        owner=owner.strip(),
        due_on=due_on,
        recorded_by=by,
    )
    outcome._history_user = by
    outcome.full_clean()
    outcome.save()
    record_event(
        case=case,
        name=f"panels.meeting.{kind}",
        description=f"{outcome.get_kind_display()} of the {meeting} recorded"[:300],
        actor=by,
    )
    return outcome


# Reading --------------------------------------------------------------------------------


def meetings_of(case: Case) -> QuerySet[Meeting]:
    """The case's meetings, newest first, each with how many were asked and came."""
    return case.meetings.select_related("case").annotate(
        invited_count=Count("attendees", distinct=True),
        outcome_count=Count("outcomes", distinct=True),
    )


# Registrations with the case core (PanelsConfig.ready) ---------------------------------


def meeting_subject(meeting: Meeting) -> str:
    """How a reminder names the meeting: its kind and time (one of a kind at a time on a
    case, so with the date it is that meeting)."""
    return (
        f"the {meeting.get_kind_display().lower()} at {timezone.localtime(meeting.starts_at):%H:%M}"
    )


def _meetings_tomorrow(until: date) -> list[tuple]:
    """Meetings on `until`, the day after the scan (the rule reminds one day before): a
    meeting recorded after it took place is never reminded of. Rows are named in Python
    (the kind's label, the local time), so this returns a list, not a queryset: the rule
    does not stop for a pause, so the scan never filters it further."""
    meets_on = TruncDate("starts_at", tzinfo=timezone.get_current_timezone())
    meetings = Meeting.objects.annotate(meets_on=meets_on).filter(
        meets_on=until, case__stage__in=MEETING_STAGES, starts_at__gt=timezone.now()
    )
    return [(meeting.case_id, until, meeting_subject(meeting)) for meeting in meetings]


def _attendees_of(reminder: Reminder) -> list[User]:
    """The people on the case asked to the reminded meeting who have not sent apologies."""
    meets_on = TruncDate("starts_at", tzinfo=timezone.get_current_timezone())
    same_day = Meeting.objects.annotate(meets_on=meets_on).filter(
        case=reminder.case, meets_on=reminder.due_on
    )
    meeting = next((m for m in same_day if meeting_subject(m) == reminder.subject), None)
    if meeting is None:
        return []
    return list(
        User.objects.filter(
            pk__in=meeting.attendees.exclude(attendance=MeetingAttendee.Attendance.APOLOGIES)
            .filter(user__isnull=False)
            .values("user"),
            is_active=True,
            case_memberships__case=meeting.case,
            case_memberships__ended_at__isnull=True,
        ).distinct()
    )


MEETING_REMINDER = ReminderRule(
    name="meeting_tomorrow",
    what="a meeting of the review",
    # The day before, once (brief C; DOMAIN 2.1 item 8).
    days_before=(1,),
    weekly_when_overdue=False,
    recipients=(),
    due_dates=_meetings_tomorrow,
    recipients_of=_attendees_of,
)


def meeting_reads(on: date) -> dict[str, Expression]:
    return {"panels_meetings_recorded": Exists(Meeting.objects.filter(case=OuterRef("pk")))}


def meeting_tasks(case: Case) -> list[Task]:
    """`case` is read through case_file_cases, with meeting_reads."""
    if case.stage not in MEETING_STAGES:
        return []
    return [
        Task(
            Stage.PANEL_SET_UP,
            "in progress" if case.panels_meetings_recorded else "optional",
            name="Meetings",
            url=reverse("panels:meetings", kwargs={"reference": case.reference}),
        )
    ]


def _meeting_history(case: Case):
    return Meeting.history.filter(case_id=case.pk), lambda r: f"Meeting: {r.get_kind_display()}"


def _attendee_history(case: Case):
    return MeetingAttendee.history.filter(meeting__case_id=case.pk), lambda r: "Meeting attendee"


def _outcome_history(case: Case):
    return (
        MeetingOutcome.history.filter(meeting__case_id=case.pk),
        lambda r: f"Meeting {r.get_kind_display().lower()}",
    )


def register_meetings() -> None:
    reminders.register(MEETING_REMINDER)
    add_task_rows(meeting_tasks, reads=meeting_reads)
    for source in (_meeting_history, _attendee_history, _outcome_history):
        add_audit_source(source)
    demo.register_builder("panels.meetings", build_demo_meetings, after=("DEMO-RIV-3",))


# Demo data ------------------------------------------------------------------------------


def build_demo_meetings(ctx: demo.DemoContext) -> None:
    """On DEMO-RIV-3: the first panel meeting, minuted with a PDF and with a decision and
    an action, and a meeting with the family still to come."""
    case = ctx.case("DEMO-RIV-3")
    if case.meetings.exists():
        return
    officer = ctx.officer("RIV")
    chair = ctx.users["independent.chair@example.org"]
    panel = [chair, ctx.users["panel.member@safehaven.example"], officer]
    first = schedule_meeting(
        case=case,
        by=officer,
        kind=Meeting.Kind.PANEL,
        starts_at=timezone.make_aware(
            datetime.combine(case.decided_on + timedelta(days=12), datetime.min.time())
        )
        + timedelta(hours=10),
        venue="Riverside Civic Centre, Committee Room 2",
        agenda="1. Introductions and confidentiality\n2. Scoping returns\n3. Draft terms of "
        "reference\n4. Family involvement",
        invited=panel,
        other_attendees=["Detective Inspector (Riverside Police, observer)"],
    )
    attendees = list(first.attendees.all())
    record_minutes(
        meeting=first,
        by=officer,
        minutes="The panel agreed confidentiality. Four agencies had contact; the housing "
        "provider has not answered yet.",
        minutes_copy=ContentFile(b"%PDF-1.4\n% demo minutes\n", name="panel-minutes-1.pdf"),
        attended=[a for a in attendees if not a.name.startswith("Detective")],
        apologies=[a for a in attendees if a.name.startswith("Detective")],
    )
    record_meeting_outcome(
        meeting=first,
        by=officer,
        kind=MeetingOutcome.Kind.DECISION,
        description="The review covers the five years before the death.",
    )
    record_meeting_outcome(
        meeting=first,
        by=officer,
        kind=MeetingOutcome.Kind.ACTION,
        description="Chase Riverside Homes for its scoping return.",
        owner="Olivia Officer (CSP officer)",
        due_on=first.starts_at.date() + timedelta(days=14),
    )
    schedule_meeting(
        case=case,
        by=officer,
        kind=Meeting.Kind.FAMILY,
        starts_at=timezone.make_aware(
            datetime.combine(ctx.on + timedelta(days=9), datetime.min.time())
        )
        + timedelta(hours=14),
        venue="Safe Haven, family room (the family's choice)",
        agenda="Introduce the independent chair; the terms of reference; how the family "
        "would like to be involved.",
        invited=[chair],
        other_attendees=["Rachel (the victim's daughter)", "Family advocate (AAFDA)"],
    )
