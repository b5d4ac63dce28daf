"""Who is told when work on a case passes to them (DESIGN §7): a message in their inbox and
an e-mail copy, declared here per transition so the lifecycle's hand-offs read as one table.

Later apps add theirs with `register` from their AppConfig.ready().
"""

from dataclasses import dataclass

from django.urls import reverse

from . import inbox
from .models import Case, CaseMembership, User
from .roles import CaseRole


@dataclass(frozen=True)
class HandOff:
    roles: tuple[CaseRole, ...]  # who on the case is told
    text: str  # what they are told; {reference} is the case's reference
    page: str  # the URL name of the page to act on, taking the reference


HAND_OFFS: dict[str, HandOff] = {
    "refer_for_decision": HandOff(
        (CaseRole.CSP_CHAIR,),
        "{reference} waits for your decision whether to hold a review.",
        "cases:decision",
    ),
    **{
        name: HandOff(
            (CaseRole.CSP_OFFICER,),
            "The decision on {reference} is recorded: send and record the letters to the "
            "Home Office and the family.",
            "cases:detail",
        )
        for name in ("decide_to_review", "decide_not_to_review", "defer_to_other_review")
    },
}


def register(transition: str, hand_off: HandOff) -> None:
    if transition in HAND_OFFS:
        raise ValueError(f"A hand-off for {transition} is declared already.")
    HAND_OFFS[transition] = hand_off


def after_transition(*, case: Case, transition: str, by: User) -> None:
    """Tell the people the transition hands the case to (never the person who made it)."""
    hand_off = HAND_OFFS.get(transition)
    if hand_off is None:
        return
    memberships = CaseMembership.objects.filter(
        case=case, role__in=hand_off.roles, ended_at__isnull=True
    ).exclude(user=by)
    users = list({m.user_id: m.user for m in memberships.select_related("user")}.values())
    inbox.hand_off(
        users=users,
        case=case,
        text=hand_off.text.format(reference=case.reference),
        link=reverse(hand_off.page, kwargs={"reference": case.reference}),
    )


def case_transferred_in(*, new_case: Case) -> None:
    """Tell the lead partnership's officers and chair that a case is now theirs to decide."""
    memberships = CaseMembership.objects.filter(
        case=new_case,
        role__in=(CaseRole.CSP_OFFICER, CaseRole.CSP_CHAIR),
        ended_at__isnull=True,
    ).select_related("user")
    inbox.hand_off(
        users=[membership.user for membership in memberships],
        case=new_case,
        text=f"{new_case.reference} was transferred to your partnership: the victim normally "
        "lived in its area. The decision whether to hold a review is yours.",
    )


def role_given(*, membership: CaseMembership) -> None:
    """Tell someone they have been given a role on a case."""
    case = membership.case
    inbox.hand_off(
        users=[membership.user],
        case=case,
        text=f"You have been added to {case.reference} as {membership.get_role_display().lower()}.",
    )
