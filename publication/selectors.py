"""What the Home Office answered, as the later parts of the review read it."""

from django.db.models import Expression, OuterRef, QuerySet, Subquery

from cases.models import Case
from reports.models import Document, ReportVersion

from .models import AreaForFinalDevelopment, QaOutcome


def outcomes_latest_first(case: Case | Expression) -> QuerySet[QaOutcome]:
    """The QA outcomes recorded on `case` (or a reference to one, for an annotation), the
    latest submission's first."""
    return QaOutcome.objects.filter(submission__case=case).order_by("-submission__number")


def latest_outcome(case: Case) -> QaOutcome | None:
    """The QA outcome of the case's latest submission, if the letter has been recorded."""
    return outcomes_latest_first(case).select_related("submission").first()


def areas_open(outcome: QaOutcome | Expression) -> QuerySet[AreaForFinalDevelopment]:
    return AreaForFinalDevelopment.objects.filter(outcome=outcome, done_on__isnull=True)


def open_areas(case: Case) -> list[AreaForFinalDevelopment]:
    """The areas for final development of the latest outcome not yet done."""
    outcome = latest_outcome(case)
    if outcome is None:
        return []
    return list(areas_open(outcome))


def latest_versions(case: Case) -> dict[str, ReportVersion]:
    """The latest version of the overview report and of the executive summary (the
    documents signed off and published), by document, read together."""
    latest = (
        ReportVersion.objects.filter(case=OuterRef("case"), document=OuterRef("document"))
        .order_by("-number")
        .values("number")[:1]
    )
    versions = case.report_versions.filter(
        document__in=[Document.OVERVIEW_REPORT, Document.EXECUTIVE_SUMMARY],
        number=Subquery(latest),
    )
    return {version.document: version for version in versions}
