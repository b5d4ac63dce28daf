"""Who may do what, now: the named rules that views, templates, forms, services and the
admin all ask, so that a page never offers what the service would refuse (DESIGN §5).

The first rule is who may give which role on a case to whom. It is one rule because every
door that grants a role (the members page, the admin, the services) must answer alike:
- the partnership's officer or chair appoints the independent chair; the officer also adds
  panel members and the agencies' roles;
- the independent chair adds panel members and the agencies' roles, never another
  independent chair;
- an administrator may do what the partnership's officer may, from the admin;
- the partnership's own roles (officer, chair) follow the partnership's staff list and are
  never given one case at a time;
- an agency role goes only to a person of that agency; a panel member works for an agency
  or for the case's partnership; the independent chair works for neither (independence,
  seed 000 l.139, seed 002 (5)); one independent chair at a time.

The second is which step of the process waits for a person on a case (`next_steps`): the
dashboard's "waiting for you" list and the case page's actions both read it.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from .models import (
    Agency,
    Case,
    CaseLetter,
    CaseMembership,
    CaseUserObjectPermission,
    Partnership,
    User,
)
from .roles import AGENCY_ROLES, PARTNERSHIP_ROLES, CaseRole
from .workflow import TRANSITIONS_BY_NAME, transitions_from

_OFFICER_GRANTS = frozenset(
    {
        CaseRole.INDEPENDENT_CHAIR,
        CaseRole.PANEL_MEMBER,
        CaseRole.SENIOR_MANAGER,
        CaseRole.IMR_AUTHOR,
        CaseRole.HOME_OFFICE_REVIEWER,
    }
)
_GRANTS_BY_ROLE: dict[CaseRole, frozenset[CaseRole]] = {
    CaseRole.CSP_OFFICER: _OFFICER_GRANTS,
    CaseRole.CSP_CHAIR: frozenset({CaseRole.INDEPENDENT_CHAIR}),
    CaseRole.INDEPENDENT_CHAIR: frozenset(
        {CaseRole.PANEL_MEMBER, CaseRole.SENIOR_MANAGER, CaseRole.IMR_AUTHOR}
    ),
    # The senior manager appoints their own agency's IMR author (seed 000 l.230, l.347).
    CaseRole.SENIOR_MANAGER: frozenset({CaseRole.IMR_AUTHOR}),
}

# One message for every person who cannot take the role, whatever the reason, so the
# members page never tells whether an e-mail address has an account.
NO_SUCH_PERSON = (
    "No one with that e-mail address can be given this role. Check the address and the role: "
    "agency roles go to staff of the agency chosen, panel members work for an agency or the "
    "partnership, and the independent chair for neither. An administrator creates accounts."
)


@dataclass(frozen=True)
class Refusal:
    message: str
    field: str | None = None


def is_administrator(user: User) -> bool:
    return user.is_active and user.is_staff and user.has_perm("cases.add_casemembership")


def roles_grantable_by(
    actor: User, case: Case, memberships: list[CaseMembership] | None = None
) -> frozenset[CaseRole]:
    """The roles `actor` may give on `case` (and so may end). `memberships` is the case's
    list of memberships, when the caller has already loaded it."""
    if memberships is None:
        held = CaseMembership.objects.filter(
            case=case, user=actor, ended_at__isnull=True
        ).values_list("role", flat=True)
    else:
        held = [m.role for m in memberships if m.user_id == actor.pk and m.ended_at is None]
    grantable = frozenset().union(
        *(_GRANTS_BY_ROLE.get(CaseRole(role), frozenset()) for role in held)
    )
    if is_administrator(actor):
        grantable |= _OFFICER_GRANTS
    return grantable


def may_take_role(user: User, case: Case, role: CaseRole, agency: Agency | None) -> bool:
    """Whether `user` is the kind of person who may hold `role` on `case`."""
    if not user.is_active:
        return False
    if role in PARTNERSHIP_ROLES:
        return user.partnership_id == case.partnership_id
    if role in AGENCY_ROLES:
        return agency is not None and user.agency_id == agency.pk
    if role == CaseRole.PANEL_MEMBER:
        return user.agency_id is not None or user.partnership_id == case.partnership_id
    if role == CaseRole.INDEPENDENT_CHAIR:
        return user.agency_id is None and user.partnership_id is None
    return user.agency_id is None and user.partnership_id is None  # Home Office reviewer


def grant_refusal(
    *, actor: User, case: Case, user: User, role: str, agency: Agency | None = None
) -> Refusal | None:
    """Why `actor` may not give `user` the `role` on `case`, or None when they may."""
    try:
        role = CaseRole(role)
    except ValueError:
        return Refusal("Choose a role.", "role")
    if role not in roles_grantable_by(actor, case):
        return Refusal(f"You may not give the role {role.label} on this case.", "role")
    if role in AGENCY_ROLES and agency is None:
        return Refusal("Select the agency whose IMR this person works on.", "agency")
    if role in AGENCY_ROLES and not _grants_for_agency(actor, case, agency.pk if agency else None):
        return Refusal("A senior manager appoints authors for their own agency only.", "agency")
    if not may_take_role(user, case, role, agency):
        return Refusal(NO_SUCH_PERSON, "email")
    if role == CaseRole.INDEPENDENT_CHAIR and independent_chair_of(case) not in (None, user):
        return Refusal(
            "The case has an independent chair. End their role before appointing another.",
            "role",
        )
    return None


def partnership_role_refusal(
    *, partnership: Partnership, user: User, actor: User | None
) -> Refusal | None:
    """Why `actor` may not make `user` an officer or the chair of `partnership`. `actor` is
    None when the service sets up its own data (seed_demo)."""
    if actor is not None and not is_administrator(actor):
        return Refusal(
            "Only an administrator gives or ends a partnership's officer and chair roles."
        )
    if user.partnership_id != partnership.pk:
        return Refusal("The partnership's officers and chair must be its own staff.", "user")
    return None


def may_end_membership(
    actor: User,
    membership: CaseMembership,
    grantable: frozenset[CaseRole] | None = None,
    memberships: list[CaseMembership] | None = None,
) -> bool:
    """Ending a role is granting's mirror: who may give a role may take it away.
    `grantable` is roles_grantable_by(actor, case) and `memberships` the case's list of
    memberships, when the caller already has them (a page listing every member)."""
    if grantable is None:
        grantable = roles_grantable_by(actor, membership.case)
    return (
        membership.ended_at is None
        and CaseRole(membership.role) in grantable
        and (
            CaseRole(membership.role) not in AGENCY_ROLES
            or _grants_for_agency(actor, membership.case, membership.agency_id, memberships)
        )
    )


def _grants_for_agency(
    actor: User,
    case: Case,
    agency_id: int | None,
    memberships: list[CaseMembership] | None = None,
) -> bool:
    """Whether `actor` may give or end agency roles for the agency on `case`: those who
    manage the panel may for any agency; a senior manager only for their own."""
    if is_administrator(actor):
        return True
    if memberships is None:
        held = set(
            CaseMembership.objects.filter(case=case, user=actor, ended_at__isnull=True).values_list(
                "role", "agency_id"
            )
        )
    else:
        held = {
            (m.role, m.agency_id)
            for m in memberships
            if m.user_id == actor.pk and m.ended_at is None
        }
    if any(role in (CaseRole.CSP_OFFICER, CaseRole.INDEPENDENT_CHAIR) for role, _ in held):
        return True
    return agency_id is not None and (CaseRole.SENIOR_MANAGER, agency_id) in held


def independent_chair_of(case: Case) -> User | None:
    membership = (
        CaseMembership.objects.filter(
            case=case, role=CaseRole.INDEPENDENT_CHAIR, ended_at__isnull=True
        )
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


# What waits for whom ----------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    label: str
    url: str


# The transitions of the workflow that people take on a page of the service, with the page.
# The three decisions are made on one form, so they are one step. Later stages join this
# table as their pages are built; resuming, reopening, extending and withdrawing are things
# a person may do, not steps the process waits for.
_STEP_PAGES: dict[str, tuple[str, str]] = {
    "refer_for_decision": ("Record the standing panel recommendation", "cases:recommendation"),
    "decide_to_review": ("Record the decision", "cases:decision"),
    "decide_not_to_review": ("Record the decision", "cases:decision"),
    "defer_to_other_review": ("Record the decision", "cases:decision"),
}


def add_step_page(transition: str, label: str, url_name: str) -> None:
    """A later app's page for a transition people take (the panels app's "Commission the
    IMRs", say), from its AppConfig.ready(): the case page and the dashboard offer it."""
    if transition not in TRANSITIONS_BY_NAME:
        raise ValueError(f"No transition is declared as {transition!r}.")
    _STEP_PAGES[transition] = (label, url_name)


# Once decided, a case waits for its letters to the Home Office and the family (DESIGN
# §3.2), whatever its stage: a decision not to review is reported too.
LETTERS_PERMISSION = "send_to_home_office"


def _codename(permission: str) -> str:
    return permission.removeprefix("cases.")


def next_steps(
    case: Case, *, permissions: frozenset[str], letters_to_send: list[str]
) -> list[Step]:
    """The steps the process waits for on `case` that the holder of `permissions` (their
    codenames on the case) may take now, with the page for each. `letters_to_send` is the
    case's letters_still_to_send(), as CaseRow.letters_to_send reads it without a query."""
    steps: list[Step] = []
    for transition in transitions_from(case.stage):
        page = _STEP_PAGES.get(transition.name)
        if page and _codename(transition.permission) in permissions:
            label, url_name = page
            step = Step(label, reverse(url_name, kwargs={"reference": case.reference}))
            if step not in steps:
                steps.append(step)
    if letters_to_send and LETTERS_PERMISSION in permissions:
        steps.append(
            Step(
                _letters_label(letters_to_send),
                reverse("cases:record_letter", kwargs={"reference": case.reference}),
            )
        )
    return steps


_LETTER_TO = {
    CaseLetter.Recipient.HOME_OFFICE: "the Home Office",
    CaseLetter.Recipient.FAMILY: "the victim's family",
}


def _letters_label(recipients: list[str]) -> str:
    names = [_LETTER_TO[recipient] for recipient in recipients]
    if len(names) == 1:
        return f"Record the letter to {names[0]}"
    return f"Record the letters to {' and '.join(names)}"


def steps_waiting_filter(user: User) -> Q:
    """next_steps in SQL: the cases on which some step waits for `user`, so that a list of
    them can be cut to its most urgent rows in the database. Built from the same table;
    it filters a queryset with the letter annotations of cases.selectors."""

    def holds(codename: str) -> Exists:
        return Exists(
            CaseUserObjectPermission.objects.filter(
                user=user, content_object=OuterRef("pk"), permission__codename=codename
            )
        )

    letters_owed = Q(decided_on__isnull=False) & (
        Q(home_office_letter_sent_on__isnull=True)
        | Q(family_letter_sent_on__isnull=True, family_letter_not_sent_on__isnull=True)
    )
    waiting = letters_owed & holds(LETTERS_PERMISSION)
    # The three decisions share a stage and a permission: one condition for them.
    stage_permissions = {
        (transition.source, _codename(transition.permission))
        for transition in (TRANSITIONS_BY_NAME[name] for name in _STEP_PAGES)
    }
    for stage, codename in sorted(stage_permissions):
        waiting |= Q(stage=stage) & holds(codename)
    return waiting
