"""The report's services, a module per part. One rule holds for every part: the report's
records change only while the review is at the drafting stage (to which the CSP may return
it), so it is kept here, once."""

from cases.models import Case, User
from cases.services import CaseActionRefused, lock_case_for
from cases.workflow import Stage


def is_drafting(case: Case) -> bool:
    return case.stage == Stage.DRAFTING


def refuse_unless_drafting(case: Case) -> None:
    if not is_drafting(case):
        raise CaseActionRefused(
            "This changes only while the report is drafted, and so only while the review is at "
            f"the drafting stage: it is at “{case.get_stage_display()}”."
        )


def lock_while_drafting(case: Case, *, by: User, permission: str, refusal: str) -> Case:
    """The case, locked for `by`, who holds `permission` (else `refusal`), at drafting."""
    case = lock_case_for(case, by=by, permission=permission, refusal=refusal)
    refuse_unless_drafting(case)
    return case
