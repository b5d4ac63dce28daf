"""National-scale volume data for benchmarks: many partnerships, thousands of cases.

Demo mode only (the command refuses otherwise). Unlike cases.demo, this does not go through
cases.services case by case, which would take minutes: it plans every case in memory, then
writes in batches with bulk_create. It writes what the services would have written, taking
each rule from the module that owns it, so the service behaves on it as on real data:

- references from cases.services.format_reference, numbered per partnership and year in
  notification order, and CaseReferenceCounter moved on, so later notifications continue
  the numbering;
- due dates from cases.clocks only;
- each case's stage reached along the declared transitions of cases.workflow (route_to),
  with a CaseEvent per transition, by a member whose role holds its permission;
- a CaseMembership per role, and exactly the CaseUserObjectPermission rows that
  cases.roles.permissions_for_roles gives the person's active roles on the case (the
  membership/guardian invariant cases.services.sync_case_permissions keeps);
- django-simple-history rows for every model that keeps history (bulk_create_with_history,
  dated when the record was made); a Decision row, and letters linked to their decision.

seed_volume runs the named steps below in order: ensure_partnerships, ensure_staff,
plan_cases, move_counters, then per batch of cases Planner.records, write_cases,
write_people_register, write_decisions_and_letters, write_memberships_and_permissions,
write_pauses_and_extensions and write_history.

Running it again adds `cases` more cases, reusing partnerships, agencies and people that are
already there. Every name is invented.
"""

import random
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from . import clocks
from .demo import DEMO_PASSWORD
from .models import (
    Agency,
    Case,
    CaseEvent,
    CaseLetter,
    CaseMembership,
    CaseReferenceCounter,
    CaseUserObjectPermission,
    Decision,
    Partnership,
    PartnershipRole,
    Pause,
    Person,
    ReportExtension,
    StandingPanelRecommendation,
    User,
)
from .roles import CaseRole, permissions_for_roles, roles_with_permission
from .services import DECISION_TRANSITIONS, format_reference
from .workflow import (
    REPORT_CLOCK_STAGES,
    TRANSITIONS_BY_NAME,
    Stage,
    Transition,
    transitions_from,
)

BATCH_SIZE = 2_000
YEARS_BACK = 3
EMAIL_DOMAIN = "volume.example"
LETTER_NAME = "letters/volume-data-letter.pdf"

AGENCIES = [
    ("Volume Police Service", Agency.Kind.POLICE, Agency.Sector.STATUTORY),
    ("Volume County Council", Agency.Kind.LOCAL_AUTHORITY, Agency.Sector.STATUTORY),
    ("Volume NHS Trust", Agency.Kind.HEALTH, Agency.Sector.STATUTORY),
    ("Volume Probation Region", Agency.Kind.PROBATION, Agency.Sector.STATUTORY),
    (
        "Volume Domestic Abuse Service",
        Agency.Kind.SPECIALIST_DOMESTIC_ABUSE,
        Agency.Sector.VOLUNTARY,
    ),
    ("Volume Housing Association", Agency.Kind.HOUSING, Agency.Sector.VOLUNTARY),
]

# Stage: (weight, youngest and oldest notification in days before today). Most cases are
# open and early; a few are closed. Ages keep each stage plausible for its history. Each
# case reaches its stage along the workflow's declared transitions (route_to).
STAGE_PLAN = {
    Stage.NOTIFIED: (10, 0, 45),
    Stage.DECISION: (10, 5, 90),
    Stage.PANEL_SET_UP: (16, 30, 270),
    Stage.IMRS: (20, 90, 700),
    Stage.DRAFTING: (18, 180, 1000),
    Stage.CSP_SIGN_OFF: (4, 300, 1090),
    Stage.HOME_OFFICE_QA: (4, 360, 1090),
    Stage.PUBLICATION: (2, 500, 1090),
    Stage.MONITORING: (3, 600, 1090),
    Stage.CONCLUDED: (3, 800, 1090),
    Stage.NOT_REVIEWED: (8, 30, 1090),
    Stage.OTHER_REVIEW_LEADS: (2, 30, 1090),
}

PLACE_STARTS = [
    "Ash", "Bram", "Castle", "Dun", "Elm", "Fair", "Glen", "High", "Kings", "Lang",
    "Mar", "North", "Oak", "Red", "South", "Thorn", "West", "Whit", "Stan", "Hol",
]  # fmt: skip
PLACE_ENDS = [
    "bury", "field", "ford", "ham", "ley", "mouth", "stead", "ton", "wick", "worth",
    "dale", "minster", "by", "combe", "hurst",
]  # fmt: skip
FIRST_NAMES_F = [
    "Amy", "Beth", "Carla", "Dawn", "Eleanor", "Fiona", "Grace", "Hannah", "Irene", "Jade",
    "Kelly", "Leanne", "Maria", "Nicola", "Olga", "Paula", "Rosa", "Sadia", "Tanya", "Yvonne",
]  # fmt: skip
FIRST_NAMES_M = [
    "Adam", "Brian", "Craig", "Darren", "Errol", "Gary", "Imran", "Jason", "Kevin", "Liam",
    "Martin", "Neil", "Owen", "Paul", "Robert", "Stuart", "Tomasz", "Wesley",
]  # fmt: skip
SURNAMES = [
    "Archer", "Bellamy", "Chowdhury", "Dalton", "Evans", "Fenwick", "Garside", "Hollis",
    "Ingram", "Jarvis", "Kowalski", "Lister", "Mahmood", "Nolan", "Okafor", "Pryce",
    "Quinlan", "Rowley", "Stokes", "Thackeray", "Upton", "Varley", "Whitaker", "Yates",
]  # fmt: skip
CIRCUMSTANCES = [
    "The victim was killed at home by her partner after a history of police call-outs.",
    "The victim was killed by her former partner weeks after separating from him.",
    "The victim was killed by her adult son, who lived with her and was known to mental "
    "health services.",
    "The victim took her own life; agencies had recorded concerns about coercive control.",
    "The victim died of injuries inflicted by her husband; friends described economic abuse.",
    "The victim was killed by his partner at the flat they shared.",
    "The victim, an older woman, was killed by her grandson who was her carer.",
    "The victim was killed by her partner, who then took his own life.",
]
# How often each decision is taken, among those whose route reaches the planned stage.
OUTCOME_WEIGHTS = {
    Decision.Outcome.REVIEW: 95,
    Decision.Outcome.JOINT_REVIEW: 5,
    Decision.Outcome.NO_REVIEW: 1,
    Decision.Outcome.OTHER_REVIEW: 1,
}
# Days from one step of the review to the next (after the decision), by transition name.
STEP_DAYS = {
    "start_imrs": (20, 90),
    "start_drafting": (60, 200),
    "submit_for_sign_off": (30, 150),
    "send_to_home_office": (14, 60),
    "clear_for_publication": (30, 120),
    "publish": (14, 90),
    "conclude": (90, 300),
}
DEFAULT_STEP_DAYS = (7, 60)
# The transition that hands the finished overview report in: its date is the report's.
REPORT_SUBMITTED = "submit_for_sign_off"
NO_REVIEW_REASONS = [
    "The victim and the suspect were not related, partners or members of one household.",
    "The death was not the result of violence, abuse or neglect by a person in scope.",
]


def _aware(on: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(on, clock_time(hour, 0)))


def _not_after_now(moment: datetime) -> datetime:
    return min(moment, timezone.now())


def _batched(items, size=BATCH_SIZE):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _place_names(count: int) -> list[str]:
    places = [start + end for start in PLACE_STARTS for end in PLACE_ENDS]
    return [
        places[i % len(places)] + ("" if i < len(places) else f" {i // len(places) + 1}")
        for i in range(count)
    ]


def _ensure_rows(model, key: str, wanted: dict, counts: dict, label: str) -> dict:
    """The objects of `model` keyed by `key`: existing ones fetched, missing ones created
    (with history) from the unsaved instances in `wanted`."""
    existing = {getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": wanted})}
    missing = [obj for value, obj in wanted.items() if value not in existing]
    created = bulk_create_with_history(missing, model, batch_size=BATCH_SIZE)
    counts[label] = len(created)
    existing.update({getattr(obj, key): obj for obj in created})
    return existing


# The workflow's routes ---------------------------------------------------------------------


def _forward_path(start: str, goal: str) -> list[Transition] | None:
    """The shortest run of declared transitions from `start` to `goal` that takes no
    decision and needs no reason (withdrawals, reopenings, returns are not a normal life)."""
    decisions = set(DECISION_TRANSITIONS.values())
    paths = {start: []}
    queue = deque([start])
    while queue:
        stage = queue.popleft()
        if stage == goal:
            return paths[stage]
        for transition in transitions_from(stage):
            if transition.reason_required or transition.name in decisions:
                continue
            if transition.target not in paths:
                paths[transition.target] = [*paths[stage], transition]
                queue.append(transition.target)
    return None


def route_to(stage: str, outcome: str | None) -> tuple[Transition, ...] | None:
    """The declared transitions a new case takes to reach `stage`, deciding `outcome` on
    the way (None: not decided yet), or None when the workflow has no such route. The
    stage a case is written at is always the target of its route's last transition."""
    if outcome is None:
        path = _forward_path(Stage.NOTIFIED, stage)
        return None if path is None else tuple(path)
    decision = TRANSITIONS_BY_NAME[DECISION_TRANSITIONS[outcome]]
    before = _forward_path(Stage.NOTIFIED, decision.source)
    after = _forward_path(decision.target, stage)
    if before is None or after is None:
        return None
    return (*before, decision, *after)


def _routes() -> dict[str, dict[str | None, tuple[Transition, ...]]]:
    """For each planned stage, the route of each outcome (or of no decision) reaching it."""
    routes = {}
    for stage in STAGE_PLAN:
        routes[stage] = {
            outcome: route
            for outcome in (None, *DECISION_TRANSITIONS)
            if (route := route_to(stage, outcome)) is not None
        }
        if not routes[stage]:
            raise ValueError(f"No declared route of the workflow reaches {stage}.")
    return routes


def _actor(transition: Transition, memberships: list[CaseMembership]) -> CaseMembership:
    """The membership that takes `transition`: a member whose role holds its permission,
    the role cases.roles lists first winning (the officer before the chair)."""
    roles = roles_with_permission(transition.permission.removeprefix("cases."))
    able = [membership for membership in memberships if membership.role in roles]
    if not able:
        raise ValueError(f"No member of the planned case may take {transition.name}.")
    return min(able, key=lambda membership: roles.index(membership.role))


# Reference data and staff --------------------------------------------------------------


def ensure_partnerships(partnerships: int, counts: dict) -> tuple[list[Partnership], list]:
    """Write the volume agencies and partnerships V001... that are missing (with history);
    return the partnerships in code order and the agencies."""
    agencies = _ensure_rows(
        Agency,
        "name",
        {name: Agency(name=name, kind=kind, sector=sector) for name, kind, sector in AGENCIES},
        counts,
        "agencies",
    )
    width = max(3, len(str(partnerships)))
    codes = [f"V{i:0{width}d}" for i in range(1, partnerships + 1)]
    by_code = _ensure_rows(
        Partnership,
        "code",
        {
            code: Partnership(
                code=code,
                name=f"{place} Community Safety Partnership ({code})",
                local_authority_area=f"{place} Council",
            )
            for code, place in zip(codes, _place_names(partnerships), strict=True)
        },
        counts,
        "partnerships",
    )
    return [by_code[code] for code in codes], list(agencies.values())


@dataclass
class Staff:
    """The people who work the volume cases, by partnership id."""

    officers: dict[int, User]
    chairs: dict[int, User]
    panel_members: dict[int, list[User]]
    independent_chairs: list[User]
    # Every standing role of the partnership, which joins each of its new cases.
    standing_roles: dict[int, list[PartnershipRole]]


def ensure_staff(partnerships: list[Partnership], agencies: list, counts: dict) -> Staff:
    """Write the missing accounts (per partnership an officer, a chair and two panel
    members from its agencies; a national pool of independent chairs), all with the demo
    password hashed once, and the officer's and chair's partnership roles."""
    password = make_password(DEMO_PASSWORD)
    wanted: dict[str, User] = {}

    def want(email, **fields):
        wanted[email] = User(email=email, password=password, **fields)

    for partnership in partnerships:
        slug = partnership.code.lower()
        place = partnership.local_authority_area.removesuffix(" Council")
        want(
            f"officer.{slug}@{EMAIL_DOMAIN}",
            full_name=f"{place} Officer",
            job_title="DHR coordinator",
            partnership=partnership,
        )
        want(
            f"chair.{slug}@{EMAIL_DOMAIN}",
            full_name=f"{place} Chair",
            job_title="Chair of the partnership",
            partnership=partnership,
        )
        for n in (1, 2):
            want(
                f"panel{n}.{slug}@{EMAIL_DOMAIN}",
                full_name=f"{place} Panel Member {n}",
                job_title="Service manager",
                agency=agencies[(int(partnership.code[1:]) + n) % len(agencies)],
            )
    pool = [
        f"independent.chair{n:03d}@{EMAIL_DOMAIN}"
        for n in range(1, max(5, len(partnerships) // 6) + 1)
    ]
    for n, email in enumerate(pool, start=1):
        want(
            email,
            full_name=f"Independent Chair {n:03d}",
            job_title="Independent chair and author",
            other_organisation="Independent",
        )
    users = _ensure_rows(User, "email", wanted, counts, "users")

    def of(prefix: str, partnership: Partnership) -> User:
        return users[f"{prefix}.{partnership.code.lower()}@{EMAIL_DOMAIN}"]

    wanted_roles = [
        PartnershipRole(partnership=partnership, user=of(prefix, partnership), role=role)
        for partnership in partnerships
        for role, prefix in (
            (PartnershipRole.Role.OFFICER, "officer"),
            (PartnershipRole.Role.CHAIR, "chair"),
        )
    ]
    existing_roles = set(
        PartnershipRole.objects.filter(partnership__in=partnerships).values_list(
            "partnership_id", "user_id", "role"
        )
    )
    new_roles = [
        r for r in wanted_roles if (r.partnership.pk, r.user.pk, r.role) not in existing_roles
    ]
    counts["partnership_roles"] = len(
        bulk_create_with_history(new_roles, PartnershipRole, batch_size=BATCH_SIZE)
    )
    standing_roles = defaultdict(list)
    for partnership_role in PartnershipRole.objects.filter(
        partnership__in=partnerships
    ).select_related("user"):
        standing_roles[partnership_role.partnership_id].append(partnership_role)
    return Staff(
        officers={p.pk: of("officer", p) for p in partnerships},
        chairs={p.pk: of("chair", p) for p in partnerships},
        panel_members={p.pk: [of(f"panel{n}", p) for n in (1, 2)] for p in partnerships},
        independent_chairs=[users[email] for email in pool],
        standing_roles=standing_roles,
    )


# Planning ---------------------------------------------------------------------------------


@dataclass
class PlannedCase:
    case: Case
    route: tuple[Transition, ...]
    decision: Decision | None


@dataclass
class Batch:
    """Everything written for one batch of planned cases."""

    plans: list[PlannedCase]
    people: list[Person] = field(default_factory=list)
    recommendations: list[StandingPanelRecommendation] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    letters: list[CaseLetter] = field(default_factory=list)
    memberships: list[CaseMembership] = field(default_factory=list)
    pauses: list[Pause] = field(default_factory=list)
    extensions: list[ReportExtension] = field(default_factory=list)
    events: list[CaseEvent] = field(default_factory=list)

    @property
    def cases(self) -> list[Case]:
        return [plan.case for plan in self.plans]


class Planner:
    """Builds unsaved cases and everything hanging off them, from one seeded generator."""

    def __init__(self, rng: random.Random, on: date, staff: Staff):
        self.rng = rng
        self.on = on
        self.staff = staff
        self.routes = _routes()
        self.stages = list(STAGE_PLAN)
        self.weights = [STAGE_PLAN[stage][0] for stage in self.stages]

    def days_between(self, start: date, low: int, high: int, latest: date) -> date:
        """A date `low`..`high` days after `start`, never after `latest`."""
        return min(start + timedelta(days=self.rng.randint(low, high)), latest)

    def case(self, partnership: Partnership) -> PlannedCase:
        """A case at a weighted stage, on a route of the workflow that reaches it; decided
        by the partnership's chair when the route takes a decision."""
        rng, on = self.rng, self.on
        stage = rng.choices(self.stages, self.weights)[0]
        outcomes = list(self.routes[stage])
        outcome = rng.choices(outcomes, [OUTCOME_WEIGHTS.get(o, 1) for o in outcomes])[0]
        _, youngest, oldest = STAGE_PLAN[stage]
        oldest = min(oldest, YEARS_BACK * 365 - 5)
        notified_on = on - timedelta(days=rng.randint(youngest, oldest))
        route = self.routes[stage][outcome]
        case = Case(
            partnership=partnership,
            # Where the route ends, which the weighted choice of stage made sure of.
            stage=route[-1].target if route else Stage.NOTIFIED,
            notified_on=notified_on,
            source=Case.Source.POLICE if rng.random() < 0.85 else Case.Source.REFERRAL,
            police_force="Volume Police Service",
            police_reference=f"VOL/{rng.randint(10000, 99999)}/{notified_on:%y}",
            date_of_death=notified_on - timedelta(days=rng.randint(1, 21)),
            place_of_death=partnership.local_authority_area,
            circumstances=rng.choice(CIRCUMSTANCES),
            suspected_suicide=rng.random() < 0.08,
            created_at=_aware(notified_on),
            **clocks.decision_clocks(notified_on),
        )
        plan = PlannedCase(case, route, None)
        if outcome is not None:
            plan.decision = self.decision(case, outcome)
        return plan

    def decision(self, case: Case, outcome: str) -> Decision:
        """The chair's decision, usually within the month, sometimes late; a review starts
        the report's clock (cases.clocks), as record_decision does."""
        rng = self.rng
        case.decided_on = self.days_between(case.notified_on, 7, 45, self.on)
        decision = Decision(
            case=case,
            outcome=outcome,
            decided_on=case.decided_on,
            decided_by=self.staff.chairs[case.partnership.pk],
            recorded_at=_aware(case.decided_on, 15),
        )
        decision._history_date = decision.recorded_at
        decision._history_user = decision.decided_by
        if outcome == Decision.Outcome.NO_REVIEW:
            decision.reasons = rng.choice(NO_REVIEW_REASONS)
            decision.single_agency_review_suggested = rng.random() < 0.3
        elif outcome == Decision.Outcome.OTHER_REVIEW:
            decision.reasons = "Another statutory review leads; the partnership takes part."
            decision.other_review = rng.choice([Decision.OtherReview.CHILD_SAFEGUARDING, "sar"])
        else:
            decision.reasons = "The criteria for a review are met."
            if outcome == Decision.Outcome.JOINT_REVIEW:
                decision.other_review = Decision.OtherReview.SAFEGUARDING_ADULTS
                decision.lead_body = (
                    f"{case.partnership.local_authority_area} Safeguarding Adults Board"
                )
                decision.joint_chair = "The independent chair"
        if decision.holds_a_review:
            case.overview_report_due_on = clocks.overview_report_due(case.decided_on)
        return decision

    def records(self, plans: list[PlannedCase]) -> Batch:
        """Plan what hangs off each case of the batch. An extension changes the case's due
        date, and the report's submission its completion date, so this runs before the
        cases are written."""
        batch = Batch(plans)
        for plan in plans:
            batch.people.extend(self.people(plan.case))
            memberships = self.memberships(plan)
            batch.memberships.extend(memberships)
            batch.events.append(self.notification_event(plan.case))
            if not plan.route:
                continue
            recommendation = self.recommendation(plan)
            batch.recommendations.append(recommendation)
            letters = self.letters(plan) if plan.decision else []
            batch.letters.extend(letters)
            batch.events.extend(self.route_events(plan, memberships, recommendation, letters))
            if plan.decision is None:
                continue
            batch.decisions.append(plan.decision)
            if plan.case.stage in REPORT_CLOCK_STAGES:
                self.pause_or_extension(plan, batch)
        return batch

    def people(self, case: Case) -> list[Person]:
        """The people register: the victim (deceased), a suspect, sometimes a child."""
        rng, on = self.rng, self.on
        victim_female = rng.random() < 0.8
        victim_first = rng.choice(FIRST_NAMES_F if victim_female else FIRST_NAMES_M)
        suspect_first = rng.choice(FIRST_NAMES_M if victim_female else FIRST_NAMES_F)
        surname = rng.choice(SURNAMES)
        relationship = rng.choice(
            [
                Person.Relationship.CURRENT_PARTNER,
                Person.Relationship.CURRENT_PARTNER,
                Person.Relationship.FORMER_PARTNER,
                Person.Relationship.RELATIVE,
            ]
        )
        victim_age = rng.randint(18, 85)
        people = [
            Person(
                case=case,
                role=Person.Role.VICTIM,
                real_name=f"{victim_first} {surname}",
                date_of_birth=on - timedelta(days=victim_age * 365 + rng.randint(0, 364)),
                gender="Female" if victim_female else "Male",
                deceased=True,
                pseudonym="Adult A",
            ),
            Person(
                case=case,
                role=Person.Role.SUSPECT,
                real_name=f"{suspect_first} {rng.choice(SURNAMES)}",
                date_of_birth=on - timedelta(days=rng.randint(18, 80) * 365),
                gender="Male" if victim_female else "Female",
                relationship_to_victim=relationship,
                charged=not case.suspected_suicide,
                pseudonym="Adult B",
            ),
        ]
        if rng.random() < 0.2:
            people.append(
                Person(
                    case=case,
                    role=Person.Role.CHILD,
                    real_name=f"{rng.choice(FIRST_NAMES_F + FIRST_NAMES_M)} {surname}",
                    date_of_birth=on - timedelta(days=rng.randint(1, 15) * 365),
                    relationship_to_victim=Person.Relationship.RELATIVE,
                    pseudonym="Child C",
                )
            )
        for person in people:
            person._history_date = case.created_at
        return people

    def memberships(self, plan: PlannedCase) -> list[CaseMembership]:
        """Every standing role of the partnership from the notification, as
        record_notification adds them; on a review, the people the officer adds."""
        case = plan.case
        memberships = [
            CaseMembership(
                case=case,
                user=partnership_role.user,
                role=partnership_role.role,
                since=case.created_at,
            )
            for partnership_role in self.staff.standing_roles[case.partnership.pk]
        ]
        if plan.decision is not None and plan.decision.holds_a_review:
            memberships.extend(self.review_memberships(case))
        for membership in memberships:
            membership._history_date = membership.since
            membership._history_user = membership.granted_by
        return memberships

    def review_memberships(self, case: Case) -> list[CaseMembership]:
        """An independent chair on most reviews, panel members once the IMRs are under way."""
        rng, memberships = self.rng, []
        officer = self.staff.officers[case.partnership.pk]
        decided_at = _aware(case.decided_on, 15)
        if case.stage != Stage.PANEL_SET_UP or rng.random() < 0.7:
            memberships.append(
                CaseMembership(
                    case=case,
                    user=rng.choice(self.staff.independent_chairs),
                    role=CaseRole.INDEPENDENT_CHAIR,
                    granted_by=officer,
                    since=_not_after_now(decided_at + timedelta(days=rng.randint(7, 40))),
                )
            )
        panel_count = 0 if case.stage == Stage.PANEL_SET_UP else rng.randint(0, 2)
        for user in rng.sample(self.staff.panel_members[case.partnership.pk], panel_count):
            memberships.append(
                CaseMembership(
                    case=case,
                    user=user,
                    role=CaseRole.PANEL_MEMBER,
                    granted_by=officer,
                    since=_not_after_now(decided_at + timedelta(days=rng.randint(20, 60))),
                )
            )
        return memberships

    def recommendation(self, plan: PlannedCase) -> StandingPanelRecommendation:
        """The standing panel's recommendation, which refers the case for a decision."""
        case = plan.case
        met_on = self.days_between(case.notified_on, 3, 20, case.decided_on or self.on)
        not_met = plan.decision and plan.decision.outcome == Decision.Outcome.NO_REVIEW
        return StandingPanelRecommendation(
            case=case,
            meets_criteria=(
                StandingPanelRecommendation.Criteria.NOT_MET
                if not_met
                else StandingPanelRecommendation.Criteria.MET
            ),
            met_on=met_on,
            recorded_by=self.staff.officers[case.partnership.pk],
        )

    def letters(self, plan: PlannedCase) -> list[CaseLetter]:
        """The decision's letters to the Home Office and the family. Always once the IMRs
        have started (the workflow's guard asks for them); usually before that."""
        case, decision = plan.case, plan.decision
        decided_at = _aware(case.decided_on, 15)
        letters = []
        for recipient in (CaseLetter.Recipient.HOME_OFFICE, CaseLetter.Recipient.FAMILY):
            if case.stage == Stage.PANEL_SET_UP and self.rng.random() < 0.2:
                continue
            letter = CaseLetter(
                case=case,
                decision=decision,
                recipient=recipient,
                sent_on=self.days_between(case.decided_on, 0, 35, self.on),
                method=CaseLetter.Method.EMAIL,
                sent_by=self.staff.officers[case.partnership.pk],
                copy=LETTER_NAME,
                copy_name="letter.pdf",
            )
            letter._history_date = decided_at
            letters.append(letter)
        return letters

    def notification_event(self, case: Case) -> CaseEvent:
        return CaseEvent(
            case=case,
            name="case.notification.recorded",
            description="Notification recorded",
            actor=self.staff.officers[case.partnership.pk],
            at=case.created_at,
        )

    def event(
        self, transition: Transition, case: Case, memberships: list, at: datetime
    ) -> CaseEvent:
        """The event perform_transition records for `transition`, by a member who may take
        it, never before they joined the case."""
        actor = _actor(transition, memberships)
        return CaseEvent(
            case=case,
            name=transition.event,
            description=transition.label,
            actor=actor.user,
            at=_not_after_now(max(at, actor.since)),
        )

    def route_events(
        self,
        plan: PlannedCase,
        memberships: list[CaseMembership],
        recommendation: StandingPanelRecommendation,
        letters: list[CaseLetter],
    ) -> list[CaseEvent]:
        """One event per transition of the route: the referral when the standing panel
        met, the decision when it was taken, and each later step some weeks after the one
        before and after the letters. The report's submission dates its completion."""
        case, events = plan.case, []
        decision = plan.decision and DECISION_TRANSITIONS[plan.decision.outcome]
        decided = False
        at = _aware(recommendation.met_on, 12)
        for transition in plan.route:
            if transition.name == decision:
                decided = True
                at = _aware(case.decided_on, 15)
            elif decided:
                last_letter = max((letter.sent_on for letter in letters), default=case.decided_on)
                after = max(timezone.localtime(at).date(), last_letter)
                low, high = STEP_DAYS.get(transition.name, DEFAULT_STEP_DAYS)
                at = _aware(self.days_between(after, low, high, self.on), 11)
            event = self.event(transition, case, memberships, at)
            events.append(event)
            at = event.at
            if transition.name == REPORT_SUBMITTED:
                case.overview_report_completed_on = timezone.localtime(at).date()
        return events

    def pause_or_extension(self, plan: PlannedCase, batch: Batch) -> None:
        """While the report's clock runs, a few reviews are paused for a criminal trial and
        a few have an agreed extension (the case's due date from cases.clocks)."""
        rng, case, decision = self.rng, plan.case, plan.decision
        officer = self.staff.officers[case.partnership.pk]
        roll = rng.random()
        if roll < 0.06:
            starts_on = self.days_between(case.decided_on, 10, 90, self.on)
            pause = Pause(
                case=case,
                reason="Criminal trial listed",
                starts_on=starts_on,
                expected_end_on=starts_on + timedelta(days=rng.randint(60, 240)),
                recorded_by=officer,
            )
            pause._history_date = _aware(starts_on)
            batch.pauses.append(pause)
        elif roll < 0.14:
            new_due_on = clocks.add_calendar_months(case.overview_report_due_on, rng.randint(2, 6))
            recorded_at = _not_after_now(_aware(case.decided_on, 15) + timedelta(days=150))
            agreed_on = timezone.localtime(recorded_at).date()
            # Most were reported to the Home Office within days; some not yet.
            told_on = self.days_between(agreed_on, 1, 10, self.on)
            extension = ReportExtension(
                case=case,
                new_due_on=new_due_on,
                reason="IMRs from two agencies arrived late.",
                agreed_by=decision.decided_by,
                agreed_on=agreed_on,
                home_office_told_on=told_on if rng.random() < 0.8 else None,
                recorded_by=officer,
                recorded_at=recorded_at,
            )
            extension._history_date = recorded_at
            batch.extensions.append(extension)
            case.overview_report_due_on = clocks.overview_report_due(case.decided_on, new_due_on)


def plan_cases(planner: Planner, partnerships: list[Partnership], count: int) -> list:
    """Plan `count` cases spread across the partnerships, some busier than others."""
    sizes = [planner.rng.uniform(0.4, 3.0) for _ in partnerships]
    return [planner.case(p) for p in planner.rng.choices(partnerships, sizes, k=count)]


def move_counters(plans: list[PlannedCase], staff: Staff) -> None:
    """Give each planned case its reference, numbered per partnership and year in
    notification order after what CaseReferenceCounter already holds, formatted by
    cases.services.format_reference; then move the counters on, as _issue_reference does
    one case at a time, so later notifications continue the numbering."""
    plans.sort(key=lambda plan: (plan.case.partnership.code, plan.case.notified_on))
    partnerships = {plan.case.partnership for plan in plans}
    counters = {
        (counter.partnership_id, counter.year): counter
        for counter in CaseReferenceCounter.objects.select_for_update().filter(
            partnership__in=partnerships
        )
    }
    new_counters = []
    for plan in plans:
        case = plan.case
        key = (case.partnership.pk, case.notified_on.year)
        if key not in counters:
            counters[key] = CaseReferenceCounter(
                partnership=case.partnership, year=case.notified_on.year, last_number=0
            )
            new_counters.append(counters[key])
        counter = counters[key]
        counter.last_number += 1
        case.reference = format_reference(case.partnership.code, counter.year, counter.last_number)
        case._history_user = staff.officers[case.partnership.pk]
        case._history_date = case.created_at
    CaseReferenceCounter.objects.bulk_create(new_counters, batch_size=BATCH_SIZE)
    CaseReferenceCounter.objects.bulk_update(
        [c for c in counters.values() if c not in new_counters], ["last_number"], BATCH_SIZE
    )


# Writing ----------------------------------------------------------------------------------


def write_cases(batch: Batch) -> int:
    """The cases, with their history dated at the notification, by the officer."""
    return len(bulk_create_with_history(batch.cases, Case, batch_size=BATCH_SIZE))


def write_people_register(batch: Batch, staff: Staff) -> int:
    """The people register of each case, with history, recorded by its officer."""
    for person in batch.people:
        person._history_user = staff.officers[person.case.partnership.pk]
    return len(bulk_create_with_history(batch.people, Person, batch_size=BATCH_SIZE))


def write_decisions_and_letters(batch: Batch, staff: Staff) -> dict[str, int]:
    """The standing panel's recommendations, the decisions (one in force per decided case,
    whose date the case carries) and each decision's own letters, with history."""
    for record in (*batch.recommendations, *batch.letters):
        record._history_user = staff.officers[record.case.partnership.pk]
    return {
        "recommendations": len(
            bulk_create_with_history(
                batch.recommendations, StandingPanelRecommendation, batch_size=BATCH_SIZE
            )
        ),
        "decisions": len(bulk_create_with_history(batch.decisions, Decision, BATCH_SIZE)),
        "letters": len(bulk_create_with_history(batch.letters, CaseLetter, BATCH_SIZE)),
    }


def write_memberships_and_permissions(batch: Batch, role_permission_ids: list) -> dict:
    """The memberships, with history, then the guardian rows their active roles grant:
    exactly what cases.services.sync_case_permissions would hold for each member."""
    memberships = bulk_create_with_history(batch.memberships, CaseMembership, BATCH_SIZE)
    return {
        "memberships": len(memberships),
        "permissions": _grant_permissions([case.pk for case in batch.cases], role_permission_ids),
    }


def write_pauses_and_extensions(batch: Batch, staff: Staff) -> dict[str, int]:
    """Pauses and agreed extensions of the report's deadline, with history."""
    for record in (*batch.pauses, *batch.extensions):
        record._history_user = staff.officers[record.case.partnership.pk]
    return {
        "pauses": len(bulk_create_with_history(batch.pauses, Pause, BATCH_SIZE)),
        "extensions": len(bulk_create_with_history(batch.extensions, ReportExtension, BATCH_SIZE)),
    }


def write_history(batch: Batch) -> int:
    """The case's named events, which the audit trail reads: the notification, then one
    per declared transition of the case's route, as perform_transition records them."""
    return len(CaseEvent.objects.bulk_create(batch.events, batch_size=BATCH_SIZE))


def _role_permission_ids() -> list[tuple[str, int]]:
    """(role, permission id) for every permission cases.roles gives each role."""
    case_type = ContentType.objects.get_for_model(Case)
    permission_ids = dict(
        Permission.objects.filter(content_type=case_type).values_list("codename", "id")
    )
    return [
        (role.value, permission_ids[codename])
        for role in CaseRole
        for codename in sorted(permissions_for_roles([role]))
    ]


def _grant_permissions(case_ids: list[int], role_permission_ids: list[tuple[str, int]]) -> int:
    """Write the guardian rows for the active memberships of these cases, in the database.

    permissions_for_roles(roles) is the union of each role's permissions, so the distinct
    (case, user, permission) triples of "membership joined to its role's permissions" are
    exactly the rows cases.services.sync_case_permissions would hold. One INSERT ... SELECT
    instead of building a quarter of a million model instances.
    """
    if not case_ids:
        return 0
    permission_table = CaseUserObjectPermission._meta.db_table
    membership_table = CaseMembership._meta.db_table
    role_rows = ", ".join(["(%s, %s)"] * len(role_permission_ids))
    case_marks = ", ".join(["%s"] * len(case_ids))
    # A CTE for the role table: SQLite does not accept column aliases on a VALUES subquery.
    sql = (
        f"INSERT INTO {permission_table} (user_id, permission_id, content_object_id) "  # noqa: S608
        f"WITH rp(role, permission_id) AS (VALUES {role_rows}) "
        f"SELECT DISTINCT m.user_id, rp.permission_id, m.case_id FROM {membership_table} m "
        f"JOIN rp ON rp.role = m.role "
        f"WHERE m.ended_at IS NULL AND m.case_id IN ({case_marks})"
    )
    params = [value for pair in role_permission_ids for value in pair] + list(case_ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


COUNTED = (
    "cases", "people", "recommendations", "decisions", "letters", "memberships",
    "permissions", "pauses", "extensions", "events",
)  # fmt: skip


@transaction.atomic
def seed_volume(cases: int = 10_000, partnerships: int = 300, seed: int = 1) -> dict:
    """Create `partnerships` partnerships (V001...) and `cases` cases spread across them.
    Returns how many rows of each kind it created, and the seconds it took."""
    if cases < 0 or partnerships < 1:
        raise ValueError("Give at least one partnership and a non-negative number of cases.")
    started = time.monotonic()
    rng = random.Random(seed)  # noqa: S311 - invented data, not security
    counts: dict[str, int] = {}
    partnership_list, agencies = ensure_partnerships(partnerships, counts)
    staff = ensure_staff(partnership_list, agencies, counts)
    planner = Planner(rng, clocks.today(), staff)
    plans = plan_cases(planner, partnership_list, cases)
    move_counters(plans, staff)
    role_permission_ids = _role_permission_ids()
    if not default_storage.exists(LETTER_NAME):
        default_storage.save(LETTER_NAME, ContentFile(b"%PDF-1.4\n% volume data letter\n"))

    counts.update(dict.fromkeys(COUNTED, 0))
    for chunk in _batched(plans):
        batch = planner.records(chunk)
        written = {
            "cases": write_cases(batch),
            "people": write_people_register(batch, staff),
            **write_decisions_and_letters(batch, staff),
            **write_memberships_and_permissions(batch, role_permission_ids),
            **write_pauses_and_extensions(batch, staff),
            "events": write_history(batch),
        }
        for label, count in written.items():
            counts[label] += count
    counts["seconds"] = round(time.monotonic() - started, 1)
    return counts
