"""Demo data: two partnerships, their agencies, one person per role (DESIGN §1), and a
handful of fictional cases at different stages.

Runs only in demo mode and is idempotent: running it again updates the partnerships,
agencies and people, and leaves the demo cases alone. Each demo case is keyed on a fixed
police reference (DEMO-RIV-1 ...) and is created only when no case carries it yet.

Demo records are made by registered builders (register_builder): the cases app registers
one per demo case from CasesConfig.ready(), and the later apps (panels, imr, reports) add
their own records to those cases from their AppConfig.ready() the same way, so nothing
here imports them. seed_demo runs every builder, each after the builders it names.

The cases are made through cases.services, exactly as a user would make them, so their
events, clocks, history, memberships and permissions are real. Every name, address and
circumstance is invented; dates are relative to the day the command runs.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.db import transaction

from . import services
from .clocks import add_calendar_months, today
from .models import (
    Agency,
    Case,
    CaseLetter,
    CaseUserObjectPermission,
    Decision,
    FamilyLetterNotSent,
    Partnership,
    PartnershipRole,
    Person,
    Reopening,
    StandingPanelRecommendation,
    User,
)
from .roles import CaseRole

DEMO_PASSWORD = "demo-password"  # noqa: S105 - demo mode only; the command refuses otherwise

PARTNERSHIPS = [
    ("Riverside Community Safety Partnership", "RIV", "Riverside Borough Council"),
    ("Northvale Community Safety Partnership", "NOR", "Northvale District Council"),
]

AGENCIES = [
    ("Riverside Police", Agency.Kind.POLICE, Agency.Sector.STATUTORY),
    ("Riverside Adult Social Care", Agency.Kind.LOCAL_AUTHORITY, Agency.Sector.STATUTORY),
    ("Riverside NHS Foundation Trust", Agency.Kind.HEALTH, Agency.Sector.STATUTORY),
    ("Probation Service (Riverside)", Agency.Kind.PROBATION, Agency.Sector.STATUTORY),
    (
        "Safe Haven Domestic Abuse Service",
        Agency.Kind.SPECIALIST_DOMESTIC_ABUSE,
        Agency.Sector.VOLUNTARY,
    ),
    ("Riverside Homes", Agency.Kind.HOUSING, Agency.Sector.VOLUNTARY),
    ("Northvale Schools Trust", Agency.Kind.EDUCATION, Agency.Sector.STATUTORY),
]


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    job_title: str
    role: str
    partnership_code: str = ""
    agency_name: str = ""
    other_organisation: str = ""
    is_staff: bool = False


PEOPLE = [
    DemoPerson(
        "officer@riverside.example",
        "Olivia Officer",
        "DHR coordinator",
        "CSP officer",
        partnership_code="RIV",
    ),
    DemoPerson(
        "chair@riverside.example",
        "Charles Chair",
        "Chair of the partnership",
        "CSP chair",
        partnership_code="RIV",
    ),
    DemoPerson(
        "officer@northvale.example",
        "Nadia Officer",
        "DHR coordinator",
        "CSP officer (other partnership)",
        partnership_code="NOR",
    ),
    DemoPerson(
        "chair@northvale.example",
        "Noel Chair",
        "Chair of the partnership",
        "CSP chair (other partnership)",
        partnership_code="NOR",
    ),
    DemoPerson(
        "independent.chair@example.org",
        "Imogen Independent",
        "Independent chair and author",
        "Independent chair",
        other_organisation="Independent",
    ),
    DemoPerson(
        "panel.member@safehaven.example",
        "Priya Panel",
        "Service manager",
        "Panel member",
        agency_name="Safe Haven Domestic Abuse Service",
    ),
    DemoPerson(
        "senior.manager@police.example",
        "Samuel Senior",
        "Detective superintendent",
        "Agency senior manager",
        agency_name="Riverside Police",
    ),
    DemoPerson(
        "imr.author@police.example",
        "Aisha Author",
        "Detective inspector",
        "IMR author",
        agency_name="Riverside Police",
    ),
    DemoPerson(
        "qa.reviewer@homeoffice.example",
        "Harriet Reviewer",
        "Quality assurance panel",
        "Home Office QA reviewer",
        other_organisation="Home Office",
    ),
    DemoPerson(
        "admin@dhr.example",
        "Adam Administrator",
        "Service operator",
        "Administrator",
        other_organisation="DHR Manager",
        is_staff=True,
    ),
    DemoPerson(
        "outsider@example.org",
        "Oscar Outsider",
        "Health visitor",
        "Belongs to no case",
        agency_name="Riverside NHS Foundation Trust",
    ),
]


# Standing roles in each partnership: its officers and chair are members of all its cases.
PARTNERSHIP_ROLES = [
    ("RIV", "officer@riverside.example", PartnershipRole.Role.OFFICER),
    ("RIV", "chair@riverside.example", PartnershipRole.Role.CHAIR),
    ("NOR", "officer@northvale.example", PartnershipRole.Role.OFFICER),
    ("NOR", "chair@northvale.example", PartnershipRole.Role.CHAIR),
]

OFFICERS = {"RIV": "officer@riverside.example", "NOR": "officer@northvale.example"}
CHAIRS = {"RIV": "chair@riverside.example", "NOR": "chair@northvale.example"}


@dataclass(frozen=True)
class Written:
    """A person's name as an author writes it: in full, by given name, with a title and
    surname, and by the name they went by."""

    full: str
    first: str
    surname: str
    formal: str
    known_as: str

    @classmethod
    def of(cls, person: Person) -> "Written":
        parts = person.real_name.split()
        aliases = [alias.strip() for alias in person.aliases.split(",") if alias.strip()]
        title = {"Male": "Mr", "Female": "Ms"}.get(person.gender, "")
        if not aliases:
            known_as = person.real_name
        elif " " in aliases[0]:
            known_as = aliases[0]
        else:
            known_as = f"{aliases[0]} {parts[-1]}"
        return cls(person.real_name, parts[0], parts[-1], f"{title} {parts[-1]}".strip(), known_as)


def letter_copy() -> ContentFile:
    return ContentFile(b"%PDF-1.4\n% demo letter\n", name="letter.pdf")


def born(on: date, years: int, month: int, day: int) -> date:
    """A date of birth `years` before `on` (days kept below 29, so always valid)."""
    return date(on.year - years, month, day)


@dataclass
class DemoContext:
    on: date
    partnerships: dict[str, Partnership]
    agencies: dict[str, Agency]
    users: dict[str, User]

    def officer(self, code: str) -> User:
        return self.users[OFFICERS[code]]

    def chair(self, code: str) -> User:
        return self.users[CHAIRS[code]]

    def case(self, police_reference: str) -> Case:
        """A demo case by its fixed police reference (DEMO-RIV-3), for builders that add
        records to it; name its builder in `after` so that it exists."""
        return Case.objects.get(police_reference=police_reference)


# The registration point -----------------------------------------------------------------


@dataclass(frozen=True)
class DemoBuilder:
    name: str
    build: Callable[[DemoContext], object]
    after: tuple[str, ...]


_builders: dict[str, DemoBuilder] = {}


def register_builder(
    name: str, build: Callable[[DemoContext], object], *, after: tuple[str, ...] = ()
) -> None:
    """Have seed_demo run `build(ctx)` after the builders named in `after`. Call it from
    an AppConfig.ready(). seed_demo runs every builder on every run, so `build` makes its
    records only when they are missing: key them on something fixed, as the cases app keys
    each demo case on its police reference (its builder's name, e.g. "DEMO-RIV-3")."""
    if name in _builders:
        raise ImproperlyConfigured(f"A demo builder named {name!r} is registered already.")
    _builders[name] = DemoBuilder(name, build, tuple(after))


def builders_in_order() -> list[DemoBuilder]:
    """The registered builders, each after those it names, otherwise in the order they
    were registered (so apps in INSTALLED_APPS order)."""
    ordered, placed, pending = [], set(), list(_builders.values())
    while pending:
        ready = next((b for b in pending if placed.issuperset(b.after)), None)
        if ready is None:
            waiting = {b.name: [n for n in b.after if n not in placed] for b in pending}
            raise ImproperlyConfigured(
                f"Demo builders wait for builders never registered or for each other: {waiting}"
            )
        ordered.append(ready)
        placed.add(ready.name)
        pending.remove(ready)
    return ordered


# The demo cases -------------------------------------------------------------------------
# Each builder makes one case through the services and returns it. The police reference
# is the key that keeps seed_demo idempotent.


def _notify(ctx: DemoContext, code: str, police_reference: str, **spec) -> Case:
    notification = {
        "source": Case.Source.POLICE,
        "police_force": "Riverside Police" if code == "RIV" else "Northvale Constabulary",
        "police_reference": police_reference,
        "suspected_suicide": False,
        **spec.pop("notification"),
    }
    return services.record_notification(
        partnership=ctx.partnerships[code],
        by=ctx.officer(code),
        notification=notification,
        **spec,
    )


def _refer(ctx: DemoContext, case: Case, code: str, **recommendation) -> Case:
    return services.record_standing_panel_recommendation(
        case=case, by=ctx.officer(code), recommendation=recommendation
    )


def _decide(ctx: DemoContext, case: Case, code: str, **decision) -> Case:
    return services.record_decision(case=case, by=ctx.chair(code), **decision)


def _letters(ctx: DemoContext, case: Case, code: str, home_office_on: date, family_on: date):
    for recipient, sent_on, method in (
        (CaseLetter.Recipient.HOME_OFFICE, home_office_on, CaseLetter.Method.EMAIL),
        (CaseLetter.Recipient.FAMILY, family_on, CaseLetter.Method.HAND),
    ):
        services.record_letter(
            case=case,
            by=ctx.officer(code),
            recipient=recipient,
            sent_on=sent_on,
            method=method,
            copy=letter_copy(),
        )


def riverside_just_notified(ctx: DemoContext) -> Case:
    """(a) Notified three days ago: a mother killed at home; her adult son arrested."""
    on = ctx.on
    notified_on = on - timedelta(days=3)
    return _notify(
        ctx,
        "RIV",
        "DEMO-RIV-1",
        notification={
            "notified_on": notified_on,
            "date_of_death": notified_on - timedelta(days=4),
            "place_of_death": "Riverside (Eastfield ward)",
            "circumstances": (
                "Police were called by a neighbour who heard shouting at the victim's home. "
                "The victim was found with stab wounds and died at the scene. Her adult son, "
                "who had lived with her since losing his tenancy, was arrested nearby and has "
                "been charged with murder. Both were known to mental health and drug and "
                "alcohol services; the victim had told her GP she felt unsafe at home."
            ),
        },
        victim={
            "real_name": "Margaret Ellison",
            "date_of_birth": born(on, 68, 3, 14),
            "gender": "Female",
            "ethnicity": "White British",
            "address": "14 Willow Crescent, Riverside RV4 2PL",
            "relationship_to_victim": "",
            "deceased": True,
            "pseudonym": "Adult A",
        },
        suspects=[
            {
                "real_name": "Daniel Ellison",
                "aliases": "Danny",
                "date_of_birth": born(on, 41, 9, 2),
                "gender": "Male",
                "ethnicity": "White British",
                "address": "14 Willow Crescent, Riverside RV4 2PL",
                "relationship_to_victim": Person.Relationship.RELATIVE,
                "charged": True,
                "pseudonym": "Adult B",
            }
        ],
        others=[
            {
                "role": Person.Role.FAMILY,
                "real_name": "Claire Ellison-Moss",
                "date_of_birth": born(on, 44, 11, 20),
                "gender": "Female",
                "relationship_to_victim": Person.Relationship.RELATIVE,
                "pseudonym": "Adult C",
            }
        ],
    )


def riverside_decision_overdue(ctx: DemoContext) -> Case:
    """(b) Notified 40 days ago and referred to the chair; the decision is now overdue."""
    on = ctx.on
    notified_on = on - timedelta(days=40)
    case = _notify(
        ctx,
        "RIV",
        "DEMO-RIV-2",
        notification={
            "notified_on": notified_on,
            "date_of_death": notified_on - timedelta(days=2),
            "place_of_death": "Riverside (Northgate ward)",
            "circumstances": (
                "The victim was killed at her flat by her former partner five weeks after she "
                "ended the relationship. She had reported stalking and threatening messages to "
                "the police twice and held a non-molestation order. Her six-year-old son was "
                "in the flat and was found unharmed by officers. The suspect has been charged "
                "with murder and breach of the order."
            ),
        },
        victim={
            "real_name": "Joanne Price",
            "aliases": "Jo",
            "date_of_birth": born(on, 34, 6, 9),
            "gender": "Female",
            "ethnicity": "White British",
            "address": "Flat 3, 22 Canal Street, Riverside RV1 5DN",
            "deceased": True,
            "pseudonym": "Adult A",
        },
        suspects=[
            {
                "real_name": "Lee Marsh",
                "date_of_birth": born(on, 37, 1, 27),
                "gender": "Male",
                "ethnicity": "White British",
                "relationship_to_victim": Person.Relationship.FORMER_PARTNER,
                "charged": True,
                "pseudonym": "Adult B",
            }
        ],
        others=[
            {
                "role": Person.Role.CHILD,
                "real_name": "Tyler Price",
                "date_of_birth": born(on, 6, 4, 18),
                "gender": "Male",
                "relationship_to_victim": Person.Relationship.RELATIVE,
                "pseudonym": "Child C",
            }
        ],
    )
    return _refer(
        ctx,
        case,
        "RIV",
        meets_criteria=StandingPanelRecommendation.Criteria.MET,
        safeguarding_boards="Riverside Safeguarding Children Partnership (a child was present).",
        suggested_membership=(
            "Riverside Police; Children's Social Care; Riverside NHS Foundation Trust; "
            "Safe Haven Domestic Abuse Service; Riverside Homes."
        ),
        draft_terms_of_reference=(
            "How agencies responded to the reports of stalking after separation, and how the "
            "child's needs were considered."
        ),
        met_on=notified_on + timedelta(days=12),
    )


def riverside_review_panel_set_up(ctx: DemoContext) -> Case:
    """(c) A review: letters sent, panel forming, paused for the criminal trial, and the
    overview report deadline extended."""
    on = ctx.on
    notified_on = on - timedelta(days=95)
    officer, police = ctx.officer("RIV"), ctx.agencies["Riverside Police"]
    case = _notify(
        ctx,
        "RIV",
        "DEMO-RIV-3",
        notification={
            "notified_on": notified_on,
            "date_of_death": notified_on - timedelta(days=6),
            "place_of_death": "Riverside (Old Town ward)",
            "circumstances": (
                "The victim died in hospital from head injuries two days after an ambulance "
                "was called to the home she shared with her husband of 28 years. He told "
                "paramedics she had fallen. Friends later described years of coercive control "
                "and financial abuse; she had attended a Safe Haven drop-in session once and "
                "had seen her GP about low mood. Her husband has been charged with murder."
            ),
            "other_areas_involved": "Northvale (the victim worked there until last year)",
        },
        victim={
            "real_name": "Helen Corbett",
            "date_of_birth": born(on, 51, 10, 5),
            "gender": "Female",
            "ethnicity": "White Irish",
            "address": "7 Orchard Lane, Riverside RV2 8HT",
            "deceased": True,
            "pseudonym": "Adult A",
        },
        suspects=[
            {
                "real_name": "Graham Corbett",
                "date_of_birth": born(on, 55, 2, 11),
                "gender": "Male",
                "ethnicity": "White British",
                "address": "7 Orchard Lane, Riverside RV2 8HT",
                "relationship_to_victim": Person.Relationship.CURRENT_PARTNER,
                "charged": True,
                "pseudonym": "Adult B",
            }
        ],
        others=[
            {
                "role": Person.Role.FAMILY,
                "real_name": "Rachel Corbett",
                "date_of_birth": born(on, 24, 7, 23),
                "gender": "Female",
                "relationship_to_victim": Person.Relationship.RELATIVE,
                "pseudonym": "Adult C",
            }
        ],
    )
    case = _refer(
        ctx,
        case,
        "RIV",
        meets_criteria=StandingPanelRecommendation.Criteria.MET,
        suggested_membership=(
            "Riverside Police; Riverside NHS Foundation Trust; Safe Haven Domestic Abuse "
            "Service; Riverside Adult Social Care; the victim's GP practice (short report)."
        ),
        draft_terms_of_reference=(
            "What agencies knew of coercive control and economic abuse in a long marriage, and "
            "whether opportunities to ask about abuse were taken."
        ),
        met_on=notified_on + timedelta(days=10),
    )
    decided_on = notified_on + timedelta(days=21)
    case = _decide(
        ctx,
        case,
        "RIV",
        decision=Decision.Outcome.REVIEW,
        decided_on=decided_on,
        reasons=(
            "The victim was killed by her husband; the criteria in s.9 of the Domestic "
            "Violence, Crime and Victims Act 2004 are met."
        ),
    )
    _letters(ctx, case, "RIV", decided_on + timedelta(days=2), decided_on + timedelta(days=5))
    members = [
        ("independent.chair@example.org", CaseRole.INDEPENDENT_CHAIR, None),
        ("panel.member@safehaven.example", CaseRole.PANEL_MEMBER, None),
        ("senior.manager@police.example", CaseRole.SENIOR_MANAGER, police),
        ("imr.author@police.example", CaseRole.IMR_AUTHOR, police),
    ]
    for email, role, agency in members:
        services.grant_membership(
            case=case, user=ctx.users[email], role=role, by=officer, agency=agency
        )
    trial_on = add_calendar_months(on, 2)
    services.pause_case(
        case=case,
        by=officer,
        reason="Criminal trial listed",
        starts_on=decided_on + timedelta(days=30),
        expected_end_on=trial_on + timedelta(days=14),
    )
    case.refresh_from_db()
    # Agreed a week ago; the Home Office is not told yet: an open obligation to see.
    services.agree_extension(
        case=case,
        by=officer,
        new_due_on=add_calendar_months(case.overview_report_due_on, 3),
        reason=(
            f"The criminal trial is listed for {trial_on:%-d %B %Y}; the family and key "
            "witnesses will not be interviewed until it ends, on the police's advice."
        ),
        agreed_by=ctx.chair("RIV"),
        agreed_on=on - timedelta(days=7),
    )
    return case


def riverside_not_reviewed(ctx: DemoContext) -> Case:
    """(d) Decided not to review: no relationship or shared household; no family to write
    to, recorded instead of the family's letter."""
    on = ctx.on
    notified_on = on - timedelta(days=150)
    case = _notify(
        ctx,
        "RIV",
        "DEMO-RIV-4",
        notification={
            "notified_on": notified_on,
            "date_of_death": notified_on - timedelta(days=9),
            "place_of_death": "Riverside (Marsh End ward)",
            "circumstances": (
                "The victim, who lived alone, was assaulted in the shared stairwell of his "
                "block by a neighbour after a long dispute about noise. He died of his injuries "
                "a week later. The two were not related, had never been in a relationship and "
                "did not share a household. Riverside Homes had received complaints from both."
            ),
        },
        victim={
            "real_name": "Peter Lawson",
            "date_of_birth": born(on, 79, 12, 1),
            "gender": "Male",
            "ethnicity": "White British",
            "address": "Flat 11, Heron Court, Riverside RV6 1QA",
            "deceased": True,
            "pseudonym": "Adult A",
        },
        suspects=[
            {
                "real_name": "Wayne Doyle",
                "date_of_birth": born(on, 46, 5, 16),
                "gender": "Male",
                "ethnicity": "White British",
                "relationship_to_victim": Person.Relationship.OTHER,
                "charged": True,
                "pseudonym": "Adult B",
            }
        ],
    )
    case = _refer(
        ctx,
        case,
        "RIV",
        meets_criteria=StandingPanelRecommendation.Criteria.NOT_MET,
        met_on=notified_on + timedelta(days=14),
    )
    decided_on = notified_on + timedelta(days=25)
    case = _decide(
        ctx,
        case,
        "RIV",
        decision=Decision.Outcome.NO_REVIEW,
        decided_on=decided_on,
        reasons=(
            "The victim and the suspect were neighbours: not related, never intimate partners "
            "and not members of the same household, so the statutory criteria are not met. "
            "Riverside Homes is asked to carry out a single-agency review of how it handled "
            "the complaints."
        ),
        single_agency_review_suggested=True,
    )
    services.record_letter(
        case=case,
        by=ctx.officer("RIV"),
        recipient=CaseLetter.Recipient.HOME_OFFICE,
        sent_on=decided_on + timedelta(days=1),
        method=CaseLetter.Method.EMAIL,
        copy=letter_copy(),
    )
    services.record_family_letter_not_sent(
        case=case,
        by=ctx.officer("RIV"),
        reason=FamilyLetterNotSent.Reason.NO_FAMILY,
        explanation=(
            "The police family liaison officer found no next of kin, and the council's "
            "bereavement service traced no relatives before the funeral."
        ),
        recorded_on=decided_on + timedelta(days=2),
    )
    return case


def riverside_reopened(ctx: DemoContext) -> Case:
    """(e) Another review led, the letters went, and the Home Office has written that a
    review should be held after all: reopened six days ago, its new decision due a month
    after the Home Office's letter."""
    on = ctx.on
    notified_on = on - timedelta(days=75)
    case = _notify(
        ctx,
        "RIV",
        "DEMO-RIV-5",
        notification={
            "notified_on": notified_on,
            "date_of_death": notified_on - timedelta(days=5),
            "place_of_death": "Riverside (Castle ward)",
            "circumstances": (
                "The victim, who had dementia, died of neglect and injuries at the home she "
                "shared with her son, her only carer. Adult social care had closed a "
                "safeguarding enquiry six months earlier. Her son has been charged with "
                "manslaughter."
            ),
            "known_to_adult_services": True,
            "other_reviews_under_way": "a safeguarding adults review, commissioned by the "
            "Riverside Safeguarding Adults Board",
        },
        victim={
            "real_name": "Edith Barlow",
            "date_of_birth": born(on, 84, 2, 19),
            "gender": "Female",
            "ethnicity": "White British",
            "address": "3 Mill Row, Riverside RV3 9LE",
            "deceased": True,
            "pseudonym": "Adult A",
        },
        suspects=[
            {
                "real_name": "Keith Barlow",
                "date_of_birth": born(on, 58, 8, 30),
                "gender": "Male",
                "ethnicity": "White British",
                "address": "3 Mill Row, Riverside RV3 9LE",
                "relationship_to_victim": Person.Relationship.RELATIVE,
                "charged": True,
                "pseudonym": "Adult B",
            }
        ],
    )
    case = _refer(
        ctx,
        case,
        "RIV",
        meets_criteria=StandingPanelRecommendation.Criteria.UNCLEAR,
        safeguarding_boards="Riverside Safeguarding Adults Board (a SAR is commissioned).",
        met_on=notified_on + timedelta(days=10),
    )
    decided_on = notified_on + timedelta(days=20)
    case = _decide(
        ctx,
        case,
        "RIV",
        decision=Decision.Outcome.OTHER_REVIEW,
        decided_on=decided_on,
        other_review=Decision.OtherReview.SAFEGUARDING_ADULTS,
        reasons=(
            "The Safeguarding Adults Board has commissioned a safeguarding adults review of "
            "the care the victim received; the partnership will take part in it."
        ),
    )
    _letters(ctx, case, "RIV", decided_on + timedelta(days=2), decided_on + timedelta(days=4))
    services.reopen_case(
        case=case,
        by=ctx.chair("RIV"),
        kind=Reopening.Kind.LETTER,
        received_on=on - timedelta(days=6),
        summary=(
            "The Home Office's quality assurance panel considers that the victim was killed by "
            "a relative she lived with, so the statutory criteria for a review are met. It "
            "advises that a review is held, jointly with the safeguarding adults review."
        ),
        copy=letter_copy(),
    )
    return Case.objects.get(pk=case.pk)


def northvale_notified(ctx: DemoContext) -> Case:
    """(f) Northvale: a referral from a school about a suspected suicide."""
    on = ctx.on
    # Notified 25 days ago, so its decision falls due within the week: a reminder to see.
    notified_on = on - timedelta(days=25)
    return _notify(
        ctx,
        "NOR",
        "DEMO-NOR-1",
        notification={
            "notified_on": notified_on,
            "source": Case.Source.REFERRAL,
            "referring_agency": ctx.agencies["Northvale Schools Trust"],
            "referrer_name": "Designated safeguarding lead, Northvale Primary",
            "date_of_death": notified_on - timedelta(days=20),
            "place_of_death": "Northvale",
            "circumstances": (
                "The victim took her own life. Her daughter's school had recorded the "
                "victim's disclosures of controlling behaviour by her partner, and a referral "
                "to children's services was made a month before her death. The school asks "
                "the partnership to consider a review."
            ),
            "suspected_suicide": True,
        },
        victim={
            "real_name": "Karen Whitlow",
            "date_of_birth": born(on, 45, 8, 3),
            "gender": "Female",
            "ethnicity": "Mixed White and Black Caribbean",
            "deceased": True,
            "pseudonym": "Adult A",
        },
        suspects=[
            {
                "real_name": "Mark Denholm",
                "date_of_birth": born(on, 49, 3, 25),
                "gender": "Male",
                "relationship_to_victim": Person.Relationship.CURRENT_PARTNER,
                "charged": False,
                "pseudonym": "Adult B",
            }
        ],
        others=[
            {
                "role": Person.Role.CHILD,
                "real_name": "Lily Whitlow",
                "date_of_birth": born(on, 9, 1, 12),
                "gender": "Female",
                "relationship_to_victim": Person.Relationship.RELATIVE,
                "pseudonym": "Child C",
            }
        ],
    )


def northvale_review(ctx: DemoContext) -> Case:
    """(g) Northvale: a review decided, letters sent."""
    on = ctx.on
    notified_on = on - timedelta(days=70)
    case = _notify(
        ctx,
        "NOR",
        "DEMO-NOR-2",
        notification={
            "notified_on": notified_on,
            "date_of_death": notified_on - timedelta(days=3),
            "place_of_death": "Northvale",
            "circumstances": (
                "The victim was strangled by her partner at the home they shared. There had "
                "been three police call-outs in the previous year and a MARAC referral that "
                "was closed when the victim declined support. Her partner has pleaded guilty "
                "to murder."
            ),
        },
        victim={
            "real_name": "Gemma Hartley",
            "date_of_birth": born(on, 28, 11, 28),
            "gender": "Female",
            "ethnicity": "White British",
            "deceased": True,
            "pseudonym": "Adult A",
        },
        suspects=[
            {
                "real_name": "Ryan Colley",
                "date_of_birth": born(on, 31, 4, 7),
                "gender": "Male",
                "relationship_to_victim": Person.Relationship.CURRENT_PARTNER,
                "charged": True,
                "pseudonym": "Adult B",
            }
        ],
    )
    case = _refer(
        ctx,
        case,
        "NOR",
        meets_criteria=StandingPanelRecommendation.Criteria.MET,
        met_on=notified_on + timedelta(days=9),
    )
    decided_on = notified_on + timedelta(days=18)
    case = _decide(
        ctx,
        case,
        "NOR",
        decision=Decision.Outcome.REVIEW,
        decided_on=decided_on,
        reasons="Killed by her partner; repeated agency contact. The criteria are met.",
    )
    _letters(ctx, case, "NOR", decided_on + timedelta(days=3), decided_on + timedelta(days=3))
    return case


def riverside_review_at_drafting(ctx: DemoContext) -> Case:
    """(h) Riverside: a review decided five months ago, letters sent. The imr app's demo
    (imr.demo_drafting) sets up its panel and takes its IMRs to acceptance, so the report's
    demo has a review at the drafting stage. The register holds the names that make
    anonymisation hard: hyphens, an apostrophe, accents, an alias, and given names that are
    also ordinary words."""
    on = ctx.on
    return riverside_review_decided(
        ctx,
        "DEMO-RIV-6",
        notified_on=on - timedelta(days=170),
        place_of_death="Riverside (Northgate ward)",
        circumstances=(
            "The victim was killed by her husband at their home after she told him she was "
            "leaving. She had disclosed controlling behaviour to her GP and to a domestic "
            "abuse helpline. Her husband was convicted of murder."
        ),
        victim={
            "real_name": "Anne-Marie O'Connor",
            "date_of_birth": born(on, 47, 6, 9),
            "gender": "Female",
            "ethnicity": "White Irish",
            "address": "7 Larkspur Road, Riverside RV2 8QT",
            "pseudonym": "Adult A",
        },
        suspect={
            "real_name": "Frank Whitfield",
            "aliases": "Frankie",
            "date_of_birth": born(on, 52, 1, 23),
            "gender": "Male",
            "ethnicity": "White British",
            "address": "7 Larkspur Road, Riverside RV2 8QT",
            "relationship_to_victim": Person.Relationship.CURRENT_PARTNER,
            "pseudonym": "Adult B",
        },
        others=[
            {
                "role": Person.Role.FAMILY,
                "real_name": "Chloë Whitfield",
                "date_of_birth": born(on, 22, 10, 2),
                "gender": "Female",
                "relationship_to_victim": Person.Relationship.RELATIVE,
                "pseudonym": "Adult C",
            },
            {
                "role": Person.Role.FRIEND,
                "real_name": "Rose Amadi",
                "gender": "Female",
                "pseudonym": "Friend D",
            },
        ],
        reasons="Killed by her husband; disclosures to health and a helpline. Criteria met.",
    )


def riverside_review_decided(
    ctx: DemoContext,
    police_reference: str,
    *,
    notified_on: date,
    place_of_death: str,
    circumstances: str,
    victim: dict,
    suspect: dict,
    others: list[dict],
    reasons: str,
) -> Case:
    """A Riverside review notified on `notified_on` (the death two days before), referred,
    decided twelve days after and its letters sent: where every review the demo takes past
    the IMRs starts (imr.demo_drafting takes it on)."""
    case = _notify(
        ctx,
        "RIV",
        police_reference,
        notification={
            "notified_on": notified_on,
            "date_of_death": notified_on - timedelta(days=2),
            "place_of_death": place_of_death,
            "circumstances": circumstances,
        },
        victim={"deceased": True, **victim},
        suspects=[{"charged": True, **suspect}],
        others=others,
    )
    case = _refer(
        ctx,
        case,
        "RIV",
        meets_criteria=StandingPanelRecommendation.Criteria.MET,
        met_on=notified_on + timedelta(days=6),
    )
    decided_on = notified_on + timedelta(days=12)
    case = _decide(
        ctx, case, "RIV", decision=Decision.Outcome.REVIEW, decided_on=decided_on, reasons=reasons
    )
    _letters(ctx, case, "RIV", decided_on + timedelta(days=2), decided_on + timedelta(days=4))
    return case


# The cases app's own builders: (police reference, build), registered by register_demo_cases.
DEMO_CASES = [
    ("DEMO-RIV-1", riverside_just_notified),
    ("DEMO-RIV-2", riverside_decision_overdue),
    ("DEMO-RIV-3", riverside_review_panel_set_up),
    ("DEMO-RIV-4", riverside_not_reviewed),
    ("DEMO-RIV-5", riverside_reopened),
    ("DEMO-NOR-1", northvale_notified),
    ("DEMO-NOR-2", northvale_review),
    ("DEMO-RIV-6", riverside_review_at_drafting),
]


def _once(police_reference: str, build: Callable[[DemoContext], Case]):
    """`build`, run only while no case carries its police reference."""

    def build_once(ctx: DemoContext) -> None:
        if not Case.objects.filter(police_reference=police_reference).exists():
            build(ctx)

    return build_once


def register_demo_cases() -> None:
    """Register a builder per demo case, named by its police reference (CasesConfig.ready)."""
    for police_reference, build in DEMO_CASES:
        register_builder(police_reference, _once(police_reference, build))


# The demo cases the later apps make (reports.demo_reviews), by police reference, so that
# seed_demo lists them with the cases app's own.
_later_cases: list[str] = []


def register_demo_case(
    police_reference: str, build: Callable[[DemoContext], Case], *, after: tuple[str, ...] = ()
) -> None:
    """Have seed_demo make a demo case with `build(ctx)`, after the builders named in
    `after`, while no case carries its police reference; call it from an AppConfig.ready()."""
    register_builder(police_reference, _once(police_reference, build), after=after)
    _later_cases.append(police_reference)


def demo_case_keys() -> list[str]:
    """The police references of every demo case, the cases app's first."""
    return [police_reference for police_reference, _ in DEMO_CASES] + _later_cases


@transaction.atomic
def seed_demo() -> list[DemoPerson]:
    """Refresh the demo partnerships, agencies and accounts, then run every registered
    builder in order."""
    partnerships = {
        code: Partnership.objects.update_or_create(
            code=code, defaults={"name": name, "local_authority_area": area}
        )[0]
        for name, code, area in PARTNERSHIPS
    }
    agencies = {
        name: Agency.objects.update_or_create(name=name, defaults={"kind": kind, "sector": sector})[
            0
        ]
        for name, kind, sector in AGENCIES
    }
    users = {}
    for person in PEOPLE:
        user, _ = User.objects.update_or_create(
            email=person.email,
            defaults={
                "full_name": person.full_name,
                "job_title": person.job_title,
                "partnership": partnerships.get(person.partnership_code),
                "agency": agencies.get(person.agency_name),
                "other_organisation": person.other_organisation,
                "is_staff": person.is_staff,
                "is_superuser": person.is_staff,
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        users[person.email] = user
    for code, email, role in PARTNERSHIP_ROLES:
        services.grant_partnership_role(
            partnership=partnerships[code], user=users[email], role=role, by=None
        )
    ctx = DemoContext(on=today(), partnerships=partnerships, agencies=agencies, users=users)
    for builder in builders_in_order():
        builder.build(ctx)
    return PEOPLE


@dataclass(frozen=True)
class DemoCaseRow:
    reference: str
    stage: str
    visible_to: list[str]


def demo_case_rows() -> list[DemoCaseRow]:
    """The demo cases and the e-mail addresses of everyone who can open each one."""
    keys = demo_case_keys()
    cases = sorted(
        Case.objects.filter(police_reference__in=keys),
        key=lambda case: keys.index(case.police_reference),
    )
    rows = []
    for case in cases:
        emails = (
            CaseUserObjectPermission.objects.filter(
                content_object=case, permission__codename="view_case"
            )
            .order_by("user__email")
            .values_list("user__email", flat=True)
        )
        rows.append(DemoCaseRow(case.reference, case.get_stage_display(), list(emails)))
    return rows
