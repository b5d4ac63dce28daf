"""The review's conclusion (DOMAIN.md 2.9 item 4; seed 000 l.262; seed 001 §4.29; seed 002
(13)(d)): formally concluded when the action plan is implemented and audited."""

from cases.models import Case

from ..selectors import first_hold_up


def ready_to_conclude(case: Case) -> str | None:
    """every action complete and audited, or closed with the CSP chair's agreement

    The conclude guard: names the first action, in the plan's order, that holds it up.
    The first line names it in the workflow's diagram."""
    return first_hold_up(case)
