"""The CSP sign-off and the Home Office's quality assurance joined to the case core: the
guards of send_to_home_office, clear_for_publication and ask_to_resubmit, the hand-offs of
a return to drafting and of a resubmission, the task list's rows, the Home Office
reviewer's way in from the short case page, and the audit trail of their records."""

from datetime import date

from django.db.models import Exists, Expression, OuterRef, Subquery
from django.template.loader import render_to_string
from django.urls import reverse

from cases import handoffs, selectors, workflow
from cases.access import case_permissions
from cases.handoffs import HandOff
from cases.models import Case, User
from cases.roles import CaseRole
from cases.selectors import Task
from cases.workflow import REVIEW_STAGES, Stage

from ..models import (
    AreaForFinalDevelopment,
    FamilyToldOfQa,
    HomeOfficeSubmission,
    PackageFile,
    QaOutcome,
    SignOff,
)
from ..selectors import areas_open, outcomes_latest_first
from ..services import home_office
from ..services.sign_off import sign_offs_standing

# Task list ------------------------------------------------------------------------------


def case_reads(on: date) -> dict[str, Expression]:
    """What the rows read of the sign-off and the Home Office's answer, with the case."""
    latest_outcome = Subquery(outcomes_latest_first(OuterRef(OuterRef("pk"))).values("pk")[:1])
    return {
        "publication_standing_sign_off_plan_hash": Subquery(
            sign_offs_standing().filter(case=OuterRef("pk")).values("action_plan_hash")[:1]
        ),
        "publication_qa_outcome": Subquery(
            outcomes_latest_first(OuterRef("pk")).values("outcome")[:1]
        ),
        "publication_family_told_of_qa": Exists(
            FamilyToldOfQa.objects.filter(outcome=latest_outcome)
        ),
        "publication_area_open": Exists(areas_open(latest_outcome)),
    }


def _reached(case: Case, stage: Stage) -> int:
    """<0 before `stage`, 0 at it, >0 past it."""
    return REVIEW_STAGES.index(Stage(case.stage)) - REVIEW_STAGES.index(stage)


def _row(case: Case, stage: Stage, name: str, status: str, url_name: str) -> Task:
    return Task(
        stage,
        status,
        name=name,
        url=reverse(url_name, kwargs={"reference": case.reference}),
        permission="view_case_file",
    )


def _sign_off_status(case: Case) -> str:
    reached = _reached(case, Stage.CSP_SIGN_OFF)
    if reached < 0:
        return "cannot start yet"
    if reached > 0:
        return "done"
    # current_sign_off's last test: the action plan as signed off is the plan as it stands,
    # by the hash the reports app keeps of it (ActionsHash, read as reports_actions_hash).
    signed = case.publication_standing_sign_off_plan_hash
    return "done" if signed is not None and signed == case.reports_actions_hash else "not started"


def _qa_statuses(case: Case) -> tuple[str, str]:
    """The QA panel's answer, and the family told of it."""
    reached = _reached(case, Stage.HOME_OFFICE_QA)
    if reached < 0:
        return "cannot start yet", "cannot start yet"
    if case.publication_qa_outcome is None:
        return "in progress", "cannot start yet"
    return "done", "done" if case.publication_family_told_of_qa else "not started"


def task_rows(case: Case) -> list[Task]:
    if case.stage not in REVIEW_STAGES:
        return []
    answer, told = _qa_statuses(case)
    rows = [
        _row(
            case,
            Stage.CSP_SIGN_OFF,
            "The partnership signs off",
            _sign_off_status(case),
            "publication:sign_off",
        ),
        _row(
            case, Stage.HOME_OFFICE_QA, "The QA panel's answer", answer, "publication:home_office"
        ),
        _row(
            case,
            Stage.HOME_OFFICE_QA,
            "The family told of the QA letter",
            told,
            "publication:home_office",
        ),
    ]
    if (
        answer == "done"
        and case.publication_qa_outcome == QaOutcome.Outcome.CLEARED_SUBJECT_TO_CHANGES
    ):
        rows.append(
            _row(
                case,
                Stage.PUBLICATION,
                "Areas for final development",
                "in progress" if case.publication_area_open else "done",
                "publication:home_office",
            )
        )
    return rows


# The Home Office reviewer's way in ------------------------------------------------------


def submitted_package(case: Case, user: User) -> str:
    """On the short case page of someone who reads submitted packages: the link to them,
    from the first submission on (before it, nothing)."""
    if "read_submitted_package" not in case_permissions(user, case):
        return ""
    if not case.submissions.exists():
        return ""
    return render_to_string("publication/_submitted_package_link.html", {"case": case})


# Audit trail ----------------------------------------------------------------------------


def _history(model, label: str, case_field: str = "case_id"):
    def source(case: Case):
        return model.history.filter(**{case_field: case.pk}), lambda record: label

    return source


SOURCES = (
    _history(SignOff, "CSP sign-off"),
    _history(HomeOfficeSubmission, "Home Office submission"),
    _history(PackageFile, "Home Office submission: file", "submission__case_id"),
    _history(QaOutcome, "Home Office QA outcome", "submission__case_id"),
    _history(
        AreaForFinalDevelopment,
        "Area for final development",
        "outcome__submission__case_id",
    ),
    _history(FamilyToldOfQa, "Family told of the QA letter", "outcome__submission__case_id"),
)


def register() -> None:
    workflow.add_guard("send_to_home_office", home_office.not_ready_to_send)
    workflow.add_guard("send_to_home_office", home_office.package_incomplete)
    workflow.add_guard("clear_for_publication", home_office.clears)
    workflow.add_guard("ask_to_resubmit", home_office.asks_resubmission)
    handoffs.register(
        "return_to_drafting",
        HandOff(
            (CaseRole.INDEPENDENT_CHAIR,),
            "The partnership returned the report on {reference} to you with its reasons: "
            "revise it and submit it for sign-off again.",
            "cases:detail",
        ),
    )
    handoffs.register(
        "ask_to_resubmit",
        HandOff(
            (CaseRole.CSP_CHAIR, CaseRole.INDEPENDENT_CHAIR),
            "The Home Office asks for the report on {reference} to be revised and resubmitted: "
            "read the QA panel's findings.",
            "publication:home_office",
        ),
    )
    selectors.add_task_rows(task_rows, reads=case_reads)
    selectors.add_limited_case_part(submitted_package)
    for source in SOURCES:
        selectors.add_audit_source(source)
