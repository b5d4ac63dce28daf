"""National-scale volume data for benchmarks: many partnerships, thousands of cases.

Demo mode only (the command refuses otherwise). Unlike cases.demo, this does not go through
cases.services case by case, which would take minutes: it plans every case in memory, then
writes in batches with bulk_create. It writes what the services would have written, so the
service behaves on it as on real data:

- references DHR-<CODE>-<year>-<nnn> numbered per partnership and year in notification
  order, and CaseReferenceCounter moved on, so later notifications continue the numbering;
- due dates from cases.clocks only;
- a CaseMembership per role, and exactly the CaseUserObjectPermission rows that
  cases.roles.permissions_for_roles gives the person's active roles on the case (the
  membership/guardian invariant holds);
- django-simple-history rows for every model that keeps history (bulk_create_with_history,
  dated when the record was made); a Decision row and CaseEvent rows for the notification
  and the decision, and letters linked to their decision.

Running it again adds `cases` more cases, reusing partnerships, agencies and people that are
already there. Every name is invented.
"""

import random
import time
from collections import defaultdict
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
from .roles import CaseRole, permissions_for_roles
from .services import DECISION_TRANSITIONS
from .workflow import TRANSITIONS_BY_NAME, Stage

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
# open and early; a few are closed. Ages keep each stage plausible for its history.
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
REVIEW_STAGES = [
    Stage.PANEL_SET_UP,
    Stage.IMRS,
    Stage.DRAFTING,
    Stage.CSP_SIGN_OFF,
    Stage.HOME_OFFICE_QA,
    Stage.PUBLICATION,
    Stage.MONITORING,
    Stage.CONCLUDED,
]
REPORT_DONE_STAGES = set(REVIEW_STAGES[3:])
OPEN_REVIEW_STAGES = {Stage.PANEL_SET_UP, Stage.IMRS, Stage.DRAFTING}

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


class _Planner:
    """Builds unsaved cases and everything hanging off them, from one seeded generator."""

    def __init__(self, rng: random.Random, on: date):
        self.rng = rng
        self.on = on
        # Each decided case's Decision, by the planned (unsaved, so unhashable) case's id.
        self.decisions: dict[int, Decision] = {}
        stages = list(STAGE_PLAN)
        self.stages = stages
        self.weights = [STAGE_PLAN[stage][0] for stage in stages]

    def days_between(self, start: date, low: int, high: int, latest: date) -> date:
        """A date `low`..`high` days after `start`, never after `latest`."""
        return min(start + timedelta(days=self.rng.randint(low, high)), latest)

    def case(self, partnership: Partnership, chair: User | None) -> Case:
        rng, on = self.rng, self.on
        stage = rng.choices(self.stages, self.weights)[0]
        _, youngest, oldest = STAGE_PLAN[stage]
        oldest = min(oldest, YEARS_BACK * 365 - 5)
        notified_on = on - timedelta(days=rng.randint(youngest, oldest))
        case = Case(
            partnership=partnership,
            stage=stage,
            notified_on=notified_on,
            source=Case.Source.POLICE if rng.random() < 0.85 else Case.Source.REFERRAL,
            police_force="Volume Police Service",
            date_of_death=notified_on - timedelta(days=rng.randint(1, 21)),
            place_of_death=partnership.local_authority_area,
            circumstances=rng.choice(CIRCUMSTANCES),
            suspected_suicide=rng.random() < 0.08,
            decision_due_on=clocks.decision_due(notified_on),
            home_office_letter_due_on=clocks.home_office_letter_due(notified_on),
            family_letter_due_on=clocks.family_letter_due(notified_on),
            created_at=_aware(notified_on),
        )
        case.police_reference = f"VOL/{rng.randint(10000, 99999)}/{notified_on:%y}"
        if stage in (Stage.NOTIFIED, Stage.DECISION):
            return case
        # Decided: usually within the month, sometimes late.
        case.decided_on = self.days_between(notified_on, 7, 45, on)
        decision = Decision(case=case, decided_on=case.decided_on, decided_by=chair)
        self.decisions[id(case)] = decision
        if stage == Stage.NOT_REVIEWED:
            decision.outcome = Decision.Outcome.NO_REVIEW
            decision.reasons = rng.choice(NO_REVIEW_REASONS)
            decision.single_agency_review_suggested = rng.random() < 0.3
        elif stage == Stage.OTHER_REVIEW_LEADS:
            decision.outcome = Decision.Outcome.OTHER_REVIEW
            decision.reasons = "Another statutory review leads; the partnership takes part."
            decision.other_review = rng.choice([Decision.OtherReview.CHILD_SAFEGUARDING, "sar"])
        else:
            decision.outcome = Decision.Outcome.REVIEW
            decision.reasons = "The criteria for a review are met."
            if rng.random() < 0.05:
                decision.outcome = Decision.Outcome.JOINT_REVIEW
                decision.other_review = Decision.OtherReview.SAFEGUARDING_ADULTS
                decision.lead_body = f"{partnership.local_authority_area} Safeguarding Adults Board"
                decision.joint_chair = "The independent chair"
            case.overview_report_due_on = clocks.overview_report_due(case.decided_on)
            if stage in REPORT_DONE_STAGES:
                case.overview_report_completed_on = self.days_between(case.decided_on, 120, 480, on)
        return case

    def people(self, case: Case) -> list[Person]:
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


@transaction.atomic
def seed_volume(cases: int = 10_000, partnerships: int = 300, seed: int = 1) -> dict:
    """Create `partnerships` partnerships (V001...) and `cases` cases spread across them.
    Returns how many rows of each kind it created, and the seconds it took."""
    if cases < 0 or partnerships < 1:
        raise ValueError("Give at least one partnership and a non-negative number of cases.")
    started = time.monotonic()
    rng = random.Random(seed)  # noqa: S311 - invented data, not security
    on = clocks.today()
    counts: dict[str, int] = {}

    # Reference data -------------------------------------------------------------------
    agencies = _ensure_rows(
        Agency,
        "name",
        {name: Agency(name=name, kind=kind, sector=sector) for name, kind, sector in AGENCIES},
        counts,
        "agencies",
    )
    agency_list = list(agencies.values())
    width = max(3, len(str(partnerships)))
    codes = [f"V{i:0{width}d}" for i in range(1, partnerships + 1)]
    places = _place_names(partnerships)
    partnership_by_code = _ensure_rows(
        Partnership,
        "code",
        {
            code: Partnership(
                code=code,
                name=f"{place} Community Safety Partnership ({code})",
                local_authority_area=f"{place} Council",
            )
            for code, place in zip(codes, places, strict=True)
        },
        counts,
        "partnerships",
    )

    # People: per partnership an officer, a chair and two panel members (agency staff);
    # a national pool of independent chairs. All share the demo password, hashed once.
    password = make_password(DEMO_PASSWORD)
    wanted_users = {}

    def want(email, **fields):
        wanted_users[email] = User(email=email, password=password, **fields)

    for code in codes:
        slug, partnership = code.lower(), partnership_by_code[code]
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
                agency=agency_list[(int(code[1:]) + n) % len(agency_list)],
            )
    independent_chairs = max(5, partnerships // 6)
    for n in range(1, independent_chairs + 1):
        want(
            f"independent.chair{n:03d}@{EMAIL_DOMAIN}",
            full_name=f"Independent Chair {n:03d}",
            job_title="Independent chair and author",
            other_organisation="Independent",
        )
    users = _ensure_rows(User, "email", wanted_users, counts, "users")
    chairs_pool = [
        users[f"independent.chair{n:03d}@{EMAIL_DOMAIN}"] for n in range(1, independent_chairs + 1)
    ]

    wanted_roles = []
    for code in codes:
        for role, prefix in (
            (PartnershipRole.Role.OFFICER, "officer"),
            (PartnershipRole.Role.CHAIR, "chair"),
        ):
            wanted_roles.append(
                PartnershipRole(
                    partnership=partnership_by_code[code],
                    user=users[f"{prefix}.{code.lower()}@{EMAIL_DOMAIN}"],
                    role=role,
                )
            )
    existing_roles = set(
        PartnershipRole.objects.filter(partnership__in=partnership_by_code.values()).values_list(
            "partnership_id", "user_id", "role"
        )
    )
    new_roles = [
        r for r in wanted_roles if (r.partnership.pk, r.user.pk, r.role) not in existing_roles
    ]
    counts["partnership_roles"] = len(
        bulk_create_with_history(new_roles, PartnershipRole, batch_size=BATCH_SIZE)
    )
    # Every standing role of these partnerships (including any granted before) joins each
    # new case, as record_notification does.
    standing_roles = defaultdict(list)
    for partnership_role in PartnershipRole.objects.filter(
        partnership__in=partnership_by_code.values()
    ).select_related("user"):
        standing_roles[partnership_role.partnership_id].append(partnership_role)

    # Plan the cases ---------------------------------------------------------------------
    planner = _Planner(rng, on)
    partnership_list = [partnership_by_code[code] for code in codes]
    # Some partnerships are busier than others.
    sizes = [rng.uniform(0.4, 3.0) for _ in partnership_list]
    planned: list[Case] = []
    for partnership in rng.choices(partnership_list, sizes, k=cases):
        chair = users[f"chair.{partnership.code.lower()}@{EMAIL_DOMAIN}"]
        planned.append(planner.case(partnership, chair))

    # References: numbered per partnership and year in notification order, after whatever
    # the counters already hold.
    planned.sort(key=lambda case: (case.partnership.code, case.notified_on))
    officers = {
        partnership.pk: users[f"officer.{partnership.code.lower()}@{EMAIL_DOMAIN}"]
        for partnership in partnership_list
    }
    counters = {
        (counter.partnership_id, counter.year): counter
        for counter in CaseReferenceCounter.objects.select_for_update().filter(
            partnership__in=partnership_list
        )
    }
    new_counters = []
    for case in planned:
        key = (case.partnership.pk, case.notified_on.year)
        counter = counters.get(key)
        if counter is None:
            counter = CaseReferenceCounter(
                partnership=case.partnership, year=case.notified_on.year, last_number=0
            )
            counters[key] = counter
            new_counters.append(counter)
        counter.last_number += 1
        case.reference = (
            f"DHR-{case.partnership.code}-{case.notified_on.year}-{counter.last_number:03d}"
        )
        case._history_user = officers[case.partnership_id]
        case._history_date = case.created_at
    CaseReferenceCounter.objects.bulk_create(new_counters, batch_size=BATCH_SIZE)
    CaseReferenceCounter.objects.bulk_update(
        [c for c in counters.values() if c not in new_counters], ["last_number"], BATCH_SIZE
    )

    case_type = ContentType.objects.get_for_model(Case)
    permission_ids = dict(
        Permission.objects.filter(content_type=case_type).values_list("codename", "id")
    )
    role_permission_ids = [
        (role.value, permission_ids[codename])
        for role in CaseRole
        for codename in sorted(permissions_for_roles([role]))
    ]
    if not default_storage.exists(LETTER_NAME):
        default_storage.save(LETTER_NAME, ContentFile(b"%PDF-1.4\n% volume data letter\n"))

    for label in (
        "cases", "people", "recommendations", "decisions", "letters", "memberships",
        "permissions", "pauses", "extensions", "events",
    ):  # fmt: skip
        counts[label] = 0

    # Write, one batch of cases at a time: plan what hangs off each case (an extension
    # changes the case's due date, so before the case is written), then write it all.
    for chunk in _batched(planned):
        people, recommendations, decisions, letters, memberships = [], [], [], [], []
        pauses, extensions, events = [], [], []
        for case in chunk:
            officer = officers[case.partnership_id]
            people.extend(planner.people(case))
            events.append(
                CaseEvent(
                    case=case,
                    name="case.notification.recorded",
                    description="Notification recorded",
                    actor=officer,
                    at=case.created_at,
                )
            )
            for partnership_role in standing_roles[case.partnership_id]:
                memberships.append(
                    CaseMembership(
                        case=case,
                        user=partnership_role.user,
                        role=partnership_role.role,
                        since=case.created_at,
                    )
                )
            if case.stage == Stage.NOTIFIED:
                continue
            decision = planner.decisions.get(id(case))
            met_latest = case.decided_on or on
            met_on = planner.days_between(case.notified_on, 3, 20, met_latest)
            recommendations.append(
                StandingPanelRecommendation(
                    case=case,
                    meets_criteria=(
                        StandingPanelRecommendation.Criteria.NOT_MET
                        if decision and decision.outcome == Decision.Outcome.NO_REVIEW
                        else StandingPanelRecommendation.Criteria.MET
                    ),
                    met_on=met_on,
                    recorded_by=officer,
                )
            )
            if decision is None:
                continue
            decided_at = _aware(case.decided_on, 15)
            decision.recorded_at = decided_at
            decision._history_date = decided_at
            decision._history_user = decision.decided_by
            decisions.append(decision)
            transition = TRANSITIONS_BY_NAME[DECISION_TRANSITIONS[decision.outcome]]
            events.append(
                CaseEvent(
                    case=case,
                    name=transition.event,
                    description=transition.label,
                    actor=decision.decided_by,
                    at=decided_at,
                )
            )
            # Letters: always once the IMRs have started (the workflow's guard); usually
            # before that.
            for recipient in (CaseLetter.Recipient.HOME_OFFICE, CaseLetter.Recipient.FAMILY):
                if case.stage == Stage.PANEL_SET_UP and rng.random() < 0.2:
                    continue
                letter = CaseLetter(
                    case=case,
                    decision=decision,
                    recipient=recipient,
                    sent_on=planner.days_between(case.decided_on, 0, 35, on),
                    method=CaseLetter.Method.EMAIL,
                    sent_by=officer,
                    copy=LETTER_NAME,
                    copy_name="letter.pdf",
                )
                letter._history_date = decided_at
                letters.append(letter)
            if not decision.holds_a_review:
                continue
            # An independent chair on most reviews; panel members once the IMRs are under way.
            if case.stage != Stage.PANEL_SET_UP or rng.random() < 0.7:
                memberships.append(
                    CaseMembership(
                        case=case,
                        user=rng.choice(chairs_pool),
                        role=CaseRole.INDEPENDENT_CHAIR,
                        granted_by=officer,
                        since=_not_after_now(decided_at + timedelta(days=rng.randint(7, 40))),
                    )
                )
            panel_count = 0 if case.stage == Stage.PANEL_SET_UP else rng.randint(0, 2)
            slug = case.partnership.code.lower()
            for n in rng.sample([1, 2], panel_count):
                memberships.append(
                    CaseMembership(
                        case=case,
                        user=users[f"panel{n}.{slug}@{EMAIL_DOMAIN}"],
                        role=CaseRole.PANEL_MEMBER,
                        granted_by=officer,
                        since=_not_after_now(decided_at + timedelta(days=rng.randint(20, 60))),
                    )
                )
            if case.stage in OPEN_REVIEW_STAGES:
                roll = rng.random()
                if roll < 0.06:
                    starts_on = planner.days_between(case.decided_on, 10, 90, on)
                    pause = Pause(
                        case=case,
                        reason="Criminal trial listed",
                        starts_on=starts_on,
                        expected_end_on=starts_on + timedelta(days=rng.randint(60, 240)),
                        recorded_by=officer,
                    )
                    pause._history_date = _aware(starts_on)
                    pauses.append(pause)
                elif roll < 0.14:
                    new_due_on = clocks.add_calendar_months(
                        case.overview_report_due_on, rng.randint(2, 6)
                    )
                    recorded_at = _not_after_now(decided_at + timedelta(days=150))
                    agreed_on = timezone.localtime(recorded_at).date()
                    # Most were reported to the Home Office within days; some not yet.
                    told_on = planner.days_between(agreed_on, 1, 10, on)
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
                    extensions.append(extension)
                    case.overview_report_due_on = clocks.overview_report_due(
                        case.decided_on, new_due_on
                    )
        for membership in memberships:
            membership._history_date = membership.since
            membership._history_user = membership.granted_by
        for extension in extensions:
            extension._history_date = extension.recorded_at
        for record in (*people, *recommendations, *letters, *pauses, *extensions):
            record._history_user = officers[record.case.partnership_id]
        bulk_create_with_history(chunk, Case, batch_size=BATCH_SIZE)
        bulk_create_with_history(people, Person, batch_size=BATCH_SIZE)
        bulk_create_with_history(
            recommendations, StandingPanelRecommendation, batch_size=BATCH_SIZE
        )
        bulk_create_with_history(decisions, Decision, batch_size=BATCH_SIZE)
        bulk_create_with_history(letters, CaseLetter, batch_size=BATCH_SIZE)
        bulk_create_with_history(memberships, CaseMembership, batch_size=BATCH_SIZE)
        bulk_create_with_history(pauses, Pause, batch_size=BATCH_SIZE)
        bulk_create_with_history(extensions, ReportExtension, batch_size=BATCH_SIZE)
        CaseEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)

        permissions = _grant_permissions([case.pk for case in chunk], role_permission_ids)

        counts["cases"] += len(chunk)
        counts["people"] += len(people)
        counts["recommendations"] += len(recommendations)
        counts["decisions"] += len(decisions)
        counts["letters"] += len(letters)
        counts["memberships"] += len(memberships)
        counts["permissions"] += permissions
        counts["pauses"] += len(pauses)
        counts["extensions"] += len(extensions)
        counts["events"] += len(events)

    counts["seconds"] = round(time.monotonic() - started, 1)
    return counts
