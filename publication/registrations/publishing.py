"""Publication joined to the case core (PublicationConfig.ready): the publish and withhold
guards, the task list's rows under Publication, the reminders of the report's copies owed
and of the Home Office to be told of publication,
and the audit trail of publication's records."""

from datetime import date

from django.db.models import Exists, Expression, OuterRef
from django.urls import reverse

from cases import reminders, selectors, workflow
from cases.models import Case
from cases.selectors import Task
from cases.workflow import REVIEW_STAGES, Stage

from ..models import (
    CopySent,
    FamilyForewarning,
    MediaBriefing,
    Publication,
    PublicationDate,
    PublishedFile,
    QaLetterCheck,
    ReportCopy,
    Withholding,
)
from ..services import copies, publishing

# Guards ----------------------------------------------------------------------------------


def withholding_recorded(case: Case) -> str | None:
    """who decided to withhold, and the compelling reasons, recorded

    withhold_publication moves on only with the decision recorded (seed 000 l.373), which
    publishing.withhold writes first, in the same transaction."""
    if not Withholding.objects.filter(case=case).exists():
        return "Record who decided to withhold publication, and the compelling reasons."
    return None


# Task list -------------------------------------------------------------------------------


def case_reads(on: date) -> dict[str, Expression]:
    """What the rows read of publication's records, with the case."""
    return {
        "publication_date_agreed": Exists(PublicationDate.objects.filter(case=OuterRef("pk"))),
        "publication_family_forewarned": Exists(
            FamilyForewarning.objects.filter(case=OuterRef("pk"))
        ),
        "publication_published": Exists(Publication.objects.filter(case=OuterRef("pk"))),
        **copies.copies_sent_and_unsent(),
        **copies.report_copies_read(),
    }


def _status(done: bool, started: bool) -> str:
    return "done" if done else "in progress" if started else "not started"


def _copies_status(case: Case) -> str:
    # Once published, copies() owes at least its notices.
    return _status(not case.publication_copy_unsent, case.publication_copy_sent)


def _report_copies_status(case: Case) -> str:
    owed = len(copies.recipients()) if case.publication_report_completed else 0
    if not owed:
        return "cannot start yet"
    sent = case.publication_report_copies_sent
    return _status(sent == owed, sent > 0)


def task_rows(case: Case) -> list[Task]:
    if case.stage not in REVIEW_STAGES:
        return []
    reached = REVIEW_STAGES.index(Stage(case.stage)) - REVIEW_STAGES.index(Stage.PUBLICATION)
    names = (
        "Publication date agreed with the family",
        "Family forewarned",
        "Published or withheld",
        "Copies and notices after publication",
        "The report's copies owed",
    )
    if reached < 0:
        statuses = ["cannot start yet"] * 4 + [_report_copies_status(case)]
    elif reached == 0:
        statuses = [
            _status(case.publication_date_agreed, False),
            _status(case.publication_family_forewarned, False),
            "not started",
            "cannot start yet",
            _report_copies_status(case),
        ]
    else:
        statuses = ["done"] * 3 + [
            _copies_status(case) if case.publication_published else "optional",
            _report_copies_status(case),
        ]
    url = reverse("publication:publication", kwargs={"reference": case.reference})
    return [
        Task(Stage.PUBLICATION, status, name=name, url=url, permission="view_case_file")
        for name, status in zip(names, statuses, strict=True)
    ]


# Audit trail -----------------------------------------------------------------------------


def _history(model, label: str, case_field: str = "case_id"):
    def source(case: Case):
        return model.history.filter(**{case_field: case.pk}), lambda record: label

    return source


SOURCES = (
    _history(PublicationDate, "Publication date agreed with the family"),
    _history(FamilyForewarning, "The family forewarned of publication"),
    _history(MediaBriefing, "The media lead's briefing"),
    _history(QaLetterCheck, "The QA letter's leak check", "outcome__submission__case_id"),
    _history(Publication, "Publication"),
    _history(PublishedFile, "Published file", "publication__case_id"),
    _history(Withholding, "Publication withheld"),
    _history(CopySent, "Copy or notice after publication"),
    _history(ReportCopy, "The report's copy to a body owed one"),
)


def register() -> None:
    workflow.add_guard("publish", publishing.ready_to_publish)
    workflow.add_guard("withhold_publication", withholding_recorded)
    selectors.add_task_rows(task_rows, reads=case_reads)
    reminders.register(copies.REPORT_COPY_DUE)
    reminders.register(copies.HOME_OFFICE_TO_BE_TOLD)
    for source in SOURCES:
        selectors.add_audit_source(source)
