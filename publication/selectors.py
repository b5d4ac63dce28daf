"""What the Home Office answered, as the later parts of the review read it."""

from django.db.models import Expression, QuerySet

from cases.models import Case

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
