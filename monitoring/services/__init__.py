"""Monitoring's services, a module per part. One rule holds for each: monitoring records
change only while the review is at the monitoring stage, so it is kept here, once."""

from cases.models import Case, User
from cases.services import CaseActionRefused, lock_case_for
from cases.workflow import Stage

# The CSP officer monitors the action plan (DOMAIN.md 2.9 actors); the permission they
# hold for the CSP's work after sign-off is the one that covers it. The CSP chair holds it
# too, and may act in the officer's place.
MONITORS = "send_to_home_office"


def is_monitoring(case: Case) -> bool:
    return case.stage == Stage.MONITORING


def refuse_unless_monitoring(case: Case) -> None:
    if not is_monitoring(case):
        raise CaseActionRefused(
            "This changes only while the action plan is monitored: the review is at "
            f"“{case.get_stage_display()}”."
        )


def lock_while_monitoring(case: Case, *, by: User, permission: str, refusal: str) -> Case:
    """The case, locked for `by`, who holds `permission` (else `refusal`), at monitoring."""
    case = lock_case_for(case, by=by, permission=permission, refusal=refusal)
    refuse_unless_monitoring(case)
    return case
