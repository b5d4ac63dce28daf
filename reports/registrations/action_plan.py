"""The action plan and the checks before sign-off joined to the case core: the report's
parts, the submit_for_sign_off guard, the task list's rows under Drafting, the agency
senior manager's way in from the short case page, the chair's reminder of contributors
who have not confirmed, and the audit trail of their records."""

from datetime import date, timedelta

from django.db.models import Exists, Expression, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse

from cases import reminders, selectors, workflow
from cases.models import Case, User
from cases.reminders import ReminderRule
from cases.roles import CaseRole
from cases.selectors import Task
from cases.workflow import REVIEW_STAGES, Stage

from ..models import (
    Action,
    ActionAgreement,
    ContributorConfirmation,
    Document,
    FamilyViewing,
    PanelAgreement,
    Recommendation,
)
from ..models.before_sign_off import EMPTY_ACTION_PLAN_HASH, ActionsHash
from ..parts import Part, add_part
from ..services import before_sign_off as checks

# Task list ------------------------------------------------------------------------------

ROWS = (
    ("Recommendations and action plan", "reports:action_plan", "view_case_file"),
    ("Agencies agree their actions", "reports:action_plan", "view_case_file"),
    ("Contributors confirm", "reports:contributors", "view_case_file"),
    ("The panel agrees the report", "reports:panel_agreement", "view_case_file"),
    ("The family sees the completed version", "reports:family_viewing", "view_people_register"),
)


def action_plan_reads(on: date) -> dict[str, Expression]:
    """What the rows read of the action plan and the checks before sign-off: the latest
    version of each document, what the panel's latest agreement and the family's latest
    viewing were of, and whether each agency's latest agreement is of its actions as they
    stand (ActionsHash)."""
    case = OuterRef("pk")
    panel_agreed = checks.panel_agreements_newest_first(case)
    family_viewing = checks.family_viewings_newest_first(case)
    agreed_hash = ActionAgreement.objects.filter(
        case=OuterRef("case"), agency=OuterRef("agency")
    ).order_by("-agreed_on", "-id")
    agency_hashes = ActionsHash.objects.filter(case=case, agency__isnull=False).annotate(
        agreed_hash=Subquery(agreed_hash.values("actions_hash")[:1])
    )
    leads = Action.objects.filter(
        recommendation__case=OuterRef("case"), lead_agency=OuterRef("agency")
    )
    confirmations = ContributorConfirmation.objects.filter(case=case)
    plan_hash = ActionsHash.objects.filter(case=case, agency__isnull=True)
    reads = {
        "reports_has_action": Exists(Action.objects.filter(recommendation__case=case)),
        "reports_actions_hash": Coalesce(
            Subquery(plan_hash.values("actions_hash")[:1]), Value(EMPTY_ACTION_PLAN_HASH)
        ),
        "reports_an_agency_agreed_actions": Exists(
            ActionAgreement.objects.filter(case=case).filter(Exists(leads))
        ),
        "reports_an_agency_agreement_not_current": Exists(
            agency_hashes.filter(Q(agreed_hash__isnull=True) | ~Q(agreed_hash=F("actions_hash")))
        ),
        "reports_has_contributor_asked": Exists(confirmations),
        "reports_has_contributor_unconfirmed": Exists(
            confirmations.filter(confirmed_on__isnull=True)
        ),
        "reports_panel_agreed_actions_hash": Subquery(panel_agreed.values("action_plan_hash")[:1]),
        "reports_family_viewing_kind": Subquery(family_viewing.values("kind")[:1]),
    }
    for document in Document.values:
        reads[f"reports_{document}_latest_version"] = Subquery(
            checks.versions_newest_first(case, document).values("pk")[:1]
        )
        reads[f"reports_panel_agreed_{document}_version"] = Subquery(
            panel_agreed.values(f"{document}_version")[:1]
        )
        reads[f"reports_family_shown_{document}_version"] = Subquery(
            family_viewing.values(f"{document}_version")[:1]
        )
    return reads


def _panel_agreement_current(case: Case) -> bool:
    """checks.current_panel_agreement, from action_plan_reads."""
    return case.reports_panel_agreed_actions_hash == case.reports_actions_hash and all(
        getattr(case, f"reports_panel_agreed_{document}_version")
        == getattr(case, f"reports_{document}_latest_version")
        for document in Document.values
    )


def _family_shown(case: Case) -> bool:
    """Not checks.family_not_shown, from action_plan_reads: no family to show, or shown
    what the panel agreed as it stands (its versions are then the latest)."""
    return case.reports_family_viewing_kind == FamilyViewing.Kind.NO_FAMILY or (
        _panel_agreement_current(case)
        and all(
            getattr(case, f"reports_family_shown_{document}_version")
            == getattr(case, f"reports_{document}_latest_version")
            for document in Document.values
        )
    )


def _statuses(case: Case) -> list[str]:
    """Each row's status while the report is drafted, in the order of ROWS."""
    agreed = _panel_agreement_current(case)
    return [
        "in progress" if case.reports_has_action else "not started",
        _done_when(
            not case.reports_an_agency_agreement_not_current, case.reports_an_agency_agreed_actions
        )
        if case.reports_has_action
        else "not started",
        _done_when(not case.reports_has_contributor_unconfirmed, True)
        if case.reports_has_contributor_asked
        else "not started",
        "done"
        if agreed
        else "in progress"
        if case.reports_panel_agreed_actions_hash is not None
        else "not started",
        "not started"
        if case.reports_family_viewing_kind is None
        else "done"
        if _family_shown(case)
        else "in progress",
    ]


def _done_when(done: bool, started: bool) -> str:
    return "done" if done else "in progress" if started else "not started"


def task_rows(case: Case) -> list[Task]:
    if case.stage not in REVIEW_STAGES:
        return []
    reached = REVIEW_STAGES.index(Stage(case.stage)) - REVIEW_STAGES.index(Stage.DRAFTING)
    if reached < 0:
        return [Task(Stage.DRAFTING, "cannot start yet", name=name) for name, *_ in ROWS]
    statuses = _statuses(case) if reached == 0 else ["done"] * len(ROWS)
    return [
        Task(
            Stage.DRAFTING,
            status,
            name=name,
            url=reverse(url_name, kwargs={"reference": case.reference}),
            permission=permission,
        )
        for (name, url_name, permission), status in zip(ROWS, statuses, strict=True)
    ]


# The senior manager's way in ------------------------------------------------------------


def actions_to_agree(case: Case, user: User) -> str:
    """On the agency staff's short case page: the actions their agency leads, for its
    senior manager to agree, while the report is drafted."""
    if case.stage != Stage.DRAFTING:
        return ""
    mine = set(
        case.memberships.filter(user=user, role=CaseRole.SENIOR_MANAGER, ended_at=None).values_list(
            "agency_id", flat=True
        )
    )
    if not mine:
        return ""
    standings = [s for s in checks.agency_agreements(case) if s.agency.pk in mine]
    if not standings:
        return ""
    return render_to_string(
        "reports/_actions_to_agree.html", {"case": case, "standings": standings}
    )


# Reminders ------------------------------------------------------------------------------

# A contributor has two weeks to confirm; then the chair is reminded, and weekly after.
CONFIRM_WITHIN = timedelta(days=14)
CONFIRMATION_SUBJECT = "the confirmation of "


def _confirmations_due(until: date) -> list[tuple]:
    """(case id, due date, subject) of each contributor asked two weeks or more before
    `until` who has not confirmed. In Python: the embedded demo's SQLite adds no days."""
    waiting = ContributorConfirmation.objects.filter(
        case__stage=Stage.DRAFTING,
        confirmed_on__isnull=True,
        asked_on__lte=until - CONFIRM_WITHIN,
    ).select_related("agency")
    return [
        (
            confirmation.case_id,
            confirmation.asked_on + CONFIRM_WITHIN,
            f"{CONFIRMATION_SUBJECT}{confirmation.contributor}"[:200],
        )
        for confirmation in waiting
    ]


CONFIRMATION_DUE = ReminderRule(
    name="contributor_confirmation_due",
    what="a contributor's confirmation",
    days_before=(0,),
    weekly_when_overdue=True,
    recipients=(CaseRole.INDEPENDENT_CHAIR,),
    due_dates=_confirmations_due,
    # Not stopped by a pause: the rows are listed in Python (the pause filter works on a
    # query), and a contributor's reply does not wait for the review's own clock.
)


# Audit trail ----------------------------------------------------------------------------


def _history(model, label: str, case_field: str = "case_id"):
    def source(case: Case):
        return model.history.filter(**{case_field: case.pk}), lambda record: label

    return source


SOURCES = (
    _history(Recommendation, "Recommendation"),
    _history(Action, "Action plan: action", "recommendation__case_id"),
    _history(ActionAgreement, "Agency's agreement to its actions"),
    _history(ContributorConfirmation, "Contributor's confirmation"),
    _history(PanelAgreement, "The panel's agreement of the report"),
    _history(FamilyViewing, "The family's viewing of the report"),
)


def register() -> None:
    for part in (
        Part("Recommendations", "reports:recommendations", "view_case_file"),
        Part(
            "Action plan",
            "reports:action_plan",
            "view_case_file",
            "SMART actions for each recommendation, and each agency's agreement.",
        ),
        Part(
            "Contributors' confirmations",
            "reports:contributors",
            "view_case_file",
            "Each contributor confirms its information is fully and fairly represented.",
        ),
        Part(
            "The panel's agreement",
            "reports:panel_agreement",
            "view_case_file",
            "The panel agrees the report, the summary and the action plan.",
        ),
        Part(
            "The family's viewing",
            "reports:family_viewing",
            "view_people_register",
            "The family is shown the completed version; their disagreements are kept.",
        ),
    ):
        add_part(part)
    workflow.add_guard("submit_for_sign_off", checks.ready_for_sign_off)
    selectors.add_task_rows(task_rows, reads=action_plan_reads)
    selectors.add_limited_case_part(actions_to_agree)
    reminders.register(CONFIRMATION_DUE)
    for source in SOURCES:
        selectors.add_audit_source(source)
