"""Monitoring joined to the case core: the conclude guard, the task list's rows under
Monitoring and Concluded, the agency senior manager's way in from the short case page, the
reminder of overdue actions, and the audit trail of monitoring's records."""

from datetime import date

from django.db.models import Exists, Expression, OuterRef, Q, QuerySet, Subquery
from django.template.loader import render_to_string
from django.urls import reverse

from cases import reminders, selectors, workflow
from cases.models import Case, CaseMembership, Reminder, User
from cases.reminders import ReminderRule
from cases.roles import CaseRole
from cases.selectors import Task
from cases.workflow import REVIEW_STAGES, Stage
from reports.models import Action

from . import selectors as monitoring
from .models import (
    ActionAudit,
    ActionUpdate,
    Challenge,
    ChallengeMeeting,
    ClosureAgreement,
    Dissemination,
    HomeOfficeUpdateRequest,
)
from .selectors import FINISHED
from .services.conclusion import ready_to_conclude

# Task list ------------------------------------------------------------------------------

ROWS = (
    ("Monitor the action plan", "monitoring:overview"),
    ("Challenge meetings", "monitoring:challenges"),
    ("Home Office update requests", "monitoring:home_office_requests"),
    ("Dissemination of the lessons", "monitoring:dissemination"),
)


def case_reads(on: date) -> dict[str, Expression]:
    """What the rows read of monitoring's records, with the case."""

    def any_of(records: QuerySet) -> Exists:
        return Exists(records.filter(case=OuterRef("pk")))

    return {
        "monitoring_has_unfinished_action": Exists(monitoring.unfinished_actions(OuterRef("pk"))),
        "monitoring_has_action_update": any_of(ActionUpdate.objects),
        "monitoring_has_challenge_meeting": any_of(ChallengeMeeting.objects),
        "monitoring_has_update_request": any_of(HomeOfficeUpdateRequest.objects),
        "monitoring_has_unanswered_update_request": any_of(
            HomeOfficeUpdateRequest.objects.filter(answered_on__isnull=True)
        ),
        "monitoring_has_dissemination": any_of(Dissemination.objects),
    }


def _statuses(case: Case) -> list[str]:
    """Each row's status while the plan is monitored, in the order of ROWS."""
    return [
        # The conclude guard's test (ready_to_conclude), without naming the action.
        "done"
        if not case.monitoring_has_unfinished_action
        else "in progress"
        if case.monitoring_has_action_update
        else "not started",
        "in progress" if case.monitoring_has_challenge_meeting else "not started",
        ("in progress" if case.monitoring_has_unanswered_update_request else "done")
        if case.monitoring_has_update_request
        else "optional",
        "in progress" if case.monitoring_has_dissemination else "not started",
    ]


def task_rows(case: Case) -> list[Task]:
    if case.stage not in REVIEW_STAGES:
        return []
    reached = REVIEW_STAGES.index(Stage(case.stage)) - REVIEW_STAGES.index(Stage.MONITORING)
    if reached < 0:
        return [Task(Stage.MONITORING, "cannot start yet", name=name) for name, _ in ROWS] + [
            Task(Stage.CONCLUDED, "cannot start yet", name="The CSP chair concludes the review")
        ]
    statuses = _statuses(case) if reached == 0 else ["done"] * len(ROWS)
    rows = [
        Task(
            Stage.MONITORING,
            status,
            name=name,
            url=reverse(url_name, kwargs={"reference": case.reference}),
            permission="view_case_file",
        )
        for (name, url_name), status in zip(ROWS, statuses, strict=True)
    ]
    conclusion = (
        Task(
            Stage.CONCLUDED,
            "not started",
            name="The CSP chair concludes the review",
            url=reverse("monitoring:conclude", kwargs={"reference": case.reference}),
            permission="conclude_review",
        )
        if reached == 0
        else Task(Stage.CONCLUDED, "done", name="The CSP chair concludes the review")
    )
    return [*rows, conclusion]


# The senior manager's way in ------------------------------------------------------------


def agency_monitoring(case: Case, user: User) -> str:
    """On the agency staff's short case page: the actions their agency leads, for its
    senior manager to update, while the plan is monitored and once concluded."""
    if case.stage not in (Stage.MONITORING, Stage.CONCLUDED):
        return ""
    mine = monitoring.senior_manager_agencies(case, user)
    if not mine:
        return ""
    listed = monitoring.standings(case, mine)
    agencies = {}
    for standing in listed:
        agencies.setdefault(standing.action.lead_agency, []).append(standing)
    if not agencies:
        return ""
    return render_to_string(
        "monitoring/_agency_monitoring.html",
        {
            "case": case,
            "agencies": [
                (agency, standings, sum(s.overdue for s in standings))
                for agency, standings in agencies.items()
            ],
        },
    )


# Reminders ------------------------------------------------------------------------------

ACTION_SUBJECT = "the action for recommendation "


def _subject(action: Action) -> str:
    return (
        f"{ACTION_SUBJECT}{action.recommendation.number} led by {action.lead_agency} "
        f"(“{action.action[:60]}”)"
    )[:200]


def _actions_due(until: date) -> list[tuple]:
    """(case id, target date, subject) of each action not complete nor closed whose target
    date is on or before `until`, on a review being monitored, in one read: an action's
    status is its latest update's. The subject is written in Python."""
    latest = ActionUpdate.objects.filter(action=OuterRef("pk")).order_by("-posted_at", "-id")
    actions = (
        Action.objects.filter(recommendation__case__stage=Stage.MONITORING, target_on__lte=until)
        .annotate(status=Subquery(latest.values("status")[:1]))
        .filter(Q(status__isnull=True) | ~Q(status__in=FINISHED))
        .select_related("recommendation", "lead_agency")
    )
    return [
        (action.recommendation.case_id, action.target_on, _subject(action)) for action in actions
    ]


def _lead_agency_and_officer(reminder: Reminder) -> list[User]:
    """The senior managers of the action's lead agency on the case, and the CSP officer."""
    actions = Action.objects.filter(recommendation__case_id=reminder.case_id).select_related(
        "recommendation", "lead_agency"
    )
    action = next((a for a in actions if _subject(a) == reminder.subject), None)
    if action is None:
        return []
    memberships = CaseMembership.objects.filter(
        case_id=reminder.case_id, ended_at__isnull=True, user__is_active=True
    ).select_related("user")
    return list(
        {
            membership.user.pk: membership.user
            for membership in memberships
            if membership.role == CaseRole.CSP_OFFICER
            or (
                membership.role == CaseRole.SENIOR_MANAGER
                and membership.agency_id == action.lead_agency_id
            )
        }.values()
    )


ACTION_OVERDUE = ReminderRule(
    name="action_due",
    what="an action of the action plan",
    # DESIGN §7: before, on and after the date, as the IMR rule.
    days_before=(14, 7, 0),
    weekly_when_overdue=True,
    recipients=(),
    due_dates=_actions_due,
    recipients_of=_lead_agency_and_officer,
)


# Audit trail ----------------------------------------------------------------------------


def _history(model, label: str):
    def source(case: Case):
        return model.history.filter(case_id=case.pk), lambda record: label

    return source


SOURCES = (
    _history(ActionUpdate, "Action plan: progress update"),
    _history(ActionAudit, "Action plan: audit of a completed action"),
    _history(ClosureAgreement, "Action plan: closure agreed by the CSP chair"),
    _history(ChallengeMeeting, "Challenge meeting"),
    _history(Challenge, "Challenge made"),
    _history(HomeOfficeUpdateRequest, "Home Office update request"),
    _history(Dissemination, "Dissemination of the lessons"),
)


def register() -> None:
    workflow.add_guard("conclude", ready_to_conclude)
    selectors.add_task_rows(task_rows, reads=case_reads)
    selectors.add_limited_case_part(agency_monitoring)
    reminders.register(ACTION_OVERDUE)
    for source in SOURCES:
        selectors.add_audit_source(source)
