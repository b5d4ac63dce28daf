"""Commissioning IMRs and appointing their authors (DOMAIN.md 2.4 items 1 and 2)."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from cases import services as case_services
from cases.clocks import today
from cases.models import Agency, Case, CaseMembership, User
from cases.roles import CaseRole
from cases.services import CaseActionRefused, lock_case_for, record_event
from cases.workflow import Stage

from ..models import Imr


@transaction.atomic
def commission_imr(
    *, case: Case, by: User, agency: Agency, due_on: date, senior_manager: User
) -> Imr:
    """The independent chair asks `agency` for an IMR by `due_on`, through its senior
    manager, who takes the senior manager's role on the case for that agency."""
    case = lock_case_for(
        case, by=by, permission="commission_imr", refusal="You may not commission IMRs."
    )
    if case.stage != Stage.IMRS:
        raise CaseActionRefused("IMRs are commissioned once the panel is set up.")
    if due_on <= today():
        raise CaseActionRefused("The due date must be in the future.", field="due_on")
    if case.imrs.filter(agency=agency).exists():
        raise CaseActionRefused(f"{agency}'s IMR is commissioned already.", field="agency")
    if senior_manager.agency_id != agency.pk:
        raise CaseActionRefused(
            f"The senior manager must work for {agency}.", field="senior_manager"
        )
    imr = Imr(
        case=case, agency=agency, due_on=due_on, commissioned_by=by, senior_manager=senior_manager
    )
    imr._history_user = by
    try:
        with transaction.atomic():
            imr.save()
    except IntegrityError:
        raise CaseActionRefused(
            f"{agency}'s IMR is commissioned already.", field="agency"
        ) from None
    case_services.grant_membership(
        case=case, user=senior_manager, role=CaseRole.SENIOR_MANAGER, by=by, agency=agency
    )
    record_event(
        case=case,
        name="imr.commissioned",
        description=f"IMR commissioned from {agency}, due {due_on:%-d %B %Y}",
        actor=by,
    )
    return imr


@transaction.atomic
def appoint_author(
    *, imr: Imr, by: User, author: User, not_involved: bool, not_line_manager: bool
) -> Imr:
    """The agency's senior manager appoints the author, who declares their independence."""
    imr = Imr.objects.select_for_update().select_related("agency").get(pk=imr.pk)
    lock_case_for(
        imr.case, by=by, permission="sign_off_imr", refusal="You may not appoint the author."
    )
    if not CaseMembership.objects.filter(
        case_id=imr.case_id,
        user=by,
        role=CaseRole.SENIOR_MANAGER,
        agency=imr.agency,
        ended_at=None,
    ).exists():
        raise CaseActionRefused("Only the agency's senior manager appoints its IMR author.")
    if imr.status != Imr.Status.COMMISSIONED:
        raise CaseActionRefused(
            f"{imr.agency}'s IMR has an author already: {imr.author}.", field="author"
        )
    if not (not_involved and not_line_manager):
        raise CaseActionRefused(
            "The author must be independent: not involved with the victim, the perpetrator "
            "or their families, and not the line manager of staff involved.",
            field="not_involved" if not not_involved else "not_line_manager",
        )
    case_services.grant_membership(
        case=imr.case, user=author, role=CaseRole.IMR_AUTHOR, by=by, agency=imr.agency
    )
    imr.author = author
    imr.author_appointed_at = timezone.now()
    imr.author_not_involved = imr.author_not_line_manager = True
    imr.status = Imr.Status.DRAFTING
    imr._history_user = by
    imr.save()
    record_event(
        case=imr.case,
        name="imr.author_appointed",
        description=f"{author} appointed to write {imr.agency}'s IMR",
        actor=by,
    )
    return imr
