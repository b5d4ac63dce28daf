"""The Riverside review whose IMRs are done (DEMO-RIV-6, made by cases.demo): its chair
appointed, its panel set up and its terms agreed; the police's and the NHS trust's IMRs
written, signed off and accepted; the combined chronology compiled; and drafting started.
Everything goes through the services and their guards, as a real review would, so the
report's demo starts from a review the service itself brought to drafting."""

from datetime import time, timedelta

from cases import demo
from cases.models import Case, Person, User
from cases.services import perform_transition
from panels.models import CHECKLIST
from panels.models.chair import KNOWLEDGE_FIELDS
from panels.services import chair as chair_services
from panels.services import panel as panel_services
from panels.services import terms

from .services import sections
from .services.chronology import add_chronology_entry, compile_combined_chronology
from .services.commissioning import appoint_author, commission_imr

REFERENCE = "DEMO-RIV-6"
CHAIR = "independent.chair@example.org"


def imrs(victim: demo.Written, suspect: demo.Written, friend: demo.Written, home: str) -> list:
    """The IMRs the police and the NHS trust write, naming the people as an author does:
    agency, its senior manager's and author's accounts (made by imr.demo), what the author
    wrote (chronology entries: days before the death, what happened, people, DASH level; the
    sections; one recommendation)."""
    return [
        (
            "Riverside Police",
            "senior.manager@police.example",
            "imr.author@police.example",
            [
                (
                    300,
                    f"{victim.full} called 999 saying {suspect.full} had taken her phone and "
                    "car keys. Officers attended; she said it was a misunderstanding.",
                    ("victim", "suspect"),
                    "standard",
                ),
                (
                    45,
                    f"Anonymous call from a neighbour, {friend.full}, about shouting at {home}. "
                    "No answer at the door; no further action.",
                    ("victim", "friend"),
                    "",
                ),
            ],
            {
                "practice_analysis": (
                    f"Officers treated the call about {suspect.known_as} taking "
                    f"{victim.first}'s phone and keys as a dispute, not as controlling "
                    f"behaviour. A DASH was completed with {suspect.formal} in the room."
                ),
                "what_should_have_happened": (
                    f"{victim.full} should have been spoken to alone, and the taking of her "
                    "phone and keys recognised as coercive control."
                ),
                "good_practice": "The call handler recorded the caller's words exactly.",
                "equality_and_diversity": "No protected characteristic affected the response.",
                "lessons_learned": "Coercive control must be considered at every call.",
            },
            {
                "what": "Training for response officers on recognising coercive control.",
                "owner": "Head of public protection",
                "measure": "Every response officer trained; dip sample of 20 calls a quarter.",
            },
        ),
        (
            "Riverside NHS Foundation Trust",
            "safeguarding.lead@nhs.example",
            "named.nurse@nhs.example",
            [
                (
                    120,
                    f"{victim.full} told her GP that {suspect.first} checked her spending and "
                    "her messages. Given the helpline number.",
                    ("victim",),
                    "",
                ),
            ],
            {
                "practice_analysis": (
                    "The GP asked about abuse and gave the helpline number, but did not "
                    "complete a risk assessment or refer to the domestic abuse service."
                ),
                "what_should_have_happened": (
                    "A DASH risk assessment and a referral with consent."
                ),
                "good_practice": f"The GP recorded {victim.first}'s disclosure in her own words.",
                "equality_and_diversity": "No barrier to access was found.",
                "lessons_learned": "Disclosures in primary care need a risk assessment.",
            },
            {
                "what": "GP practices complete a DASH with every disclosure of domestic abuse.",
                "owner": "Named GP for safeguarding",
                "measure": "An annual audit of disclosures shows a DASH in each.",
            },
        ),
    ]


def register() -> None:
    demo.register_builder(
        "imr.review_at_drafting", build_demo, after=(REFERENCE, "imr.commissioning")
    )


def build_demo(ctx: demo.DemoContext) -> None:
    case = ctx.case(REFERENCE)
    if not case.chair_appointments.exists():
        bring_to_drafting(ctx, case)


def bring_to_drafting(ctx: demo.DemoContext, case: Case) -> Case:
    """Take a decided review (its letters sent) to drafting: the independent chair
    appointed, the panel set up and its terms agreed (today: not before they are drafted,
    panels.services.terms), the police's and
    the NHS trust's IMRs written about the case's own people, signed off and accepted, and
    the combined chronology compiled."""
    officer, chair = ctx.officer("RIV"), ctx.users[CHAIR]
    _set_up_panel(ctx, case, officer, chair)
    case = perform_transition(case=case, name="start_imrs", by=chair)
    people = {person.role: person for person in case.people.all()}
    victim = people[Person.Role.VICTIM]
    written = [
        demo.Written.of(people[role])
        for role in (Person.Role.VICTIM, Person.Role.SUSPECT, Person.Role.FRIEND)
    ]
    for agency, manager_email, author_email, entries, texts, recommendation in imrs(
        *written, victim.address.split(",")[0]
    ):
        manager = User.objects.get(email=manager_email)
        imr = commission_imr(
            case=case,
            by=chair,
            agency=ctx.agencies[agency],
            due_on=ctx.on + timedelta(weeks=2),
            senior_manager=manager,
        )
        imr = appoint_author(
            imr=imr,
            by=manager,
            author=User.objects.get(email=author_email),
            not_involved=True,
            not_line_manager=True,
        )
        for days, what, roles, dash_level in entries:
            add_chronology_entry(
                imr=imr,
                by=imr.author,
                occurred_on=case.date_of_death - timedelta(days=days),
                precision="exact",
                occurred_at=time(21, 15),
                what_happened=what,
                people=[people[_ROLES[role]] for role in roles],
                dash_level=dash_level,
            )
        sections.save_sections(imr=imr, by=imr.author, texts=texts)
        sections.add_recommendation(
            imr=imr, by=imr.author, target_on=ctx.on + timedelta(weeks=26), **recommendation
        )
        sections.send_for_sign_off(imr=imr, by=imr.author)
        sections.sign_off(imr=imr, by=manager)
        sections.accept_imr(imr=imr, by=chair)
    compile_combined_chronology(case=case, by=chair)
    return perform_transition(case=case, name="start_drafting", by=chair)


_ROLES = {
    "victim": Person.Role.VICTIM,
    "suspect": Person.Role.SUSPECT,
    "friend": Person.Role.FRIEND,
}


def _set_up_panel(ctx: demo.DemoContext, case, officer, chair) -> None:
    chair_services.appoint_independent_chair(
        case=case,
        by=ctx.chair("RIV"),
        chair=chair,
        appointed_on=case.decided_on + timedelta(days=5),
        declared_independent=True,
        home_office_training_completed_on=case.decided_on - timedelta(days=300),
        knowledge=dict.fromkeys(KNOWLEDGE_FIELDS, True),
    )
    for number, (agency, name, role, email) in enumerate(
        (
            (
                "Safe Haven Domestic Abuse Service",
                "Priya Panel",
                "Service manager",
                "panel.member@safehaven.example",
            ),
            ("Riverside Police", "Marcus Hale", "Detective chief inspector", ""),
        )
    ):
        agency = ctx.agencies[agency]
        panel_services.add_panel_member(
            case=case,
            by=chair,
            agency=agency,
            name=name,
            user=ctx.users[email] if email else None,
            sector=agency.sector,
            role=role,
            seniority="senior",
            joined_on=case.decided_on + timedelta(days=8 + number),
            declared_no_involvement=True,
            confidentiality_undertaking=True,
        )
    terms.draft_terms_of_reference(
        case=case,
        by=chair,
        scope=(
            "What agencies knew of coercive and controlling behaviour, and whether the "
            "victim's disclosures were acted on."
        ),
        checklist={item.key: {"answer": "Covered in the scope."} for item in CHECKLIST},
        proceedings_addressed={},
        family_liaison_lead=chair.full_name,
        media_lead="Riverside Council communications team",
    )
    terms.agree_terms_of_reference(case=case, by=chair, agreed_on=ctx.on)
