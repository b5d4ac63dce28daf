"""Drafting joined to the case core: the task list's rows under the drafting stage, the
audit trail of the drafts, their versions and the panel's comments, and the report's page
links to the versions."""

from datetime import date

from django.db.models import Exists, OuterRef
from django.urls import reverse

from cases.models import Case
from cases.selectors import Task, add_audit_source, add_task_rows
from cases.workflow import REVIEW_STAGES, Stage

from ..models import Document, DraftSection, ReportComment, ReportVersion
from ..parts import Part, add_part


def _drafting_reached(case: Case) -> bool:
    return case.stage in REVIEW_STAGES and REVIEW_STAGES.index(
        Stage(case.stage)
    ) >= REVIEW_STAGES.index(Stage.DRAFTING)


ROW_NAMES = {
    Document.OVERVIEW_REPORT: "Draft the overview report",
    Document.EXECUTIVE_SUMMARY: "Draft the executive summary",
}


def _has_version(document: str) -> str:
    return f"reports_{document}_has_version"


def _has_draft_text(document: str) -> str:
    return f"reports_{document}_has_draft_text"


def drafting_reads(on: date) -> dict[str, Exists]:
    """Whether each document has a version, and whether any of its sections has text."""
    reads = {}
    for document in ROW_NAMES:
        mine = {"case": OuterRef("pk"), "document": document}
        reads[_has_version(document)] = Exists(ReportVersion.objects.filter(**mine))
        reads[_has_draft_text(document)] = Exists(
            DraftSection.objects.filter(**mine).exclude(text="")
        )
    return reads


def drafting_task_rows(case: Case) -> list[Task]:
    """Under the drafting stage: each document, done once a version of it exists; and the
    report's page, where everyone who reads the case file follows the drafts."""
    if not _drafting_reached(case):
        return [Task(Stage.DRAFTING, "cannot start yet", name=name) for name in ROW_NAMES.values()]
    return [
        Task(
            Stage.DRAFTING,
            "done"
            if getattr(case, _has_version(document))
            else "in progress"
            if getattr(case, _has_draft_text(document))
            else "not started",
            name=name,
            url=reverse("reports:document", args=[case.reference, document]),
            permission="write_overview_report",
        )
        for document, name in ROW_NAMES.items()
    ] + [
        Task(
            Stage.DRAFTING,
            "optional",
            name="Read the report's drafts, versions and comments",
            url=reverse("reports:report", args=[case.reference]),
            permission="view_case_file",
        )
    ]


def _draft_history(case: Case):
    return (
        DraftSection.history.filter(case_id=case.pk),
        lambda record: f"{Document(record.document).label} draft: {_title(record)}",
    )


def _title(record) -> str:
    return DraftSection(document=record.document, key=record.key).title


def _version_history(case: Case):
    return (
        ReportVersion.history.filter(case_id=case.pk),
        lambda record: f"{Document(record.document).label} version {record.number}",
    )


def _comment_history(case: Case):
    return (
        ReportComment.history.filter(version__case_id=case.pk),
        lambda record: "Comment on the report",
    )


def register() -> None:
    add_task_rows(drafting_task_rows, reads=drafting_reads)
    for source in (_draft_history, _version_history, _comment_history):
        add_audit_source(source)
    add_part(
        Part(
            "Versions of the drafts and the panel's comments",
            "reports:versions",
            "view_case_file",
            description="Every version of the overview report and the executive summary, "
            "compared, with the comments on each.",
        )
    )
