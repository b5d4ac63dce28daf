"""Demo drafts: a review at the drafting stage with its overview report and executive
summary written, as an independent chair writes them, with the real names of the people
register — possessives, hyphenated and accented names, an alias — so the anonymisation and
the leak gate have something real to work on. Made through reports.services.drafting."""

from dataclasses import dataclass
from datetime import date, timedelta

from cases import demo
from cases.demo import Written
from cases.models import Case, Person, User
from cases.roles import CaseRole
from cases.services import add_person

from .demo_action_plan import action_plan
from .models import Document, ReportVersion
from .services import drafting

# People the demo adds to the register: names that naive replacement gets wrong.
REGISTERED = (
    {
        "role": Person.Role.FAMILY,
        "real_name": "Zoë Brontë-Fávero",
        "relationship_to_victim": Person.Relationship.RELATIVE,
        "gender": "Female",
        "pseudonym": "Sister D",
    },
    {
        "role": Person.Role.FRIEND,
        "real_name": "Tomás Okafor-Reyes",
        "aliases": "Tom Reyes, T.O.",
        "relationship_to_victim": Person.Relationship.OTHER,
        "gender": "Male",
        "pseudonym": "Friend E",
    },
    {
        "role": Person.Role.HOUSEHOLD,
        "real_name": "Kieran Doyle",
        "aliases": "Kez",
        "relationship_to_victim": Person.Relationship.HOUSEHOLD,
        "gender": "Male",
        "pseudonym": "Adult F",
    },
)


def _member(case: Case, role: str) -> User | None:
    membership = case.memberships.filter(role=role, ended_at=None).select_related("user").first()
    return membership.user if membership else None


def _registered(case: Case) -> dict[str, Person]:
    """The demo's people in the register, added by the case's officer the first time."""
    officer = _member(case, CaseRole.CSP_OFFICER)
    have = {person.real_name: person for person in case.people.all()}
    for details in REGISTERED:
        if details["real_name"] not in have:
            details = dict(details)
            role = details.pop("role")
            have[details["real_name"]] = add_person(
                case=case, by=officer, role=role, details=details
            )
    return have


@dataclass(frozen=True)
class Cast:
    """The people the report names, as its author writes them: the victim, the
    perpetrator, the relative and the friend who contributed (and what the relative was to
    the victim), and a lodger when there was one; and the day she died."""

    died_on: date
    victim: Written
    suspect: Written
    family: Written
    kin: str
    friend: Written
    lodger: Written | None = None


def _written(case: Case, role: str, fallback: str) -> Written:
    person = case.people.filter(role=role).order_by("pk").first()
    return Written.of(person) if person else Written(*[fallback] * 5)


def _overview(cast: Cast) -> dict:
    victim, suspect, family, friend = cast.victim, cast.suspect, cast.family, cast.friend
    household = f"{suspect.first}"
    if cast.lodger:
        household += f" and a lodger, {cast.lodger.full} ({cast.lodger.known_as})"
    return {
        "introduction": (
            f"This review examines the contact agencies had with {victim.full} and "
            f"{suspect.full} before {victim.first}'s death. {victim.first}'s {cast.kin}, "
            f"{family.full}, and her friend {friend.full} contributed to the review."
        ),
        "family_involvement": (
            f"{family.full} met the chair twice. {family.first}'s account of {victim.first}'s "
            f"last year shaped the terms of reference. {friend.known_as} described the "
            "change in her after the move."
        ),
        "background": (
            f"{victim.first} lived with {household} for the last eighteen months. "
            f"{suspect.first}'s drinking had increased."
        ),
        "chronology": (
            "The combined chronology holds the agencies' contacts in order. The key events "
            "are the three police attendances and the two emergency department visits; the "
            f"last attendance was on {cast.died_on - timedelta(days=45):%-d %B %Y}."
        ),
        "overview": (
            "The police attended four times; PC Callum Price-Jones, who attended the third "
            "call, did not speak to her alone. The hospital saw her twice with injuries she "
            "called accidental; adult social care closed a referral after a telephone call."
        ),
        "analysis": (
            f"No agency asked {victim.first} about coercive control. {friend.surname} told the "
            f"review that {suspect.first} checked her phone and her bank account daily."
        ),
        "conclusions": "The death could not have been predicted, but the risk was missed.",
        "lessons_to_be_learnt": "Ask, and ask alone: routine enquiry must reach the victim.",
    }


def _summary(cast: Cast) -> dict:
    return {
        "review_process": (
            f"The review began after {cast.victim.first}'s death. {cast.family.full} was "
            "offered advocacy and took part."
        ),
        "contributors_and_panel": "Police, the NHS trust, adult social care and Safe Haven.",
        "terms_of_reference": "What agencies knew, and what they could have done.",
        "summary_chronology": "Four police attendances, two hospital visits, one referral.",
        "key_issues": "Coercive control was not recognised; the victim was never seen alone.",
        "conclusions": "The risk was missed by each agency on its own.",
        "lessons_to_be_learnt": "Routine enquiry, and judgement of the pattern of calls.",
    }


def drafted_report(case: Case, chair: User) -> None:
    """On a case at the drafting stage: the register's demo people (a sister, a friend and
    a lodger with hard names), then the report written about them (draft_report)."""
    if ReportVersion.objects.filter(case=case).exists():
        return
    people = _registered(case)
    cast = Cast(
        case.date_of_death,
        _written(case, Person.Role.VICTIM, "the victim"),
        _written(case, Person.Role.SUSPECT, "the perpetrator"),
        Written.of(people["Zoë Brontë-Fávero"]),
        "sister",
        Written.of(people["Tomás Okafor-Reyes"]),
        Written.of(people["Kieran Doyle"]),
    )
    draft_report(case, chair, cast)


def draft_report(case: Case, chair: User, cast: Cast) -> None:
    """Version 1 of both documents naming `cast` as written, a change to the overview
    report's analysis as version 2, and a panel member's comment on it with the chair's
    reply. Once only: nothing if a version exists."""
    if ReportVersion.objects.filter(case=case).exists():
        return
    overview = _overview(cast)
    for document, texts in (
        (Document.OVERVIEW_REPORT, overview),
        (Document.EXECUTIVE_SUMMARY, _summary(cast)),
    ):
        drafting.save_and_make_version(
            case=case, by=chair, document=document, texts=texts, note="First full draft"
        )
    witness = cast.lodger.full if cast.lodger else cast.family.full
    overview["analysis"] += f"\n{witness}'s statement confirms the daily checks."
    version = drafting.save_and_make_version(
        case=case,
        by=chair,
        document=Document.OVERVIEW_REPORT,
        texts=overview,
        note=f"Analysis: the {'lodger' if cast.lodger else cast.kin}'s statement added",
    )
    panel_member = _member(case, CaseRole.PANEL_MEMBER) or chair
    comment = drafting.comment_on(
        version=version,
        by=panel_member,
        section="analysis",
        text="Should the analysis say whether any agency knew of the financial control?",
    )
    drafting.comment_on(
        version=version,
        by=chair,
        section="analysis",
        text="The bank told us it did not; I will say so in the next version.",
        reply_to=comment,
    )


def register() -> None:
    demo.register_builder("reports.drafting", build_demo, after=("imr.review_at_drafting",))


def build_demo(ctx: demo.DemoContext) -> None:
    """The Riverside review the imr demo brought to drafting (DEMO-RIV-6): both documents
    drafted, with versions and a comment thread, the recommendations and action plan, and
    the contributors asked."""
    case = ctx.case("DEMO-RIV-6")
    chair = ctx.users["independent.chair@example.org"]
    drafted_report(case, chair)
    action_plan(case, chair)
