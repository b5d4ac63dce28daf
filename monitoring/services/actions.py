"""Each action monitored (DOMAIN.md 2.9 items 1 and 4): its lead agency's senior manager, or
the CSP officer on the agency's behalf, posts progress with evidence; the CSP officer audits
each completed action (seed 000 l.276, l.420; seed 001 §4.34), and evidence not verified
reopens it; the CSP chair agrees an action closed without completion."""

import logging
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from cases.access import permissions_now
from cases.clocks import today
from cases.models import Case, StoredDocument, User
from cases.services import CaseActionRefused, record_event
from dhr import uploads
from reports.models import Action

from ..models import ActionAudit, ActionUpdate, ClosureAgreement, Rag, Status
from ..selectors import senior_manager_agencies
from . import MONITORS, lock_while_monitoring, refuse_unless_monitoring

logger = logging.getLogger(__name__)

UPDATES = (
    "Only the senior manager of the agency that leads the action, or the CSP officer on its "
    "behalf, updates it."
)


def may_update(
    user: User,
    case: Case,
    action: Action,
    held: frozenset[str] | None = None,
    managed: set[int] | None = None,
) -> bool:
    """The lead agency's senior manager on the case, or the CSP officer (or the CSP chair in
    the officer's place: monitoring.services.MONITORS) on the agency's behalf.

    `held` and `managed`: the codenames and the agencies `user` manages on the case, as a
    page read them (cases.access.case_permissions, senior_manager_agencies); without them
    they are read now, as the services do under the case's lock."""
    held = permissions_now(user, case) if held is None else held
    if ("update_actions" in held) == (MONITORS in held):
        # Both or neither: whether `user` manages the lead agency changes nothing.
        return MONITORS in held
    if managed is None:
        managed = senior_manager_agencies(case, user)
    if action.lead_agency_id in managed:
        return "update_actions" in held
    return MONITORS in held


def _not_in_future(on: date, field: str, label: str) -> None:
    if on > today():
        raise CaseActionRefused(f"{label} must be today or in the past.", field=field)


def _lock_for_update(action: Action, by: User) -> tuple[Case, bool]:
    """The case, locked, and whether `by` posts on the agency's behalf (the CSP officer)."""
    case = Case.objects.select_for_update().get(pk=action.case.pk)
    if not may_update(by, case, action):
        raise CaseActionRefused(UPDATES)
    refuse_unless_monitoring(case)
    return case, action.lead_agency_id not in senior_manager_agencies(case, by)


def _keep_evidence(update: ActionUpdate, evidence: UploadedFile) -> StoredDocument:
    """Store the evidence with its update (as imr.services.documents.keep_document does),
    or refuse next to the field: the transaction then rolls back, keeping nothing."""
    try:
        uploads.store_document(update, "evidence", evidence)
    except OSError:
        logger.exception("Could not store evidence for case %s", update.case_id)
        raise CaseActionRefused(
            "The evidence could not be stored: nothing was saved. Try again; if it happens "
            "again tell your administrator.",
            field="evidence",
        ) from None
    return StoredDocument.objects.get(name=update.evidence.name)


def _checked_status(status: str, completed_on: date | None, closure_reason: str) -> None:
    if status == Status.COMPLETE:
        if completed_on is None:
            raise CaseActionRefused("Enter the date completed.", field="completed_on")
        _not_in_future(completed_on, "completed_on", "The date completed")
    if status == Status.CLOSED and not closure_reason.strip():
        raise CaseActionRefused(
            "Enter why the action closes without completion.", field="closure_reason"
        )


@uploads.atomic_with_documents
def post_update(
    *,
    action: Action,
    by: User,
    progress: str,
    status: str,
    rag: str,
    completed_on: date | None = None,
    closure_reason: str = "",
    evidence: UploadedFile | None = None,
) -> ActionUpdate:
    case, on_behalf = _lock_for_update(action, by)
    _checked_status(status, completed_on, closure_reason)
    update = ActionUpdate(
        action=action,
        case=case,
        progress=progress.strip(),
        status=status,
        rag=rag,
        completed_on=completed_on if status == Status.COMPLETE else None,
        closure_reason=closure_reason.strip() if status == Status.CLOSED else "",
        on_behalf_of_agency=on_behalf,
        posted_by=by,
    )
    if evidence:
        # Django has stripped any path the browser sent; only the name is shown.
        update.evidence_name = evidence.name[:200]
        update.stored = _keep_evidence(update, evidence)
    update._history_user = by
    update.full_clean()
    update.save()
    record_event(
        case=case,
        name="monitoring.action.updated",
        description=f"{action.lead_agency}'s action updated: {update.get_status_display()}, "
        f"{update.get_rag_display()}"
        + (" (by the CSP officer for the agency)" if on_behalf else ""),
        actor=by,
    )
    return update


def _latest_update(action: Action) -> ActionUpdate | None:
    return action.updates.order_by("posted_at", "id").last()


@transaction.atomic
def audit_action(
    *, action: Action, by: User, verified_on: date, result: str, note: str = ""
) -> ActionAudit:
    """The CSP officer checks the evidence of a completed action. Evidence not verified
    reopens the action: its status goes back to in progress, in an update of its own."""
    case = lock_while_monitoring(
        action.case, by=by, permission=MONITORS, refusal="Only the CSP officer audits actions."
    )
    _not_in_future(verified_on, "verified_on", "The date the evidence was checked")
    completion = _latest_update(action)
    if completion is None or completion.status != Status.COMPLETE:
        raise CaseActionRefused("Only an action marked complete is audited.")
    if completion.audits.filter(result=ActionAudit.Result.VERIFIED).exists():
        raise CaseActionRefused("This action's completion is verified already.")
    if result == ActionAudit.Result.NOT_VERIFIED and not note.strip():
        raise CaseActionRefused("Enter why the evidence was not verified.", field="note")
    audit = ActionAudit(
        update=completion,
        case=case,
        verified_on=verified_on,
        result=result,
        note=note.strip(),
        verified_by=by,
    )
    audit._history_user = by
    audit.save()
    if not audit.verified:
        _reopen(action, case, by, audit)
    record_event(
        case=case,
        name="monitoring.action.audited",
        description=f"{action.lead_agency}'s completed action audited: "
        f"{audit.get_result_display().lower()}",
        actor=by,
    )
    return audit


def _reopen(action: Action, case: Case, by: User, audit: ActionAudit) -> None:
    reopened = ActionUpdate(
        action=action,
        case=case,
        progress=f"Reopened: the evidence was not verified. {audit.note}",
        status=Status.IN_PROGRESS,
        # Reported complete but not shown to be: no longer on track as reported.
        rag=Rag.AMBER,
        posted_by=by,
    )
    reopened._history_user = by
    reopened.save()


@transaction.atomic
def agree_closure(*, action: Action, by: User, agreed_on: date, note: str = "") -> ClosureAgreement:
    """The CSP chair agrees that the action closes without completion (DOMAIN.md 2.9 item
    4). The chair's own permission to conclude: the review concludes without this action
    only on the chair's word, which no one else can give."""
    case = lock_while_monitoring(
        action.case,
        by=by,
        permission="conclude_review",
        refusal="Only the CSP chair agrees that an action closes without completion.",
    )
    _not_in_future(agreed_on, "agreed_on", "The date agreed")
    closing = _latest_update(action)
    if closing is None or closing.status != Status.CLOSED:
        raise CaseActionRefused("Only an action closed without completion needs agreeing.")
    if ClosureAgreement.objects.filter(update=closing).exists():
        raise CaseActionRefused("The closure of this action is agreed already.")
    agreement = ClosureAgreement(
        update=closing, case=case, agreed_on=agreed_on, note=note.strip(), agreed_by=by
    )
    agreement._history_user = by
    agreement.save()
    record_event(
        case=case,
        name="monitoring.closure.agreed",
        description=f"The CSP chair agreed that {action.lead_agency}'s action closes "
        "without completion"[:300],
        actor=by,
    )
    return agreement
