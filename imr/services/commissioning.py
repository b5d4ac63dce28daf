"""Commissioning IMRs and appointing their authors (DOMAIN.md 2.4 items 1 and 2)."""

from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from cases import inbox
from cases import services as case_services
from cases.clocks import today
from cases.models import Agency, Case, CaseMembership, User
from cases.roles import CaseRole
from cases.services import CaseActionRefused, lock_case_for, record_event
from cases.workflow import Stage
from panels.models import TermsOfReferenceVersion

from ..models import CommissioningLetter, DueDateChange, Imr


def imr_url(imr: Imr) -> str:
    return reverse("imr:detail", kwargs={"reference": imr.case.reference, "imr_id": imr.pk})


def agreed_terms(case: Case) -> TermsOfReferenceVersion | None:
    """The newest agreed version of the terms of reference: the one a letter carries (a
    newer draft is not yet the review's terms)."""
    return (
        case.terms_of_reference_versions.filter(agreed_on__isnull=False).order_by("-number").first()
    )


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
    terms = agreed_terms(case)
    if terms is None:
        # The letter carries the agreed terms (seed 000 l.335): none, no letter.
        raise CaseActionRefused(
            "Agree the terms of reference first: the commissioning letter carries them."
        )
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
    _send_letter(imr, terms=terms, by=by)
    return imr


def _send_letter(imr: Imr, *, terms: TermsOfReferenceVersion, by: User) -> CommissioningLetter:
    """Record the letter as sent to the senior manager and put it in their inbox. The
    message links to the letter behind the sign-in rather than attaching it: the letter
    carries the terms of reference, which are OFFICIAL-SENSITIVE, and nothing of that kind
    leaves by e-mail (cases.inbox)."""
    letter = CommissioningLetter(
        imr=imr, terms=terms, due_on=imr.due_on, sent_to=imr.senior_manager, sent_by=by
    )
    letter._history_user = by
    letter.save()
    record_event(
        case=imr.case,
        name="imr.letter_sent",
        description=f"Commissioning letter sent to {imr.senior_manager} of {imr.agency} "
        f"(terms of reference version {terms.number})",
        actor=by,
    )
    inbox.hand_off(
        users=[imr.senior_manager],
        case=imr.case,
        text=f"{imr.case.reference}: {imr.agency} is asked for an IMR, due "
        f"{imr.due_on:%-d %B %Y}. Read the commissioning letter and appoint the author.",
        link=imr_url(imr),
    )
    return letter


@transaction.atomic
def change_due_date(*, imr: Imr, by: User, due_on: date, reason: str) -> Imr:
    """The independent chair moves an IMR's due date, with the reason, and tells the
    agency's senior manager and author."""
    lock_case_for(
        imr.case, by=by, permission="commission_imr", refusal="You may not change the due date."
    )
    imr = Imr.objects.select_for_update().select_related("case", "agency").get(pk=imr.pk)
    if imr.status == Imr.Status.ACCEPTED:
        raise CaseActionRefused("The IMR is accepted: its due date no longer runs.")
    if not reason.strip():
        raise CaseActionRefused("Enter why the due date changes.", field="reason")
    if due_on == imr.due_on:
        raise CaseActionRefused(
            f"The IMR is due on {due_on:%-d %B %Y} already. Enter a different date.",
            field="due_on",
        )
    if due_on <= today():
        raise CaseActionRefused("The new due date must be in the future.", field="due_on")
    change = DueDateChange(
        imr=imr, from_date=imr.due_on, to_date=due_on, reason=reason.strip(), changed_by=by
    )
    change._history_user = by
    change.save()
    imr.due_on = due_on
    imr._history_user = by
    imr._change_reason = reason.strip()[:100]
    imr.save(update_fields=["due_on"])
    record_event(
        case=imr.case,
        name="imr.due_date_changed",
        description=f"{imr.agency}'s IMR now due {due_on:%-d %B %Y} "
        f"(was {change.from_date:%-d %B %Y}): {change.reason}"[:300],
        actor=by,
    )
    inbox.hand_off(
        users=[user for user in (imr.senior_manager, imr.author) if user is not None],
        case=imr.case,
        text=f"{imr.case.reference}: {imr.agency}'s IMR is now due {due_on:%-d %B %Y}.",
        link=imr_url(imr),
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
    inbox.hand_off(
        users=[author],
        case=imr.case,
        text=f"{imr.case.reference}: you are appointed to write {imr.agency}'s IMR, due "
        f"{imr.due_on:%-d %B %Y}.",
        link=imr_url(imr),
    )
    return imr
