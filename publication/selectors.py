"""What the Home Office answered, as the later parts of the review read it."""

from cases.models import Case

from .models import AreaForFinalDevelopment, QaOutcome


def latest_outcome(case: Case) -> QaOutcome | None:
    """The QA outcome of the case's latest submission, if the letter has been recorded."""
    return (
        QaOutcome.objects.filter(submission__case=case)
        .select_related("submission")
        .order_by("-submission__number")
        .first()
    )


def open_areas(case: Case) -> list[AreaForFinalDevelopment]:
    """The areas for final development of the latest outcome not yet done."""
    outcome = latest_outcome(case)
    if outcome is None:
        return []
    return list(outcome.areas.filter(done_on__isnull=True))
