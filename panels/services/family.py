"""Business actions on the family and friends record (DOMAIN.md 2.2).

Who writes: the people who manage the panel (cases.manage_panel: the CSP officer and the
independent chair). DOMAIN.md 2.2 names the actors as "the review panel through the
independent chair" and "the CSP officer (records)"; that is exactly manage_panel. The CSP
chair reads the record (it has register access) but does not run the family's
involvement. Every writer must also read the register, since the record names the family.

Each action locks the case, checks, writes with history, records a named case event that
says only that the step happened (the timeline is read by panel members, who must not
learn the family's names, words or circumstances), and returns what it wrote.
"""

from datetime import date

from django.db import transaction

from cases import clocks
from cases import services as case_services
from cases.access import permissions_now
from cases.models import Case, Person, User
from cases.services import CaseActionRefused

from ..models import (
    ContactLogEntry,
    Contribution,
    FamilyAdvocate,
    FirstContact,
    InvolvementDecision,
    NetworkMember,
    PseudonymChoice,
    Tribute,
)


def may_write(permissions: frozenset[str]) -> bool:
    """Whether someone holding `permissions` on a case writes its family record: pages pass
    what they read with the case, the actions below what the database says now."""
    return {"manage_panel", "view_people_register"} <= permissions


def _case_to_write(case: Case, by: User) -> Case:
    """The case, locked, once `by` may write its family record and it is still open."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not may_write(permissions_now(by, case)):
        raise CaseActionRefused("You may not change the family and friends record of this case.")
    if case.is_closed:
        raise CaseActionRefused("The case is closed.")
    return case


def _check_date(case: Case, value: date, field: str, label: str) -> None:
    if value > clocks.today():
        raise CaseActionRefused(f"{label} must be today or in the past.", field=field)
    if value < case.date_of_death:
        raise CaseActionRefused(
            f"{label} cannot be before the death ({case.date_of_death:%-d %B %Y}).", field=field
        )


def _member_of(case: Case, member: NetworkMember, field: str = "member") -> NetworkMember:
    if member.case_id != case.pk:
        raise CaseActionRefused(
            "Select someone in this case's family and friends record.", field=field
        )
    return member


def _save(record, *, by: User, case: Case, event: str, description: str):
    record._history_user = by
    record.full_clean()
    record.save()
    case_services.record_event(case=case, name=event, description=description, actor=by)
    return record


@transaction.atomic
def name_advocate(
    *,
    case: Case,
    by: User,
    name: str,
    organisation: str,
    existing_relationship: bool,
    identified_with_police: bool,
    police_contact: str = "",
    named_on: date,
) -> FamilyAdvocate:
    """Name the family's designated advocate (seed 000 l.191, l.201). A current advocate is
    replaced on the new one's date, and kept."""
    case = _case_to_write(case, by)
    _check_date(case, named_on, "named_on", "Date named")
    current = case.family_advocates.select_for_update().filter(replaced_on__isnull=True).first()
    if current is not None:
        if named_on < current.named_on:
            raise CaseActionRefused(
                f"The current advocate was named on {current.named_on:%-d %B %Y}: a new one "
                "cannot be named before that.",
                field="named_on",
            )
        current.replaced_on = named_on
        current._history_user = by
        current.save(update_fields=["replaced_on"])
    advocate = FamilyAdvocate(
        case=case,
        name=name,
        organisation=organisation,
        existing_relationship=existing_relationship,
        identified_with_police=identified_with_police,
        police_contact=police_contact,
        named_on=named_on,
        named_by=by,
    )
    description = "Family advocate replaced" if current else "Family advocate named"
    return _save(advocate, by=by, case=case, event="family.advocate.named", description=description)


@transaction.atomic
def add_network_member(
    *,
    case: Case,
    by: User,
    network: str,
    connection: str,
    relationship: str,
    person: Person | None = None,
    new_person: dict | None = None,
) -> NetworkMember:
    """Add someone from the victim's or the perpetrator's networks: a person already in the
    register, or a new one added to it through the core's add_person (which asks for
    cases.edit_case_file)."""
    case = _case_to_write(case, by)
    if (person is None) == (new_person is None):
        raise CaseActionRefused(
            "Select a person in the register, or add a new one, not both.", field="person"
        )
    if new_person is not None:
        details = dict(new_person)
        person = case_services.add_person(
            case=case, by=by, role=details.pop("role"), details=details
        )
    elif person.case_id != case.pk:
        raise CaseActionRefused("Select a person in this case's register.", field="person")
    if NetworkMember.objects.filter(person=person).exists():
        raise CaseActionRefused(
            "This person is already in the family and friends record.", field="person"
        )
    member = NetworkMember(
        case=case,
        person=person,
        network=network,
        connection=connection,
        relationship=relationship,
        added_by=by,
    )
    label = NetworkMember.Network(network).label
    return _save(
        member,
        by=by,
        case=case,
        event="family.member.added",
        description=f"Someone from {label[0].lower()}{label[1:]} added to the family record",
    )


@transaction.atomic
def record_involvement_decision(
    *,
    case: Case,
    by: User,
    kind: str,
    reason: str,
    explanation: str,
    decided_on: date,
    member: NetworkMember | None = None,
    contact_expected_on: date | None = None,
    expert_consulted: str = "",
    interpreter_checks: str = "",
    agency_member_checks: str = "",
) -> InvolvementDecision:
    """Record a decision not to involve someone (or the whole family, with no member), or
    to delay contact, with its reasons (seed 000 l.174, l.202, l.216-218)."""
    case = _case_to_write(case, by)
    _check_date(case, decided_on, "decided_on", "Date decided")
    if member is not None:
        _member_of(case, member)
    decision = InvolvementDecision(
        case=case,
        member=member,
        kind=kind,
        reason=reason,
        explanation=explanation,
        decided_on=decided_on,
        contact_expected_on=contact_expected_on,
        expert_consulted=expert_consulted,
        interpreter_checks=interpreter_checks,
        agency_member_checks=agency_member_checks,
        recorded_by=by,
    )
    # The reason (honour-based abuse, say) stays off the timeline: it is the family's.
    description = (
        "Decision recorded to delay contact with the family or friends"
        if kind == InvolvementDecision.Kind.DELAY
        else "Decision recorded not to involve family or friends"
    )
    return _save(
        decision, by=by, case=case, event="family.involvement.decided", description=description
    )


@transaction.atomic
def record_first_contact(
    *,
    case: Case,
    by: User,
    member: NetworkMember,
    contacted_on: date,
    made_by: str,
    in_person: bool,
    not_in_person_reason: str = "",
    information_letter_delivered: bool,
    leaflet_delivered: bool,
    language: str,
    interpreter: str = "",
) -> FirstContact:
    case = _case_to_write(case, by)
    _member_of(case, member)
    _check_date(case, contacted_on, "contacted_on", "Date of first contact")
    if FirstContact.objects.filter(member=member).exists():
        raise CaseActionRefused(
            "The first contact with this person is already recorded. Record later contact "
            "in the contact log.",
            field="member",
        )
    contact = FirstContact(
        case=case,
        member=member,
        contacted_on=contacted_on,
        made_by=made_by,
        in_person=in_person,
        not_in_person_reason=not_in_person_reason,
        information_letter_delivered=information_letter_delivered,
        leaflet_delivered=leaflet_delivered,
        language=language,
        interpreter=interpreter,
        recorded_by=by,
    )
    return _save(
        contact,
        by=by,
        case=case,
        event="family.first_contact.recorded",
        description="First contact with family or friends recorded",
    )


@transaction.atomic
def log_contact(
    *,
    case: Case,
    by: User,
    member: NetworkMember,
    contacted_on: date,
    kind: str,
    method: str,
    through_advocate: bool,
    summary: str,
    publication_timeline: str = "",
    declined: bool = False,
) -> ContactLogEntry:
    """Log an update or an interview. Contact goes on after someone declines to take part
    (seed 000 l.208): a decline is recorded, never a reason to refuse a later entry."""
    case = _case_to_write(case, by)
    _member_of(case, member)
    _check_date(case, contacted_on, "contacted_on", "Date")
    entry = ContactLogEntry(
        case=case,
        member=member,
        contacted_on=contacted_on,
        kind=kind,
        method=method,
        through_advocate=through_advocate,
        summary=summary,
        publication_timeline=publication_timeline,
        declined=declined,
        recorded_by=by,
    )
    return _save(
        entry,
        by=by,
        case=case,
        event="family.contact.logged",
        description=f"{ContactLogEntry.Kind(kind).label} with family or friends logged",
    )


@transaction.atomic
def record_contribution(
    *,
    case: Case,
    by: User,
    member: NetworkMember,
    received_on: date,
    visibility: str,
    content: str,
    how_it_assisted: str,
) -> Contribution:
    case = _case_to_write(case, by)
    _member_of(case, member)
    _check_date(case, received_on, "received_on", "Date received")
    contribution = Contribution(
        case=case,
        member=member,
        received_on=received_on,
        visibility=visibility,
        content=content,
        how_it_assisted=how_it_assisted,
        recorded_by=by,
    )
    # Neither its words nor whether it is private reach the timeline.
    return _save(
        contribution,
        by=by,
        case=case,
        event="family.contribution.recorded",
        description="Contribution from family or friends recorded",
    )


@transaction.atomic
def record_pseudonym_choice(
    *,
    case: Case,
    by: User,
    person: Person,
    pseudonym: str,
    chosen_by: NetworkMember,
    chosen_on: date,
) -> PseudonymChoice:
    """Record the pseudonym the family chose for someone and put it in the register, marked
    agreed with the family (DOMAIN.md 2.2 item 8); the register's history keeps the old."""
    case = _case_to_write(case, by)
    _member_of(case, chosen_by, field="chosen_by")
    _check_date(case, chosen_on, "chosen_on", "Date chosen")
    if person.case_id != case.pk:
        raise CaseActionRefused("Select a person in this case's register.", field="person")
    if not pseudonym.strip():
        raise CaseActionRefused("Enter the pseudonym.", field="pseudonym")
    person = Person.objects.select_for_update().get(pk=person.pk)
    person.pseudonym = pseudonym.strip()
    person.pseudonym_agreed_with_family = True
    person._history_user = by
    person._change_reason = "Pseudonym chosen by the family"
    person.full_clean()
    person.save(update_fields=["pseudonym", "pseudonym_agreed_with_family"])
    choice = PseudonymChoice(
        case=case,
        person=person,
        pseudonym=person.pseudonym,
        chosen_by=chosen_by,
        chosen_on=chosen_on,
        recorded_by=by,
    )
    return _save(
        choice,
        by=by,
        case=case,
        event="family.pseudonym.chosen",
        description="Pseudonym chosen by the family recorded",
    )


@transaction.atomic
def record_tribute(
    *, case: Case, by: User, text: str, written_by: NetworkMember, agreed_for_publication: bool
) -> Tribute:
    """Record the tribute to the victim, or replace its text (the history keeps each)."""
    case = _case_to_write(case, by)
    _member_of(case, written_by, field="written_by")
    tribute = Tribute.objects.select_for_update().filter(case=case).first() or Tribute(case=case)
    description = "Tribute to the victim " + ("changed" if tribute.pk else "recorded")
    tribute.text = text
    tribute.written_by = written_by
    tribute.agreed_for_publication = agreed_for_publication
    tribute.recorded_by = by
    return _save(
        tribute,
        by=by,
        case=case,
        event="family.tribute.recorded",
        description=description,
    )
