"""Business actions on cases. Views, admin, commands and tasks call these; nothing else
writes a case's stage, memberships or permissions.

Each action checks the actor's permission and its guard, writes inside one transaction,
records a named case event, and tells the rest of the service after commit.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from dhr import uploads

from . import clocks, handoffs, rules, selectors
from .access import has_case_permission
from .models import (
    AccessLogEntry,
    Agency,
    Case,
    CaseEvent,
    CaseLetter,
    CaseMembership,
    CaseReferenceCounter,
    CaseUserObjectPermission,
    Decision,
    FamilyLetterNotSent,
    Message,
    Partnership,
    PartnershipRole,
    Pause,
    Person,
    Reopening,
    ReportExtension,
    StandingPanelRecommendation,
    Transfer,
    User,
)
from .roles import CaseRole, permissions_for_roles
from .workflow import REOPENABLE_STAGES, TRANSFERABLE_STAGES, TRANSITIONS_BY_NAME, stage_allows
from .workflow import refusal as workflow_refusal

logger = logging.getLogger(__name__)

# Sent after commit whenever a case changes stage: case_id, transition, actor_id.
case_transitioned = Signal()


class CaseActionRefused(Exception):
    """The action is not allowed now; the message says why, in the user's words."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class PossibleDuplicate(CaseActionRefused):
    """The death may already be recorded: the person must confirm before a second case."""

    def __init__(self, cases: list[Case]):
        references = ", ".join(case.reference for case in cases)
        super().__init__(
            f"This death may already be recorded as {references}: the same police reference, "
            "or the same victim and date of death. Check that case. If this is a different "
            "death, confirm below and record it again.",
            field="confirm_new_death",
        )
        self.cases = cases


# Events ---------------------------------------------------------------------------------


def record_event(
    *, case: Case, name: str, description: str, actor: User | None, reason: str = ""
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, name=name, description=description, actor=actor, reason=reason
    )


def log_access(*, case: Case, user: User, what: str, detail: str = "") -> None:
    AccessLogEntry.objects.create(case=case, user=user, what=what, detail=detail)


def lock_case_for(case: Case, *, by: User, permission: str, refusal: str) -> Case:
    """The case, locked until the transaction ends, if `by` holds `permission` on it now.
    Actions check inside the lock, never from what a view read before the request waited."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not has_case_permission(by, case, permission):
        raise CaseActionRefused(refusal)
    return case


# Transitions ----------------------------------------------------------------------------


def perform_transition(*, case: Case, name: str, by: User, reason: str = "") -> Case:
    """Move the case along one declared transition, or refuse with a clear message."""
    transition = TRANSITIONS_BY_NAME[name]
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        # Permission first, so someone without access learns nothing about the case.
        if not has_case_permission(by, case, transition.permission):
            raise CaseActionRefused(
                f"You may not {transition.label[0].lower()}{transition.label[1:]}."
            )
        if case.stage != transition.source:
            raise CaseActionRefused(
                f"{transition.label} is not possible while the case is at "
                f"“{case.get_stage_display()}”."
            )
        if transition.reason_required and not reason.strip():
            raise CaseActionRefused("Give a reason.", field="reason")
        if refused := workflow_refusal(transition, case):
            raise CaseActionRefused(refused)
        case.stage = transition.target
        case._history_user = by
        case._change_reason = transition.event
        case.save(update_fields=["stage"])
        record_event(
            case=case,
            name=transition.event,
            description=transition.label,
            actor=by,
            reason=reason,
        )
        handoffs.after_transition(case=case, transition=transition.name, by=by)
        transaction.on_commit(lambda: _announce_transition(case, transition.name, by))
    return case


def _announce_transition(case: Case, name: str, by: User) -> None:
    logger.info(
        "case.transition", extra={"case_id": case.pk, "transition": name, "actor_id": by.pk}
    )
    case_transitioned.send(sender=Case, case_id=case.pk, transition=name, actor_id=by.pk)


# Notification ---------------------------------------------------------------------------


def may_record_notification(user: User, partnership: Partnership) -> bool:
    return PartnershipRole.objects.filter(user=user, partnership=partnership).exists()


def format_reference(partnership_code: str, year: int, number: int) -> str:
    """A case's reference: the configured prefix, the partnership's code, the year of the
    notification and the case's number in that year (DHR-RIV-2026-007). The one format;
    cases.volume numbers its cases in bulk with it."""
    return f"{settings.DHR_REFERENCE_PREFIX}-{partnership_code}-{year}-{number:03d}"


def _issue_reference(partnership: Partnership, year: int) -> str:
    counter, _ = CaseReferenceCounter.objects.select_for_update().get_or_create(
        partnership=partnership, year=year
    )
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return format_reference(partnership.code, year, counter.last_number)


@transaction.atomic
def record_notification(
    *,
    partnership: Partnership,
    by: User,
    notification: dict,
    victim: dict,
    suspects: list[dict],
    others: list[dict] = (),
    new_death_confirmed: bool = False,
) -> Case:
    """Open a case from the police notification or an agency referral, with its people
    register, and make the partnership's officers and chair members of it. A notification
    that looks like one already recorded (posted twice, or sent twice) is refused until the
    person confirms it is a different death."""
    if not may_record_notification(by, partnership):
        raise CaseActionRefused("Only the partnership's officers and chair record notifications.")
    # Serialise notifications of one partnership, so two at once both see each other.
    Partnership.objects.select_for_update().get(pk=partnership.pk)
    if not new_death_confirmed:
        duplicates = selectors.possible_duplicates(
            partnership=partnership,
            police_reference=notification.get("police_reference", ""),
            victim_name=victim.get("real_name", ""),
            date_of_death=notification["date_of_death"],
        )
        if duplicates:
            raise PossibleDuplicate(duplicates)
    case = _open_case(partnership=partnership, by=by, notification=notification)
    # The victim died: the register says so whatever the form carried.
    victim = {**victim, "deceased": True}
    for role, people in ((Person.Role.VICTIM, [victim]), (Person.Role.SUSPECT, suspects)):
        for details in people:
            _add_person(case=case, by=by, role=role, details=details)
    for details in others:
        details = dict(details)
        _add_person(case=case, by=by, role=details.pop("role"), details=details)
    record_event(
        case=case,
        name="case.notification.recorded",
        description="Notification recorded",
        actor=by,
    )
    return case


def _open_case(*, partnership: Partnership, by: User, notification: dict) -> Case:
    """A new case of `partnership`, with its reference, its clocks from the notification
    date, and the partnership's officers and chair as members. Callers have checked that
    `by` may open it."""
    case = Case(
        partnership=partnership,
        reference=_issue_reference(partnership, notification["notified_on"].year),
        **clocks.decision_clocks(notification["notified_on"]),
        **notification,
    )
    case._history_user = by
    case.full_clean(exclude=["reference"])
    case.save()
    for partnership_role in partnership.roles.select_related("user"):
        _add_membership(
            case=case, user=partnership_role.user, role=CaseRole(partnership_role.role), by=None
        )
    return case


def add_person(*, case: Case, by: User, role: str, details: dict) -> Person:
    if not has_case_permission(by, case, "edit_case_file"):
        raise CaseActionRefused("You may not add people to this case's register.")
    return _add_person(case=case, by=by, role=role, details=details)


def _add_person(*, case: Case, by: User, role: str, details: dict) -> Person:
    if role == Person.Role.VICTIM:
        details = {**details, "deceased": True}  # a victim in the register died
    person = Person(case=case, role=role, **details)
    person._history_user = by
    person.full_clean()
    person.save()
    return person


# Corrections ----------------------------------------------------------------------------


@transaction.atomic
def correct_notification(*, case: Case, by: User, notification: dict, reason: str) -> Case:
    """Correct what was recorded of the notification. A new notification date moves the
    decision and Home Office letter clocks, so it needs a reason, kept in the audit trail."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not has_case_permission(by, case, "edit_case_file"):
        raise CaseActionRefused("You may not correct this case's notification.")
    if case.is_closed:
        raise CaseActionRefused("A closed case's notification cannot be corrected.")
    changed = [
        field
        for field in Case.NOTIFICATION_FIELDS
        if field in notification and getattr(case, field) != notification[field]
    ]
    if not changed:
        raise CaseActionRefused("Nothing has changed.")
    moves_clock = "notified_on" in changed
    if moves_clock and not reason.strip():
        raise CaseActionRefused(
            "Say why the date the partnership was notified has changed: it moves the "
            "decision deadline.",
            field="reason",
        )
    notified_on = notification.get("notified_on", case.notified_on)
    if case.decided_on and notified_on > case.decided_on:
        raise CaseActionRefused(
            "The notification cannot be dated after the decision.", field="notified_on"
        )
    for field in changed:
        setattr(case, field, notification[field])
    # From the notification, or from the Home Office's letter when the case was reopened.
    for field, due_on in clocks.decision_clocks(case.decision_clock_starts_on()).items():
        setattr(case, field, due_on)
    case.full_clean(exclude=["reference"])
    case._history_user = by
    case._change_reason = reason.strip() or "Notification corrected"
    case.save()
    record_event(
        case=case,
        name="case.notification.corrected",
        description="Notification corrected: "
        + ", ".join(str(Case._meta.get_field(field).verbose_name) for field in changed),
        actor=by,
        reason=reason,
    )
    return case


@transaction.atomic
def correct_person(*, person: Person, by: User, details: dict, reason: str = "") -> Person:
    """Correct someone's details in the people register (kept in the audit trail)."""
    case = person.case
    if not (
        has_case_permission(by, case, "edit_case_file")
        and has_case_permission(by, case, "view_people_register")
    ):
        raise CaseActionRefused("You may not correct the people register of this case.")
    person = Person.objects.select_for_update().get(pk=person.pk)
    changed = [field for field, value in details.items() if getattr(person, field) != value]
    if not changed:
        raise CaseActionRefused("Nothing has changed.")
    for field in changed:
        setattr(person, field, details[field])
    person.full_clean()
    person._history_user = by
    person._change_reason = reason.strip() or "Details corrected"
    person.save()
    record_event(
        case=case,
        name="case.person.corrected",
        description=f"{person.get_role_display()} {person.pseudonym}: details corrected",
        actor=by,
        reason=reason,
    )
    return person


@transaction.atomic
def withdraw_case(*, case: Case, by: User, reason: str) -> Case:
    """Withdraw a case recorded in error (a duplicate, or not a homicide after all), before
    its decision. It stays on record, closed, with the reason."""
    transition = f"withdraw_at_{case.stage}"
    if transition not in TRANSITIONS_BY_NAME:
        raise CaseActionRefused("Only a case still waiting for its decision can be withdrawn.")
    return perform_transition(case=case, name=transition, by=by, reason=reason)


@transaction.atomic
def record_standing_panel_recommendation(*, case: Case, by: User, recommendation: dict) -> Case:
    """Record the standing panel's recommendation (seed 002 (2)) and refer the case to the
    CSP chair for a decision."""
    if not has_case_permission(by, case, "edit_case_file"):
        raise CaseActionRefused("You may not record the standing panel's recommendation.")
    # Locked and checked before the recommendation is replaced: two at once would otherwise
    # both pass and the second would hit the one-recommendation constraint.
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not stage_allows(case, "refer_for_decision"):
        raise CaseActionRefused(
            f"{TRANSITIONS_BY_NAME['refer_for_decision'].label} is not possible while the case "
            f"is at “{case.get_stage_display()}”."
        )
    recorded = StandingPanelRecommendation(case=case, recorded_by=by, **recommendation)
    recorded._history_user = by
    recorded.full_clean(exclude=["case"])
    StandingPanelRecommendation.objects.filter(case=case).delete()
    recorded.save()
    return perform_transition(case=case, name="refer_for_decision", by=by)


# Decision -------------------------------------------------------------------------------

DECISION_TRANSITIONS = {
    Decision.Outcome.REVIEW: "decide_to_review",
    Decision.Outcome.JOINT_REVIEW: "decide_on_joint_review",
    Decision.Outcome.NO_REVIEW: "decide_not_to_review",
    Decision.Outcome.OTHER_REVIEW: "defer_to_other_review",
}


def _refusal(error: ValidationError) -> CaseActionRefused:
    """A model's validation error as a refusal next to its (first) field."""
    field, messages = next(iter(error.message_dict.items()))
    return CaseActionRefused(messages[0], field=None if field == NON_FIELD_ERRORS else field)


@transaction.atomic
def record_decision(
    *,
    case: Case,
    by: User,
    decision: str,
    decided_on: date,
    reasons: str = "",
    single_agency_review_suggested: bool = False,
    other_review: str = "",
    other_review_reference: str = "",
    lead_body: str = "",
    joint_chair: str = "",
) -> Case:
    """The CSP chair's decision (DESIGN §3.2), a Decision row of its own: hold a review,
    hold one jointly with a SAR or a CSPR, do not hold one, or another review leads. A
    review, joint or not, starts the six-month clock. The other review is kept for the
    outcomes that name one, the joint review's lead and chair for a joint review, and a
    suggested single-agency review for a decision not to review."""
    if not has_case_permission(by, case, "record_decision"):
        raise CaseActionRefused("Only the CSP chair records the decision.")
    if decision not in DECISION_TRANSITIONS:
        raise CaseActionRefused("Choose a decision.", field="decision")
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not stage_allows(case, DECISION_TRANSITIONS[decision]):
        raise CaseActionRefused("The case is not waiting for a decision.")
    if decided_on < case.notified_on:
        raise CaseActionRefused(
            "The decision cannot be dated before the notification.", field="decided_on"
        )
    if case.reopenings.filter(received_on__gt=decided_on).exists():
        raise CaseActionRefused(
            "The new decision cannot be dated before the Home Office's letter or direction "
            f"that reopened the case ({case.decision_clock_starts_on():%-d %B %Y}).",
            field="decided_on",
        )
    joint = decision == Decision.Outcome.JOINT_REVIEW
    record = Decision(
        case=case,
        outcome=decision,
        decided_on=decided_on,
        decided_by=by,
        reasons=reasons.strip(),
        single_agency_review_suggested=(
            single_agency_review_suggested and decision == Decision.Outcome.NO_REVIEW
        ),
        other_review=other_review
        if decision in (Decision.Outcome.OTHER_REVIEW, Decision.Outcome.JOINT_REVIEW)
        else "",
        other_review_reference=other_review_reference.strip() if joint else "",
        lead_body=lead_body.strip() if joint else "",
        joint_chair=joint_chair.strip() if joint else "",
    )
    try:
        record.full_clean()
    except ValidationError as error:
        raise _refusal(error) from None
    record._history_user = by
    record.save()
    # The case's copy of the current decision's date, written with it (Case.decided_on).
    case.decided_on = decided_on
    case.overview_report_due_on = (
        clocks.overview_report_due(decided_on) if record.holds_a_review else None
    )
    case._history_user = by
    case.save(update_fields=["decided_on", "overview_report_due_on"])
    return perform_transition(case=case, name=DECISION_TRANSITIONS[decision], by=by)


def _store_copy(record, upload, *, case: Case, what: str) -> None:
    """Store the copy of a letter with the row being recorded (dhr.uploads), or refuse with
    a message next to the upload when the document store fails (read-only, full): the
    transaction then rolls back, so nothing of the upload is kept."""
    try:
        uploads.store_document(record, "copy", upload)
    except OSError:
        # The traceback names the storage path and the error, never the file's contents.
        logger.exception("Could not store an uploaded document for case %s", case.pk)
        raise CaseActionRefused(
            f"{what} could not be stored: nothing was saved. Try again; if it happens again "
            "tell your administrator.",
            field="copy",
        ) from None


@uploads.atomic_with_documents
def reopen_case(
    *,
    case: Case,
    by: User,
    kind: str,
    received_on: date,
    summary: str,
    copy=None,
) -> Reopening:
    """The Home Office overrules a decision not to hold a review, or that another review
    leads: by letter, or by a direction under s.9(2). Its letter or direction is recorded
    (with a copy, when there is one), the decision stays on record superseded by it, with
    its letters, and the case goes back to the CSP chair. The decision and its letters are
    then due a calendar month after the letter or direction was received."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not has_case_permission(by, case, "record_decision"):
        raise CaseActionRefused("You may not reopen this case.")
    if case.stage not in REOPENABLE_STAGES:
        raise CaseActionRefused(
            "Only a case not reviewed, or where another review leads, can be reopened; "
            f"this one is at “{case.get_stage_display()}”."
        )
    overruled = case.current_decision()
    if received_on > clocks.today():
        raise CaseActionRefused("The date received must be today or earlier.", field="received_on")
    if received_on < overruled.decided_on:
        raise CaseActionRefused(
            "The Home Office's letter or direction cannot be received before the decision it "
            f"overrules ({overruled.decided_on:%-d %B %Y}).",
            field="received_on",
        )
    if not summary.strip():
        raise CaseActionRefused(
            "Say what the Home Office's letter or direction says.", field="summary"
        )
    reopening = Reopening(
        case=case,
        kind=kind,
        received_on=received_on,
        summary=summary.strip(),
        copy_name=copy.name[:200] if copy else "",
        recorded_by=by,
    )
    try:
        reopening.full_clean()
    except ValidationError as error:
        raise _refusal(error) from None
    if copy:
        _store_copy(reopening, copy, case=case, what="The letter or direction")
    reopening._history_user = by
    reopening.save()
    overruled.superseded_by = reopening
    overruled._history_user = by
    overruled.save(update_fields=["superseded_by"])
    case = perform_transition(
        case=case, name=f"reopen_at_{case.stage}", by=by, reason=reopening.summary
    )
    case.decided_on = None
    case.overview_report_due_on = None
    for field, due_on in clocks.decision_clocks(received_on).items():
        setattr(case, field, due_on)
    case._history_user = by
    case._change_reason = "Reopened: the clocks run from the Home Office's letter"
    case.save(
        update_fields=[
            "decided_on",
            "overview_report_due_on",
            "decision_due_on",
            "home_office_letter_due_on",
            "family_letter_due_on",
        ]
    )
    return reopening


@transaction.atomic
def transfer_case(
    *,
    case: Case,
    by: User,
    to_partnership: Partnership,
    transferred_on: date,
    reason: str,
) -> Transfer:
    """Pass a case notified to the wrong partnership, before its decision, to the lead one:
    where the victim normally lived (seed 000 l.74-76; seed 001 §4.2).

    This case closes as transferred (a stage of its own, not "not reviewed") and stays with
    this partnership, its reference unchanged. The lead partnership gets a new case under
    its own reference, with the notification and the people register, its officers and
    chair as members, and its decision due a calendar month after the transfer (the day
    the death came to its attention). Neither partnership's staff see the other's case."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not has_case_permission(by, case, "edit_case_file"):
        raise CaseActionRefused("You may not transfer this case.")
    if case.stage not in TRANSFERABLE_STAGES:
        raise CaseActionRefused("Only a case still waiting for its decision can be transferred.")
    if to_partnership.pk == case.partnership_id:
        raise CaseActionRefused(
            "Choose the partnership where the victim normally lived, not this one.",
            field="to_partnership",
        )
    if transferred_on > clocks.today():
        raise CaseActionRefused(
            "The date transferred must be today or earlier.", field="transferred_on"
        )
    if transferred_on < case.notified_on:
        raise CaseActionRefused(
            "The case cannot be transferred before the partnership was notified "
            f"({case.notified_on:%-d %B %Y}).",
            field="transferred_on",
        )
    case = perform_transition(
        case=case, name=f"transfer_at_{case.stage}", by=by, reason=reason.strip()
    )
    # Serialise with the lead partnership's own notifications, as record_notification does.
    Partnership.objects.select_for_update().get(pk=to_partnership.pk)
    victim = case.people.filter(role=Person.Role.VICTIM).order_by("id").first()
    if selectors.possible_duplicates(
        partnership=to_partnership,
        police_reference=case.police_reference,
        victim_name=victim.real_name if victim else "",
        date_of_death=case.date_of_death,
    ):
        # Its reference is not named: the lead partnership's cases are not this one's to see.
        raise CaseActionRefused(
            f"{to_partnership} has already recorded a notification that may be this death "
            "(the same police reference, or the same victim and date of death). Ask them; "
            "if it is, withdraw this case as recorded in error instead.",
            field="to_partnership",
        )
    new_case = _open_case(
        partnership=to_partnership,
        by=by,
        notification={
            "notified_on": transferred_on,
            # The lead partnership's clock starts when it is told, not when this one was.
            **{
                field: getattr(case, field)
                for field in Case.NOTIFICATION_FIELDS
                if field != "notified_on"
            },
        },
    )
    for person in case.people.order_by("id"):
        details = {
            field.attname: getattr(person, field.attname)
            for field in Person._meta.concrete_fields
            if field.name not in ("id", "case", "role")
        }
        _add_person(case=new_case, by=by, role=person.role, details=details)
    transfer = Transfer(
        case=case,
        to_partnership=to_partnership,
        new_case=new_case,
        transferred_on=transferred_on,
        reason=reason.strip(),
        transferred_by=by,
    )
    transfer._history_user = by
    transfer.save()
    record_event(
        case=new_case,
        name="case.transferred_in",
        description=f"Transferred from {case.partnership}, where it was {case.reference}: "
        "the victim normally lived in this partnership's area",
        actor=by,
        reason=transfer.reason,
    )
    handoffs.case_transferred_in(new_case=new_case)
    return transfer


@uploads.atomic_with_documents
def record_letter(
    *, case: Case, by: User, recipient: str, sent_on: date, method: str, copy
) -> CaseLetter:
    """Record that the decision letter went to the Home Office or the family."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not has_case_permission(by, case, "send_to_home_office"):
        raise CaseActionRefused("You may not record letters on this case.")
    decision = case.current_decision()
    if decision is None:
        raise CaseActionRefused("Record the decision before the letters about it.")
    if sent_on < decision.decided_on:
        raise CaseActionRefused("The letter cannot be sent before the decision.", field="sent_on")
    if recipient not in case.letters_to_record():
        raise CaseActionRefused("That letter is already recorded.", field="recipient")
    letter = CaseLetter(
        case=case,
        decision=decision,
        recipient=recipient,
        sent_on=sent_on,
        method=method,
        sent_by=by,
        copy_name=copy.name[:200],
    )
    _store_copy(letter, copy, case=case, what="The letter")
    letter._history_user = by
    letter.save()
    record_event(
        case=case,
        name=f"case.letter.{recipient}.sent",
        description=f"Letter to the {letter.get_recipient_display()} recorded as sent",
        actor=by,
    )
    return letter


@transaction.atomic
def record_family_letter_not_sent(
    *, case: Case, by: User, reason: str, explanation: str, recorded_on: date
) -> FamilyLetterNotSent:
    """Record why no decision letter goes to the family (no family to write to, contact
    deferred on the police's or the advocate's advice, or declined), in place of the
    letter: the letters guard accepts it and the family letter reminders stop."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not has_case_permission(by, case, "send_to_home_office"):
        raise CaseActionRefused("You may not record letters on this case.")
    decision = case.current_decision()
    if decision is None:
        raise CaseActionRefused("Record the decision first.")
    if CaseLetter.Recipient.FAMILY not in case.letters_still_to_send():
        raise CaseActionRefused(
            "The family's letter, or the reason none is sent, is already recorded."
        )
    if recorded_on < case.notified_on:
        raise CaseActionRefused(
            "The date cannot be before the partnership was notified.", field="recorded_on"
        )
    record = FamilyLetterNotSent(
        case=case,
        decision=decision,
        reason=reason,
        explanation=explanation,
        recorded_on=recorded_on,
        recorded_by=by,
    )
    record._history_user = by
    record.full_clean()
    record.save()
    record_event(
        case=case,
        name="case.letter.family.not_sent",
        description=f"No letter to the family: {record.get_reason_display()}",
        actor=by,
        reason=explanation,
    )
    return record


# Orthogonal to the stage: pauses and extensions -----------------------------------------


@dataclass(frozen=True)
class PauseCauses:
    """What a later app offers as the cause of a pause, from its AppConfig.ready() (the
    panels app: the case's parallel proceedings, DOMAIN 2.3). `choices(case)` gives (value,
    label) pairs for the pause form; `record(pause=, cause=, by=)` stores the chosen one,
    inside pause_case's transaction."""

    label: str
    choices: Callable[[Case], list[tuple[str, str]]]
    record: Callable[..., None]


PAUSE_CAUSES: list[PauseCauses] = []


def add_pause_causes(causes: PauseCauses) -> None:
    PAUSE_CAUSES.append(causes)


def pause_cause_choices(case: Case) -> tuple[str, list[tuple[str, str]]]:
    """The label and choices of the pause form's optional "caused by" question."""
    choices = [choice for causes in PAUSE_CAUSES for choice in causes.choices(case)]
    return " or ".join(causes.label for causes in PAUSE_CAUSES), choices


@transaction.atomic
def pause_case(
    *,
    case: Case,
    by: User,
    reason: str,
    starts_on: date,
    expected_end_on: date | None = None,
    caused_by: str = "",
) -> Pause:
    """Pend the review, for example until criminal proceedings end. The expected end is a
    forecast: the pause lasts until resume_case. Pauses never overlap. `caused_by` is one
    of the values pause_cause_choices offers (the proceeding it waits for), or empty."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not has_case_permission(by, case, "edit_case_file"):
        raise CaseActionRefused("You may not pause this case.")
    if case.is_closed:
        raise CaseActionRefused("A closed case cannot be paused.")
    if starts_on > clocks.today():
        raise CaseActionRefused("The pause must start today or earlier.", field="starts_on")
    if case.open_pause():
        raise CaseActionRefused("The case is already paused.")
    if starts_on < case.notified_on:
        raise CaseActionRefused(
            "The pause cannot start before the partnership was notified "
            f"({case.notified_on:%-d %B %Y}).",
            field="starts_on",
        )
    # Pauses are half-open ranges: a new one may start on the day the last one resumed.
    earlier = case.pauses.filter(ends_on__gt=starts_on).order_by("-ends_on").first()
    if earlier:
        raise CaseActionRefused(
            f"The case was already paused from {earlier.starts_on:%-d %B %Y} until it resumed "
            f"on {earlier.ends_on:%-d %B %Y}. A new pause must start on or after that date.",
            field="starts_on",
        )
    if expected_end_on is not None and expected_end_on < starts_on:
        raise CaseActionRefused(
            "Expected to resume must be on or after the date the pause starts.",
            field="expected_end_on",
        )
    pause = Pause(
        case=case,
        reason=reason,
        starts_on=starts_on,
        expected_end_on=expected_end_on,
        recorded_by=by,
    )
    pause._history_user = by
    pause.full_clean()
    pause.save()
    if caused_by:
        causes = next((c for c in PAUSE_CAUSES if caused_by in dict(c.choices(case))), None)
        if causes is None:
            raise CaseActionRefused("Select a cause from the list.", field="caused_by")
        causes.record(pause=pause, cause=caused_by, by=by)
    record_event(case=case, name="case.paused", description="Case paused", actor=by, reason=reason)
    return pause


@transaction.atomic
def resume_case(*, case: Case, by: User, resumed_on: date) -> Pause:
    """End the open pause. The report deadline is then agreed again with the CSP chair
    (seed 000 l.166: "notify the CSP to renegotiate the timescale"): the resume page says
    so, and leads to recording an extension when the due date passed during the pause."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not has_case_permission(by, case, "edit_case_file"):
        raise CaseActionRefused("You may not resume this case.")
    pause = case.open_pause()
    if pause is None:
        raise CaseActionRefused("The case is not paused.")
    if resumed_on > clocks.today():
        raise CaseActionRefused("The review cannot resume after today.", field="resumed_on")
    if resumed_on < pause.starts_on:
        raise CaseActionRefused(
            "The case cannot resume before its pause began.", field="resumed_on"
        )
    pause.ends_on = resumed_on
    pause._history_user = by
    pause.save(update_fields=["ends_on"])
    record_event(case=case, name="case.resumed", description="Case resumed", actor=by)
    return pause


@transaction.atomic
def agree_extension(
    *,
    case: Case,
    by: User,
    new_due_on: date,
    reason: str,
    agreed_by: User,
    agreed_on: date,
    home_office_told_on: date | None = None,
) -> ReportExtension:
    """Record a new date for the overview report, agreed by the CSP chair (seed 002 (10);
    seed 000 l.164, l.325). Every extension goes beyond six months from the decision, so
    each is owed to the Home Office until `home_office_told_on` is recorded."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not has_case_permission(by, case, "edit_case_file"):
        raise CaseActionRefused("You may not record an extension on this case.")
    if case.is_closed:
        raise CaseActionRefused("The case is closed.")
    if case.overview_report_due_on is None:
        raise CaseActionRefused("The overview report clock has not started.")
    if problem := clocks.extension_date_problem(case.overview_report_due_on, new_due_on):
        raise CaseActionRefused(problem, field="new_due_on")
    if not case.memberships.filter(
        user=agreed_by, role=CaseRole.CSP_CHAIR, ended_at__isnull=True
    ).exists():
        raise CaseActionRefused("Select the CSP chair who agreed the new date.", field="agreed_by")
    if agreed_on < case.decided_on:
        raise CaseActionRefused(
            "The date agreed cannot be before the decision to hold the review "
            f"({case.decided_on:%-d %B %Y}).",
            field="agreed_on",
        )
    if home_office_told_on is not None and home_office_told_on < agreed_on:
        raise CaseActionRefused(
            "The date the Home Office was told must be on or after the date agreed.",
            field="home_office_told_on",
        )
    extension = ReportExtension(
        case=case,
        new_due_on=new_due_on,
        reason=reason,
        agreed_by=agreed_by,
        agreed_on=agreed_on,
        home_office_told_on=home_office_told_on,
        recorded_by=by,
    )
    extension._history_user = by
    extension.save()
    case.overview_report_due_on = clocks.overview_report_due(case.decided_on, new_due_on)
    case._history_user = by
    case.save(update_fields=["overview_report_due_on"])
    record_event(
        case=case,
        name="case.extension.agreed",
        description=f"Overview report deadline extended to {new_due_on:%-d %B %Y}, "
        f"agreed by {agreed_by}",
        actor=by,
        reason=reason,
    )
    return extension


@transaction.atomic
def record_home_office_told_of_extension(
    *, case: Case, by: User, told_on: date
) -> list[ReportExtension]:
    """Record that the Home Office was told of the report's new date. Telling it of the
    current date covers every earlier extension it had not heard of."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not has_case_permission(by, case, "send_to_home_office"):
        raise CaseActionRefused("You may not record what the Home Office was told.")
    untold = list(case.extensions.home_office_not_told())
    if not untold:
        raise CaseActionRefused("The Home Office has been told of every extension.")
    latest_agreed_on = max(extension.agreed_on for extension in untold)
    if told_on < latest_agreed_on:
        raise CaseActionRefused(
            "The Home Office cannot have been told before the extension was agreed "
            f"({latest_agreed_on:%-d %B %Y}).",
            field="told_on",
        )
    for extension in untold:
        extension.home_office_told_on = told_on
        extension._history_user = by
        extension.save(update_fields=["home_office_told_on"])
    record_event(
        case=case,
        name="case.extension.home_office_told",
        description=f"The Home Office was told of the overview report's new date "
        f"({case.overview_report_due_on:%-d %B %Y}) on {told_on:%-d %B %Y}",
        actor=by,
    )
    return untold


# Memberships and permissions ------------------------------------------------------------


def _case_permissions_by_codename() -> dict[str, Permission]:
    content_type = ContentType.objects.get_for_model(Case)
    return {p.codename: p for p in Permission.objects.filter(content_type=content_type)}


def sync_case_permissions(*, case: Case, user: User) -> None:
    """Make the user's guardian rows on the case exactly what their active roles grant."""
    roles = case.memberships.filter(user=user, ended_at__isnull=True).values_list("role", flat=True)
    wanted = permissions_for_roles(roles)
    rows = CaseUserObjectPermission.objects.filter(user=user, content_object=case)
    rows.exclude(permission__codename__in=wanted).delete()
    held = set(rows.values_list("permission__codename", flat=True))
    permissions = _case_permissions_by_codename()
    CaseUserObjectPermission.objects.bulk_create(
        CaseUserObjectPermission(user=user, content_object=case, permission=permissions[codename])
        for codename in wanted - held
    )


@transaction.atomic
def grant_membership(
    *, case: Case, user: User, role: str, by: User, agency: Agency | None = None
) -> CaseMembership:
    """Give `user` a role on the case, if `by` may give it to them (cases.rules)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    refusal = rules.grant_refusal(actor=by, case=case, user=user, role=role, agency=agency)
    if refusal:
        raise CaseActionRefused(refusal.message, field=refusal.field)
    return _add_membership(case=case, user=user, role=CaseRole(role), by=by, agency=agency)


@transaction.atomic
def end_membership(*, membership: CaseMembership, by: User) -> None:
    """End someone's role on the case, if `by` may (who may give a role may end it)."""
    membership = (
        CaseMembership.objects.select_for_update()
        .select_related("case", "user")
        .get(pk=membership.pk)
    )
    if membership.ended_at is not None:
        return
    if not rules.may_end_membership(by, membership):
        raise CaseActionRefused(
            f"You may not end the role {membership.get_role_display()} on this case."
        )
    _end_membership(membership=membership, by=by)


def _add_membership(
    *, case: Case, user: User, role: CaseRole, by: User | None, agency: Agency | None = None
) -> CaseMembership:
    """Write the membership and its permissions. `by` is None when the service itself
    grants a partnership's standing roles; every caller has checked the rules first."""
    existing = CaseMembership.objects.filter(case=case, user=user, role=role, ended_at=None)
    if membership := existing.first():
        return membership
    membership = CaseMembership(case=case, user=user, role=role, granted_by=by, agency=agency)
    membership._history_user = by
    membership.save()
    sync_case_permissions(case=case, user=user)
    if by is not None and by != user:
        # Given by a person, not the partnership's standing roles following its staff.
        handoffs.role_given(membership=membership)
    record_event(
        case=case,
        name="case.membership.granted",
        description=f"{user} joined as {role.label}",
        actor=by,
    )
    return membership


def _end_membership(*, membership: CaseMembership, by: User | None) -> None:
    membership.ended_at = timezone.now()
    membership.ended_by = by
    membership._history_user = by
    membership.save(update_fields=["ended_at", "ended_by"])
    sync_case_permissions(case=membership.case, user=membership.user)
    record_event(
        case=membership.case,
        name="case.membership.ended",
        description=f"{membership.user} left as {membership.get_role_display()}",
        actor=by,
    )


@transaction.atomic
def grant_partnership_role(
    *, partnership: Partnership, user: User, role: str, by: User | None
) -> PartnershipRole:
    """Make someone an officer or the chair of a partnership, and a member of its cases.
    `by` is an administrator, or None when the service sets up its own data (seed_demo)."""
    if refusal := rules.partnership_role_refusal(partnership=partnership, user=user, actor=by):
        raise CaseActionRefused(refusal.message, field=refusal.field)
    partnership_role, _ = PartnershipRole.objects.get_or_create(
        partnership=partnership, user=user, role=role
    )
    for case in partnership.cases.all():
        _add_membership(case=case, user=user, role=CaseRole(role), by=by)
    return partnership_role


@transaction.atomic
def revoke_partnership_role(*, partnership_role: PartnershipRole, by: User | None) -> None:
    if by is not None and not rules.is_administrator(by):
        raise CaseActionRefused(
            "Only an administrator gives or ends a partnership's officer and chair roles."
        )
    memberships = CaseMembership.objects.filter(
        case__partnership=partnership_role.partnership,
        user=partnership_role.user,
        role=partnership_role.role,
        ended_at__isnull=True,
    ).select_related("case", "user")
    for membership in memberships:
        _end_membership(membership=membership, by=by)
    partnership_role.delete()


# Messages -----------------------------------------------------------------------------


def mark_messages_read(*, user: User, message_ids: list[int] | None = None) -> int:
    """Mark the user's own messages read (all of them when no ids are given)."""
    unread = Message.objects.filter(user=user, read_at__isnull=True)
    if message_ids is not None:
        unread = unread.filter(pk__in=message_ids)
    return unread.update(read_at=timezone.now())
