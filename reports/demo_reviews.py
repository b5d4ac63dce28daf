"""Demo reviews past drafting (issue 12): four Riverside reviews, each with its own people
register, made through the same services as DEMO-RIV-6 (cases.demo, imr.demo_drafting,
reports.demo, reports.demo_action_plan) and taken to the CSP's sign-off with public PDFs
the leak gate passed, so that `python manage.py check_publication` is clean on each.

Each review's builder runs the steps listed for it in STEPS, in order, on the review
drafted_review made: the later stages' demo steps (Home Office QA, publication, monitoring,
conclusion) join those lists. Every name, date and circumstance is invented."""

from collections.abc import Callable
from datetime import timedelta

from django.core.exceptions import ImproperlyConfigured

from cases import demo
from cases.demo import Written, born
from cases.models import Agency, Case, Person
from cases.services import perform_transition
from imr.demo_drafting import CHAIR, bring_to_drafting

from .anonymisation import Register
from .demo import Cast, draft_report
from .demo_action_plan import action_plan
from .models import FamilyViewing, PanelAgreement, PdfDocument, RenderedPdf
from .registrations.anonymisation import KEPT_DATES, fill_register
from .services import action_plan as plan
from .services import anonymisation, before_sign_off, leak_gate, pdfs

# The review's story, in days after its decision (cases.demo decides twelve days after the
# notification): the action plan worked on, the panel's agreement (which completes the
# overview report within six months of the decision, seed 000 l.164), the family shown it.
PLAN_WORKED_ON = 150
PANEL_AGREED = 160
FAMILY_SHOWN = 165

# Who agreed each agency's actions for it (reports.demo_action_plan's agencies).
AGREED_BY = {
    "Riverside Police": ("Samuel Senior", "Detective superintendent"),
    "Riverside NHS Foundation Trust": ("Helen Hughes", "Head of safeguarding"),
    "Riverside Adult Social Care": ("Gareth Lloyd", "Principal social worker"),
}


def drafted_review(
    ctx: demo.DemoContext,
    police_reference: str,
    *,
    people: dict[str, dict],
    notified_days_ago: int,
    place_of_death: str,
    circumstances: str,
) -> Case:
    """A Riverside review notified `notified_days_ago` days before `ctx.on`, decided, its
    panel set up, its IMRs accepted, both documents drafted and its action plan made.
    `people` holds the register: "victim", "perpetrator", "family" (with "kin", what they
    were to the victim) and "friend", each as cases.services.record_notification takes a
    person."""
    family = dict(people["family"])
    kin = family.pop("kin")
    case = demo.riverside_review_decided(
        ctx,
        police_reference,
        notified_on=ctx.on - timedelta(days=notified_days_ago),
        place_of_death=place_of_death,
        circumstances=circumstances,
        victim=people["victim"],
        suspect=people["perpetrator"],
        others=[
            {
                "role": Person.Role.FAMILY,
                "relationship_to_victim": Person.Relationship.RELATIVE,
                **family,
            },
            {"role": Person.Role.FRIEND, **people["friend"]},
        ],
        reasons="Killed by her partner; agencies knew of the abuse. The criteria are met.",
    )
    case = bring_to_drafting(ctx, case)
    chair = ctx.users[CHAIR]
    fill_register(case, chair)
    draft_report(case, chair, _cast(case, kin))
    action_plan(case, chair, _day(case, PLAN_WORKED_ON))
    return case


def submitted_for_sign_off(ctx: demo.DemoContext, case: Case) -> Case:
    """Take a drafted review to the CSP's sign-off: every anonymisation flag decided, every
    agency's actions and every contributor confirmed, the panel's agreement, the family
    shown the agreed version; then the public PDFs rendered and passed by the leak gate."""
    chair = ctx.users[CHAIR]
    decide_every_flag(case, chair)
    for standing in before_sign_off.agency_agreements(case):
        if not standing.is_current:
            _agree_actions(case, standing.agency, chair)
    for confirmation in case.contributor_confirmations.filter(confirmed_on__isnull=True):
        before_sign_off.record_confirmation(
            confirmation=confirmation,
            by=chair,
            confirmed_on=confirmation.asked_on + timedelta(days=9),
            comments="Content with how our involvement is described.",
        )
    before_sign_off.record_panel_agreement(
        case=case,
        by=chair,
        agreed_on=_day(case, PANEL_AGREED),
        **dict.fromkeys(PanelAgreement.CHECKS, True),
    )
    before_sign_off.record_family_viewing(
        case=case,
        by=chair,
        shown_on=_day(case, FAMILY_SHOWN),
        how="At home, with their advocate, who read it with them",
        response=FamilyViewing.Response.AGREES,
    )
    case = perform_transition(case=case, name="submit_for_sign_off", by=chair)
    publish_ready_pdfs(case, ctx.officer("RIV"))
    return case


def decide_every_flag(case: Case, by) -> None:
    """Decide every open flag of the latest versions: exact dates kept for the chronology,
    an ambiguous name replaced by the pseudonym it would take, anything else withheld under
    its kind's name."""
    register = Register.for_case(case)
    for version in anonymisation.latest_versions(case).values():
        for part in anonymisation.anonymised_sections(version, register):
            for flag in part.anonymised.open_flags:
                if flag.kind == "exact_date":
                    decision = {"decision": "keep", "reason": KEPT_DATES}
                elif flag.suggestion:
                    decision = {
                        "decision": "replace",
                        "replacement": flag.suggestion,
                        "reason": "The person, under their pseudonym.",
                    }
                else:
                    decision = {
                        "decision": "replace",
                        "replacement": f"[{flag.kind_label.lower()} withheld]",
                        "reason": "It would identify the family.",
                    }
                anonymisation.record_decision(case=case, by=by, flag=flag, **decision)


def publish_ready_pdfs(case: Case, by) -> None:
    """Render the public PDF of each document here and now (as reports.registrations.pdfs
    does for the demo) and pass it through the leak gate; a hit is the demo's mistake."""
    for document in PdfDocument.values:
        rendering = pdfs.request_rendering(
            case=case, document=document, variant=RenderedPdf.Variant.PUBLIC, by=by
        )
        pdfs.render(rendering_id=rendering.pk)
        rendering.refresh_from_db()
        check = leak_gate.mark_publishable(rendering, by)
        if not check.passed:
            raise ImproperlyConfigured(
                f"The leak gate found registered names in the demo's {rendering}: "
                f"{leak_gate.where_found(check)}."
            )


def _agree_actions(case: Case, agency: Agency, chair) -> None:
    name, post = AGREED_BY[agency.name]
    plan.record_action_agreement(
        case=case,
        agency=agency,
        by=chair,
        agreed_by_name=name,
        agreed_by_role=post,
        agreed_on=_day(case, PLAN_WORKED_ON),
    )


def _day(case: Case, days_after_decision: int):
    return case.decided_on + timedelta(days=days_after_decision)


def _cast(case: Case, kin: str) -> Cast:
    people = {person.role: Written.of(person) for person in case.people.order_by("-pk")}
    return Cast(
        case.date_of_death,
        people[Person.Role.VICTIM],
        people[Person.Role.SUSPECT],
        people[Person.Role.FAMILY],
        kin,
        people[Person.Role.FRIEND],
    )


# The reviews -----------------------------------------------------------------------------


def _register(on, victim: tuple, perpetrator: tuple, family: tuple, friend: tuple) -> dict:
    """A review's people from (real name, alias, pseudonym, age, (month, day) of birth,
    address) for the victim and the perpetrator, (real name, pseudonym, kin, age, birthday)
    for the relative and (real name, alias, pseudonym) for the friend."""
    return {
        "victim": _person(on, *victim, gender="Female"),
        "perpetrator": {
            **_person(on, *perpetrator, gender="Male"),
            "relationship_to_victim": Person.Relationship.CURRENT_PARTNER,
        },
        "family": {
            "real_name": family[0],
            "pseudonym": family[1],
            "kin": family[2],
            "date_of_birth": born(on, family[3], *family[4]),
            "gender": "Female",
        },
        "friend": {
            "real_name": friend[0],
            "aliases": friend[1],
            "pseudonym": friend[2],
            "gender": "Female",
        },
    }


def _person(on, name, alias, pseudonym, age, birthday, address, *, gender) -> dict:
    return {
        "real_name": name,
        "aliases": alias,
        "pseudonym": pseudonym,
        "date_of_birth": born(on, age, *birthday),
        "gender": gender,
        "ethnicity": "White British",
        "address": address,
    }


# police reference: (days since notified, place of death, circumstances, the register).
# Notified 200 to 430 days ago: decided 6 to 14 months ago, so each review's own dates
# (the panel's agreement 160 days after the decision) are past, and the later stages'
# steps have months to run in.
REVIEWS = {
    "DEMO-RIV-7": (
        200,
        "Riverside (Eastfield ward)",
        "The victim was killed by her partner at their flat. She had told a housing officer "
        "she was frightened of him, and had twice called the police. He was convicted of "
        "murder.",
        lambda on: _register(
            on,
            ("Siobhan Kavanagh", "Shiv", "Ellen", 39, (7, 21), "9 Tern Court, Riverside RV5 1AB"),
            ("Declan Furness", "Dec", "Sean", 42, (11, 8), "9 Tern Court, Riverside RV5 1AB"),
            ("Niamh Doherty", "Maeve", "sister", 36, (5, 17)),
            ("Bethany Okoro", "Beth Okoro", "Friend 1"),
        ),
    ),
    "DEMO-RIV-8": (
        260,
        "Riverside (Castle ward)",
        "The victim was killed by her husband at their home weeks after she sought advice "
        "about divorce. Her GP and the domestic abuse service knew of his control of her "
        "money. He was convicted of murder.",
        lambda on: _register(
            on,
            ("Priyanka Mehta", "Pri", "Asha", 44, (9, 12), "22 Quarry Lane, Riverside RV3 4GH"),
            ("Rajesh Kohli", "Raj", "Vikram", 48, (4, 26), "22 Quarry Lane, Riverside RV3 4GH"),
            ("Sunita Bhatt", "Meena", "mother", 70, (12, 4)),
            ("Hannah Greaves", "Annie Greaves", "Friend D"),
        ),
    ),
    "DEMO-RIV-9": (
        330,
        "Riverside (Northgate ward)",
        "The victim was killed by her partner after a long history of police call-outs to "
        "their home. A MARAC referral had been closed. He pleaded guilty to murder.",
        lambda on: _register(
            on,
            ("Lorraine Beckett", "Lol", "Jess", 51, (10, 30), "5 Osier Close, Riverside RV2 7JK"),
            ("Craig Padfield", "Padders", "Gary", 55, (6, 14), "5 Osier Close, Riverside RV2 7JK"),
            ("Tanya Wilcox", "Kelly", "daughter", 30, (8, 19)),
            ("Marion Ashby", "Mo Ashby", "Friend D"),
        ),
    ),
    "DEMO-RIV-10": (
        430,
        "Riverside (Riverside Central ward)",
        "The victim was killed by her partner at the home they shared. She had attended the "
        "emergency department with injuries and had been referred to the domestic abuse "
        "service. He was convicted of murder.",
        lambda on: _register(
            on,
            ("Agnieszka Nowak", "Aga", "Ola", 33, (1, 27), "41 Brook Street, Riverside RV1 9LM"),
            ("Tomasz Wróbel", "Tomek", "Piotr", 36, (3, 11), "41 Brook Street, Riverside RV1 9LM"),
            ("Katarzyna Zielińska", "Marta", "sister", 37, (7, 5)),
            ("Fiona Mackay", "Fi Mackay", "Friend D"),
        ),
    ),
}

Step = Callable[[demo.DemoContext, Case], Case]

# Each review's steps after drafted_review, in order. The later apps add their stages' steps
# with add_steps, from their AppConfig.ready(): the publication app takes DEMO-RIV-8 to
# publication and DEMO-RIV-9 and -10 through it; the monitoring app takes those two on.
STEPS: dict[str, list[Step]] = {
    "DEMO-RIV-7": [submitted_for_sign_off],
    "DEMO-RIV-8": [submitted_for_sign_off],
    "DEMO-RIV-9": [submitted_for_sign_off],
    "DEMO-RIV-10": [submitted_for_sign_off],
}


def add_steps(police_reference: str, *steps: Step) -> None:
    STEPS[police_reference].extend(steps)


def build_review(police_reference: str) -> Callable[[demo.DemoContext], Case]:
    def build(ctx: demo.DemoContext) -> Case:
        days, place, circumstances, people = REVIEWS[police_reference]
        case = drafted_review(
            ctx,
            police_reference,
            people=people(ctx.on),
            notified_days_ago=days,
            place_of_death=place,
            circumstances=circumstances,
        )
        for step in STEPS[police_reference]:
            case = step(ctx, case)
        return case

    return build


def register() -> None:
    """One demo case per review, after the reports app's builders (ReportsConfig.ready)."""
    for police_reference in REVIEWS:
        demo.register_demo_case(
            police_reference, build_review(police_reference), after=("reports.pdfs",)
        )
