"""Who may open which IMR (DESIGN §5), the one place that answers it for the imr app.

An agency's senior manager and IMR author reach their own agency's IMR on the case, in every
state, and no other agency's. Those who read the case file (the partnership, the independent
chair, the panel) read an IMR once its senior manager has signed it off; before that it is
the agency's draft, and for them it does not exist (404, like every refusal). The
independent chair, who commissions and accepts, reaches every IMR of the case to act on it.
Access follows the case memberships (an agency role names its agency) and the case
permissions granted from them, so the two cannot drift."""

from enum import Enum

from django.db.models import QuerySet
from django.http import Http404

from cases.access import case_permissions
from cases.models import Case, CaseMembership, User
from cases.roles import AGENCY_ROLES

from .models import Imr


class Need(Enum):
    READ = "read"  # the IMR's content
    WRITE = "write"  # the author's draft: chronology, sections, interviews, documents
    SIGN_OFF = "sign_off"  # the senior manager's quality assurance
    MANAGE = "manage"  # the independent chair's commissioning, revision and acceptance


def agencies_of(user: User, case: Case) -> frozenset[int]:
    """The agencies whose IMR `user` works on for `case` (by an active agency role)."""
    return frozenset(
        CaseMembership.objects.filter(
            case=case, user=user, role__in=AGENCY_ROLES, ended_at=None, agency__isnull=False
        ).values_list("agency_id", flat=True)
    )


def imrs_listed_for(user: User, case: Case) -> QuerySet[Imr]:
    """The IMRs of `case` that `user` sees listed: every one for those who read the case
    file (the list shows the state, not a draft's content); an agency's own for its roles."""
    imrs = case.imrs.select_related("agency", "senior_manager", "author")
    if "view_case_file" in case_permissions(user, case):
        return imrs
    return imrs.filter(agency_id__in=agencies_of(user, case))


def may(user: User, imr: Imr, need: Need, permissions: frozenset[str] | None = None) -> bool:
    """Whether `user` may `need` on `imr`. `permissions` are the codenames `user` holds on
    its case, when the caller has read them."""
    held = case_permissions(user, imr.case) if permissions is None else permissions
    own_agency = "write_imr" in held and imr.agency_id in agencies_of(user, imr.case)
    if need is Need.READ:
        return own_agency or ("read_submissions" in held and imr.is_before_the_panel)
    if need is Need.WRITE:
        return own_agency
    if need is Need.SIGN_OFF:
        return own_agency and "sign_off_imr" in held
    return "commission_imr" in held


def get_imr_for(user: User, case: Case, pk: int, need: Need) -> Imr:
    """The IMR `pk` of `case` if `user` may `need` on it, otherwise 404. `case` comes from
    cases.access.get_case_for, which has checked that `user` may see the case at all."""
    imr = case.imrs.select_related("agency", "senior_manager", "author").filter(pk=pk).first()
    if imr is None or not may(user, imr, need):
        raise Http404("No IMR found.")
    imr.case = case
    return imr
