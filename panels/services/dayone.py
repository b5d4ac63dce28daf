"""Day-one work (DOMAIN.md 2.0 items 1, 2 and 6). None of it waits for a pause: records are
secured and scoping asked "as soon as a review is likely" (seed 000 l.162, l.401), lessons
are acted on at once, and a risk to life goes to the police immediately."""

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import CharField, DateField, Exists, Expression, F, OuterRef, QuerySet, Value
from django.db.models.functions import Cast, Concat, Left
from django.urls import reverse
from django.utils import timezone

from cases import demo, inbox, reminders
from cases.clocks import today
from cases.models import Agency, Case, CaseMembership, User
from cases.reminders import ReminderRule
from cases.roles import CaseRole
from cases.selectors import Task, add_audit_source, add_task_rows
from cases.services import CaseActionRefused, lock_case_for, record_event
from cases.workflow import REVIEW_STAGES, Stage

from ..models import EarlyLesson, RiskToLifeEscalation, ScopingRequest

# Scoping starts when the decision is asked for, as soon as a review is likely (seed 000
# l.162), and goes on until the review ends.
SCOPING_STAGES = frozenset(REVIEW_STAGES[REVIEW_STAGES.index(Stage.DECISION) : -1])
# Early lessons: any stage of a review after the decision to hold it.
LEARNING_STAGES = frozenset(REVIEW_STAGES[REVIEW_STAGES.index(Stage.PANEL_SET_UP) : -1])


def _not_future(day: date, *, field: str, label: str) -> None:
    if day > today():
        raise CaseActionRefused(f"{label} must be today or in the past.", field=field)


# Scoping and securing records ---------------------------------------------------------


@transaction.atomic
def ask_agency_to_secure_records(
    *, case: Case, by: User, agency: Agency, asked_on: date
) -> ScopingRequest:
    """Record that `agency` was asked to secure its records and say whether it had contact.
    The CSP officer asks at decision time; the independent chair may ask later (seed 002
    appendix 1): both hold manage_panel."""
    case = lock_case_for(
        case, by=by, permission="manage_panel", refusal="You may not ask agencies on this case."
    )
    if case.stage not in SCOPING_STAGES:
        raise CaseActionRefused(
            "Agencies are asked to secure their records from the decision until the review ends."
        )
    _not_future(asked_on, field="asked_on", label="The date asked")
    if asked_on < case.notified_on:
        raise CaseActionRefused(
            "The date asked cannot be before the partnership was notified "
            f"({case.notified_on:%-d %B %Y}).",
            field="asked_on",
        )
    if case.scoping_requests.filter(agency=agency).exists():
        raise CaseActionRefused(f"{agency} has been asked already.", field="agency")
    request = ScopingRequest(case=case, agency=agency, asked_on=asked_on, recorded_by=by)
    request._history_user = by
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:
        raise CaseActionRefused(f"{agency} has been asked already.", field="agency") from None
    record_event(
        case=case,
        name="panels.scoping.asked",
        description=f"{agency} asked to secure its records and say whether it had contact",
        actor=by,
    )
    return request


@transaction.atomic
def record_scoping_answer(
    *,
    scoping_request: ScopingRequest,
    by: User,
    answered_on: date,
    had_contact: bool,
    records_secured_on: date | None = None,
    contact_from: date | None = None,
    contact_to: date | None = None,
) -> ScopingRequest:
    """Record the agency's answer: records secured, and contact or a nil return."""
    request = ScopingRequest.objects.select_for_update().get(pk=scoping_request.pk)
    case = lock_case_for(
        request.case, by=by, permission="manage_panel", refusal="You may not record answers."
    )
    if request.is_answered:
        raise CaseActionRefused(f"{request.agency}'s answer is recorded already.")
    _not_future(answered_on, field="answered_on", label="The date the agency answered")
    if answered_on < request.asked_on:
        raise CaseActionRefused(
            f"The answer cannot come before the agency was asked ({request.asked_on:%-d %B %Y}).",
            field="answered_on",
        )
    if records_secured_on is not None:
        _not_future(records_secured_on, field="records_secured_on", label="The date secured")
    if had_contact:
        _check_contact_period(contact_from, contact_to)
    else:
        contact_from = contact_to = None
    request.answered_on = answered_on
    request.had_contact = had_contact
    request.records_secured_on = records_secured_on
    request.contact_from, request.contact_to = contact_from, contact_to
    request._history_user = by
    request.save()
    answer = "had contact" if had_contact else "had no contact (a nil return)"
    record_event(
        case=case,
        name="panels.scoping.answered",
        description=f"{request.agency} answered: it {answer}",
        actor=by,
    )
    return request


def _check_contact_period(contact_from: date | None, contact_to: date | None) -> None:
    if contact_from is None:
        raise CaseActionRefused("Enter the date the agency's contact began.", field="contact_from")
    if contact_to is not None and contact_to < contact_from:
        raise CaseActionRefused(
            "The end of the contact must be on or after its start.", field="contact_to"
        )
    for day, field in ((contact_from, "contact_from"), (contact_to, "contact_to")):
        if day is not None:
            _not_future(day, field=field, label="The contact period")


# Early learning --------------------------------------------------------------------------


@transaction.atomic
def record_early_lesson(
    *,
    case: Case,
    by: User,
    lesson: str,
    agency: Agency,
    immediate_action: str,
    owner: str,
    identified_on: date,
    forwarded_on: date | None = None,
) -> EarlyLesson:
    case = lock_case_for(
        case, by=by, permission="manage_panel", refusal="You may not record lessons on this case."
    )
    if case.stage not in LEARNING_STAGES:
        raise CaseActionRefused("Early lessons are recorded once a review is decided on.")
    _not_future(identified_on, field="identified_on", label="The date identified")
    if forwarded_on is not None:
        _not_future(forwarded_on, field="forwarded_on", label="The date forwarded")
        if forwarded_on < identified_on:
            raise CaseActionRefused(
                "The lesson cannot be forwarded before it was identified.", field="forwarded_on"
            )
    entry = EarlyLesson(
        case=case,
        lesson=lesson,
        agency=agency,
        immediate_action=immediate_action,
        owner=owner,
        identified_on=identified_on,
        forwarded_on=forwarded_on,
        recorded_by=by,
    )
    entry._history_user = by
    entry.save()
    record_event(
        case=case,
        name="panels.early_lesson.recorded",
        description=f"Early lesson recorded for {agency}",
        actor=by,
    )
    return entry


# Risk to life ----------------------------------------------------------------------------


@transaction.atomic
def record_risk_to_life(
    *,
    case: Case,
    by: User,
    raised_by: str,
    raised_at: datetime,
    about_whom: str,
    police_contact: str,
    police_reference: str,
) -> RiskToLifeEscalation:
    """Record a risk to life passed to the police, at any stage and by anyone who reads the
    case file: a person who sees a risk must be able to act (seed 000 l.212-214). The CSP
    officer and the chairs are told at once."""
    case = lock_case_for(
        case, by=by, permission="view_case_file", refusal="You may not record on this case."
    )
    if raised_at > timezone.now():
        raise CaseActionRefused("When it was raised must be now or in the past.", field="raised_at")
    escalation = RiskToLifeEscalation(
        case=case,
        raised_by=raised_by,
        raised_at=raised_at,
        about_whom=about_whom,
        police_contact=police_contact,
        police_reference=police_reference,
        recorded_by=by,
    )
    escalation._history_user = by
    escalation.save()
    record_event(
        case=case,
        name="panels.risk_to_life.recorded",
        description=f"Risk to life passed to the police (reference {police_reference})",
        actor=by,
    )
    _tell_of_risk(case=case, by=by)
    return escalation


def _tell_of_risk(*, case: Case, by: User) -> None:
    # Who is at risk stays behind the sign-in: the message names only the case.
    memberships = CaseMembership.objects.filter(
        case=case,
        role__in=(CaseRole.CSP_OFFICER, CaseRole.CSP_CHAIR, CaseRole.INDEPENDENT_CHAIR),
        ended_at__isnull=True,
    ).exclude(user=by)
    users = list({m.user_id: m.user for m in memberships.select_related("user")}.values())
    inbox.hand_off(
        users=users,
        case=case,
        text=f"A risk to life on {case.reference} was passed to the police. Read it now.",
        link=reverse("panels:escalations", kwargs={"reference": case.reference}),
    )


# Reading --------------------------------------------------------------------------------


def scoping_requests(case: Case) -> QuerySet[ScopingRequest]:
    return case.scoping_requests.select_related("agency")


def early_lessons(case: Case) -> QuerySet[EarlyLesson]:
    return case.early_lessons.select_related("agency", "recorded_by")


def risk_escalations(case: Case) -> QuerySet[RiskToLifeEscalation]:
    return case.risk_escalations.select_related("recorded_by")


# Registrations with the case core (PanelsConfig.ready) ---------------------------------

# An agency that has not answered in 14 days is chased once (brief C; DOMAIN 2.0 item 1).
SCOPING_ANSWER_DAYS = 14


def _scoping_answers_due(until: date) -> QuerySet:
    return (
        ScopingRequest.objects.filter(
            answered_on__isnull=True,
            asked_on__lte=until - timedelta(days=SCOPING_ANSWER_DAYS),
            case__stage__in=SCOPING_STAGES,
        )
        .annotate(
            due_on=Cast(F("asked_on") + timedelta(days=SCOPING_ANSWER_DAYS), DateField()),
            # Reminder.subject holds 200 characters; agency names may be long.
            subject=Left(
                Concat(
                    Value("the answer of "),
                    F("agency__name"),
                    Value(" on securing its records and its contact"),
                    output_field=CharField(),
                ),
                200,
            ),
        )
        .values_list("case_id", "due_on", "subject")
    )


SCOPING_REMINDER = ReminderRule(
    name="scoping_answer_due",
    what="an agency's answer on securing its records",
    # Once, on the 14th day: never again (weekly_when_overdue is off).
    days_before=(0,),
    weekly_when_overdue=False,
    recipients=(CaseRole.CSP_OFFICER,),
    due_dates=_scoping_answers_due,
    # Day-one work never waits for a pause (seed 000 l.162, l.401).
    stops_while_paused=False,
)


def day_one_reads(on: date) -> dict[str, Expression]:
    """Whether agencies were asked to secure their records and whether one has not answered,
    and whether early lessons are recorded, for day_one_tasks."""
    asked = ScopingRequest.objects.filter(case=OuterRef("pk"))
    return {
        "panels_agencies_asked": Exists(asked),
        "panels_agencies_not_answered": Exists(asked.filter(answered_on__isnull=True)),
        "panels_early_lessons_recorded": Exists(EarlyLesson.objects.filter(case=OuterRef("pk"))),
    }


def day_one_tasks(case: Case) -> list[Task]:
    """The task rows under Panel set-up. `case` is read through case_file_cases, with
    day_one_reads."""
    if case.stage not in SCOPING_STAGES:
        return []
    if not case.panels_agencies_asked:
        scoping_status = "not started"
    elif not case.panels_agencies_not_answered:
        scoping_status = "done"
    else:
        scoping_status = "in progress"
    rows = [
        Task(
            Stage.PANEL_SET_UP,
            scoping_status,
            name="Agencies scoped and records secured",
            url=reverse("panels:scoping", kwargs={"reference": case.reference}),
        )
    ]
    if case.stage in LEARNING_STAGES:
        rows.append(
            Task(
                Stage.PANEL_SET_UP,
                "in progress" if case.panels_early_lessons_recorded else "optional",
                name="Early-learning log",
                url=reverse("panels:early_learning", kwargs={"reference": case.reference}),
            )
        )
    return rows


def _scoping_history(case: Case):
    return ScopingRequest.history.filter(case_id=case.pk), lambda r: "Scoping request"


def _lesson_history(case: Case):
    return EarlyLesson.history.filter(case_id=case.pk), lambda r: "Early lesson"


def _escalation_history(case: Case):
    return RiskToLifeEscalation.history.filter(case_id=case.pk), lambda r: "Risk to life"


def register_day_one() -> None:
    """Join the case core's reminders, task list, audit trail and demo (PanelsConfig.ready)."""
    reminders.register(SCOPING_REMINDER)
    add_task_rows(day_one_tasks, reads=day_one_reads)
    for source in (_scoping_history, _lesson_history, _escalation_history):
        add_audit_source(source)
    demo.register_builder("panels.day_one", build_demo_day_one, after=("DEMO-RIV-3",))


# Demo data ------------------------------------------------------------------------------

DEMO_SCOPING = [
    # (agency, days after the decision asked, answer days later, had contact, contact years)
    ("Riverside Police", 1, 6, True, 6),
    ("Riverside NHS Foundation Trust", 1, 9, True, 3),
    ("Safe Haven Domestic Abuse Service", 1, 4, True, 1),
    ("Riverside Adult Social Care", 2, 8, False, 0),
    ("Riverside Homes", 2, None, None, 0),
]


def build_demo_day_one(ctx: demo.DemoContext) -> None:
    """On the Riverside case at panel set-up (DEMO-RIV-3): five agencies asked (one nil
    return, one still to answer) and two early lessons, through the services."""
    case = ctx.case("DEMO-RIV-3")
    if case.scoping_requests.exists():
        return
    officer = ctx.officer("RIV")
    for name, asked_after, answer_after, had_contact, years in DEMO_SCOPING:
        asked_on = case.decided_on + timedelta(days=asked_after)
        request = ask_agency_to_secure_records(
            case=case, by=officer, agency=ctx.agencies[name], asked_on=asked_on
        )
        if answer_after is None:
            continue
        answered_on = asked_on + timedelta(days=answer_after)
        record_scoping_answer(
            scoping_request=request,
            by=officer,
            answered_on=answered_on,
            records_secured_on=answered_on,
            had_contact=had_contact,
            contact_from=case.date_of_death - timedelta(days=365 * years) if had_contact else None,
            contact_to=case.date_of_death if had_contact else None,
        )
    lessons = [
        (
            "Riverside NHS Foundation Trust",
            "GP consultations for low mood did not ask about abuse at home.",
            "Routine enquiry about domestic abuse reinstated in the practice's mental-health "
            "template; a reminder went to every GP in the practice.",
            "Clinical lead for safeguarding",
        ),
        (
            "Safe Haven Domestic Abuse Service",
            "A single drop-in attendance was not followed up when the woman did not return.",
            "Drop-in visitors who give a safe number are now called back within a week.",
            "Service manager",
        ),
    ]
    for agency, lesson, action, owner in lessons:
        identified_on = case.decided_on + timedelta(days=20)
        record_early_lesson(
            case=case,
            by=officer,
            lesson=lesson,
            agency=ctx.agencies[agency],
            immediate_action=action,
            owner=owner,
            identified_on=identified_on,
            forwarded_on=identified_on + timedelta(days=3),
        )
