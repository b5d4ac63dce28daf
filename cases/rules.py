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
"""

from dataclasses import dataclass

from .models import Agency, Case, CaseMembership, Partnership, User
from .roles import AGENCY_ROLES, PARTNERSHIP_ROLES, CaseRole

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
    actor: User, membership: CaseMembership, grantable: frozenset[CaseRole] | None = None
) -> bool:
    """Ending a role is granting's mirror: who may give a role may take it away.
    `grantable` is roles_grantable_by(actor, case), when the caller already has it."""
    if grantable is None:
        grantable = roles_grantable_by(actor, membership.case)
    return membership.ended_at is None and CaseRole(membership.role) in grantable


def independent_chair_of(case: Case) -> User | None:
    membership = (
        CaseMembership.objects.filter(
            case=case, role=CaseRole.INDEPENDENT_CHAIR, ended_at__isnull=True
        )
        .select_related("user")
        .first()
    )
    return membership.user if membership else None
