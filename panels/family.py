"""The family and friends record's places in the core: its row in the case's task list,
its history in the audit trail, and its demo records (called from PanelsConfig.ready())."""

from datetime import timedelta

from cases import demo, selectors
from cases.models import Case, Person

from .models import (
    ContactLogEntry,
    Contribution,
    FamilyAdvocate,
    FirstContact,
    InvolvementDecision,
    NetworkMember,
    PseudonymChoice,
    Tribute,
)
from .selectors.family import family_reads, family_task_rows
from .services import family as services

# Only roles that read the register read the audit trail (the trail shows each field's
# old and new value, a private contribution's words included): tests/panels pins that.
AUDIT_LABELS = {
    FamilyAdvocate: "Family: advocate",
    NetworkMember: "Family: person from the networks",
    InvolvementDecision: "Family: decision not to involve or to delay",
    FirstContact: "Family: first contact",
    ContactLogEntry: "Family: contact log",
    Contribution: "Family: contribution",
    PseudonymChoice: "Family: pseudonym chosen",
    Tribute: "Family: tribute",
}


def _audit_source(model, label: str):
    def source(case: Case):
        return model.history.filter(case_id=case.pk), lambda record: label

    return source


def register() -> None:
    selectors.add_task_rows(family_task_rows, reads=family_reads)
    for model, label in AUDIT_LABELS.items():
        selectors.add_audit_source(_audit_source(model, label))
    demo.register_builder("family:DEMO-RIV-3", build_demo_family, after=("DEMO-RIV-3",))


def build_demo_family(ctx: demo.DemoContext) -> None:
    """The Riverside review at panel set-up: an advocate, the victim's sister and a friend
    and the perpetrator's brother, a first contact, three updates, a private and a
    publishable contribution, the pseudonym the family chose, and a tribute. Contact with
    the perpetrator's brother waits for the trial, as the police advised."""
    case = ctx.case("DEMO-RIV-3")
    if case.family_advocates.exists():
        return
    officer, chair = ctx.officer("RIV"), ctx.users["independent.chair@example.org"]
    on, decided_on = ctx.on, case.decided_on
    services.name_advocate(
        case=case,
        by=officer,
        name="Bernadette Walsh",
        organisation="Safe Haven Domestic Abuse Service (homicide advocacy)",
        existing_relationship=True,
        identified_with_police=True,
        police_contact="DS Amir Khan, family liaison officer",
        named_on=decided_on + timedelta(days=3),
    )
    sister, friend, brother = (
        services.add_network_member(
            case=case,
            by=officer,
            network=network,
            connection=connection,
            relationship=relationship,
            new_person={"role": role, "real_name": name, "pseudonym": pseudonym},
        )
        for name, role, pseudonym, network, connection, relationship in (
            (
                "Siobhan Doyle",
                Person.Role.FAMILY,
                "Adult D",
                NetworkMember.Network.VICTIM,
                NetworkMember.Connection.FAMILY,
                "Sister",
            ),
            (
                "Patricia Lane",
                Person.Role.FRIEND,
                "Adult E",
                NetworkMember.Network.VICTIM,
                NetworkMember.Connection.FRIEND,
                "Closest friend, a former colleague",
            ),
            (
                "Neil Corbett",
                Person.Role.FAMILY,
                "Adult F",
                NetworkMember.Network.PERPETRATOR,
                NetworkMember.Connection.FAMILY,
                "Brother",
            ),
        )
    )
    services.record_involvement_decision(
        case=case,
        by=chair,
        member=brother,
        kind="delay",
        reason="criminal_investigation",
        explanation="He is a prosecution witness; the police asked that he is not "
        "approached until the trial ends.",
        decided_on=decided_on + timedelta(days=10),
    )
    services.record_first_contact(
        case=case,
        by=chair,
        member=sister,
        contacted_on=decided_on + timedelta(days=12),
        made_by="the advocate and the independent chair, at her home",
        in_person=True,
        information_letter_delivered=True,
        leaflet_delivered=True,
        language="English",
    )
    updates = (
        (20, "Introduced the review's terms of reference and who is on the panel."),
        (35, "Told of the pause for the criminal trial; the review resumes after it."),
        (60, "Asked about a pseudonym and a tribute; she will talk to the family."),
    )
    for days, summary in updates:
        services.log_contact(
            case=case,
            by=chair,
            member=sister,
            contacted_on=decided_on + timedelta(days=days),
            kind="update",
            method="telephone",
            through_advocate=True,
            summary=summary,
            publication_timeline="About a year from now, after the trial and the Home Office's "
            "quality assurance.",
        )
    services.record_contribution(
        case=case,
        by=chair,
        member=sister,
        received_on=decided_on + timedelta(days=20),
        visibility="private",
        content="Helen told her in confidence about a miscarriage she never reported.",
        how_it_assisted="It explained a long gap in her GP contact; the panel will not publish it.",
    )
    services.record_contribution(
        case=case,
        by=chair,
        member=friend,
        received_on=decided_on + timedelta(days=25),
        visibility="publishable",
        content="Helen had no money of her own and had to account for every receipt.",
        how_it_assisted="It showed the economic abuse no agency recorded.",
    )
    victim = case.people.get(role=Person.Role.VICTIM)
    services.record_pseudonym_choice(
        case=case,
        by=chair,
        person=victim,
        pseudonym="Nora",
        chosen_by=sister,
        chosen_on=on - timedelta(days=5),
    )
    services.record_tribute(
        case=case,
        by=chair,
        text="Nora loved the sea, her garden and her daughter. She was the one everyone rang "
        "first.",
        written_by=sister,
        agreed_for_publication=True,
    )
