"""Reading the family and friends record for its page and the case's task list."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, Expression, F, Max, OuterRef, Q, QuerySet
from django.urls import reverse

from cases.models import Case
from cases.selectors import Task
from cases.workflow import REVIEW_STAGES, Stage

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


@dataclass(frozen=True)
class FamilyRecord:
    advocates: list[FamilyAdvocate]  # the current one first, if any
    members: list[NetworkMember]
    decisions: QuerySet[InvolvementDecision]
    first_contacts: list[FirstContact]
    contacts: QuerySet[ContactLogEntry]
    contributions: QuerySet[Contribution]
    pseudonym_choices: QuerySet[PseudonymChoice]
    tribute: Tribute | None

    @property
    def advocate(self) -> FamilyAdvocate | None:
        current = self.advocates[:1]
        return current[0] if current and current[0].replaced_on is None else None


def network_members(case: Case) -> QuerySet[NetworkMember]:
    """The case's people from the support networks, each with their first contact if any (one
    per person), and the date each last declined to take part (contact goes on regardless:
    seed 000 l.208)."""
    return (
        case.network_members.select_related("person", "first_contact")
        .annotate(declined_on=Max("contacts__contacted_on", filter=Q(contacts__declined=True)))
        .order_by("network", "id")
    )


def first_contacts_of(members: list[NetworkMember]) -> list[FirstContact]:
    """The first contacts of `members` as read by network_members, in FirstContact's order
    (the services record one only with someone of the same case)."""
    contacts = (getattr(member, "first_contact", None) for member in members)
    return sorted(
        (contact for contact in contacts if contact is not None),
        key=lambda contact: (contact.contacted_on, contact.pk),
    )


def cases_with_tribute() -> QuerySet[Case]:
    """Cases with their tribute (one per case) and who wrote it, for get_case_for: the family
    pages read it with the case, not in a statement of their own."""
    return Case.objects.select_related("family_tribute__written_by__person")


def tribute_of(case: Case) -> Tribute | None:
    """The case's tribute, if any: as read with the case by cases_with_tribute."""
    return getattr(case, "family_tribute", None)


def family_record(case: Case) -> FamilyRecord:
    """Everything on the family page, in a fixed number of queries whatever its length;
    `case` is read through cases_with_tribute."""
    with_member = ("member__person",)
    members = list(network_members(case))
    return FamilyRecord(
        advocates=list(
            case.family_advocates.select_related("named_by").order_by(
                F("replaced_on").desc(nulls_first=True), "-named_on", "-id"
            )
        ),
        members=members,
        decisions=case.family_involvement_decisions.select_related(*with_member),
        first_contacts=first_contacts_of(members),
        contacts=case.family_contacts.select_related(*with_member),
        contributions=case.family_contributions.select_related(*with_member),
        pseudonym_choices=case.pseudonym_choices.select_related("person", "chosen_by__person"),
        tribute=tribute_of(case),
    )


def family_reads(on: date) -> dict[str, Expression]:
    """What family_task_rows reads of the family record: a current advocate, a first contact,
    a decision not to involve or to delay, and anyone from the networks."""
    case = OuterRef("pk")
    return {
        "panels_family_advocate_named": Exists(
            FamilyAdvocate.objects.filter(case=case, replaced_on__isnull=True)
        ),
        "panels_family_first_contact_made": Exists(FirstContact.objects.filter(case=case)),
        "panels_family_involvement_decided": Exists(InvolvementDecision.objects.filter(case=case)),
        "panels_family_member_recorded": Exists(NetworkMember.objects.filter(case=case)),
    }


def family_task_rows(case: Case) -> list[Task]:
    """The "Family and friends" row under Panel set-up: done once an advocate is named and there is
    a first contact or a recorded decision not to involve or to delay (DOMAIN.md 2.2). `case` is
    read through case_file_cases, with family_reads."""
    name = "Family and friends"
    if case.stage not in REVIEW_STAGES:
        return []
    if REVIEW_STAGES.index(Stage(case.stage)) < REVIEW_STAGES.index(Stage.PANEL_SET_UP):
        return [Task(Stage.PANEL_SET_UP, "cannot start yet", name=name)]
    url = reverse("panels:family", kwargs={"reference": case.reference})
    advocate = case.panels_family_advocate_named
    settled = case.panels_family_first_contact_made or case.panels_family_involvement_decided
    if advocate and settled:
        status = "done"
    elif advocate or settled or case.panels_family_member_recorded:
        status = "in progress"
    else:
        status = "not started"
    return [Task(Stage.PANEL_SET_UP, status, name=name, url=url, permission="view_people_register")]
