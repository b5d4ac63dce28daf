"""Reading cases for pages: the dashboard, the case file, its timeline and audit trail."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from datetime import date

from django.core.exceptions import ImproperlyConfigured
from django.db.models import (
    BooleanField,
    Count,
    Expression,
    ExpressionWrapper,
    F,
    Field,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models import Case as SqlCase
from django.db.models.functions import Coalesce, Lag, Least, NullIf

from . import clocks, rules
from .access import case_permissions_by_case, cases_visible_to, holds
from .models import (
    AccessLogEntry,
    Case,
    CaseLetter,
    CaseMembership,
    Decision,
    FamilyLetterNotSent,
    Message,
    Partnership,
    Pause,
    Person,
    Reopening,
    ReportExtension,
    StandingPanelRecommendation,
    Transfer,
    User,
    paused_on,
)
from .roles import roles_with_permission
from .workflow import CLOSED_STAGES, REVIEW_STAGES, TRANSITIONS, Stage


@dataclass(frozen=True)
class CaseRow:
    case: Case
    clocks: list[clocks.Clock]

    @property
    def next_deadline(self) -> clocks.Clock | None:
        return clocks.next_deadline(self.clocks)

    @property
    def letters_to_send(self) -> list[str]:
        """Case.letters_still_to_send, read from the row's annotations instead of a query."""
        if not self.case.decided_on:
            return []
        sent_on = {
            CaseLetter.Recipient.HOME_OFFICE: self.case.home_office_letter_sent_on,
            # A reason recorded instead of the family letter settles it (FamilyLetterNotSent).
            CaseLetter.Recipient.FAMILY: self.case.family_letter_sent_on
            or self.case.family_letter_not_sent_on,
        }
        return [recipient for recipient, sent in sent_on.items() if sent is None]


def _with_clock_inputs(cases: QuerySet[Case], *, on: date) -> QuerySet[Case]:
    def sent_on(recipient: str) -> Subquery:
        return Subquery(CaseLetter.for_current_decision(recipient).values("sent_on")[:1])

    return cases.annotate(
        home_office_letter_sent_on=sent_on(CaseLetter.Recipient.HOME_OFFICE),
        family_letter_sent_on=sent_on(CaseLetter.Recipient.FAMILY),
        family_letter_not_sent_on=Subquery(
            FamilyLetterNotSent.for_current_decision().values("recorded_on")[:1]
        ),
        is_paused=paused_on(on),
    )


def _running_due_dates() -> list[When]:
    """Each clock's due date while it runs, else NULL: the clocks module's open clocks (due
    and not met), in SQL. A withdrawn case owes nothing, and a pause stops the review's own
    clock (the overview report), never the decision and its letters (DESIGN §3)."""
    kept = ~Q(stage=Stage.WITHDRAWN)
    return [
        When(kept & Q(decided_on__isnull=True), then=F("decision_due_on")),
        When(
            kept & Q(home_office_letter_sent_on__isnull=True), then=F("home_office_letter_due_on")
        ),
        When(
            kept & Q(family_letter_sent_on__isnull=True, family_letter_not_sent_on__isnull=True),
            then=F("family_letter_due_on"),
        ),
        When(
            kept & Q(overview_report_completed_on__isnull=True, is_paused=False),
            then=F("overview_report_due_on"),
        ),
    ]


def _with_next_due_on(cases: QuerySet[Case]) -> QuerySet[Case]:
    """`next_due_on`: the earliest deadline still running (NULL when none runs), on a
    queryset with the clock inputs. A far-off date stands in for "no clock" inside LEAST,
    which returns NULL on SQLite when any argument is NULL."""
    no_clock = Value(date.max)
    earliest = Least(*(Coalesce(SqlCase(when), no_clock) for when in _running_due_dates()))
    return cases.annotate(next_due_on=NullIf(earliest, no_clock))


def _dashboard_queryset(user, *, on: date) -> QuerySet[Case]:
    """The user's cases, most urgent first: overdue (most overdue first), due soon, on
    track, then open cases with no deadline running, and closed cases last; ties by due
    date, then reference. Overdue, due soon and on track are bands of one line of dates, so
    ordering by the next due date puts them in that order. Ordered in SQL so that every
    page of 50 follows on from the one before."""
    victims = Person.objects.filter(case=OuterRef("pk"), role=Person.Role.VICTIM).order_by("pk")
    closed = ExpressionWrapper(Q(stage__in=CLOSED_STAGES), output_field=BooleanField())
    return (
        _with_next_due_on(_with_clock_inputs(cases_visible_to(user), on=on))
        .annotate(victim_pseudonym=Subquery(victims.values("pseudonym")[:1]))
        .select_related("partnership")
        .order_by(F("next_due_on").asc(nulls_last=True), closed.asc(), "reference")
    )


def dashboard_cases(user, *, stage: str = "", overdue: bool = False, on: date) -> QuerySet[Case]:
    cases = _dashboard_queryset(user, on=on)
    if stage:
        cases = cases.filter(stage=stage)
    if overdue:
        cases = cases.filter(next_due_on__lt=on)
    return cases


@dataclass(frozen=True)
class WaitingStep:
    row: CaseRow
    step: rules.Step


# The "waiting for you" list shows the most urgent steps; the table below lists every case.
WAITING_LIMIT = 25


def steps_waiting_for(user, *, on: date) -> tuple[list[WaitingStep], bool]:
    """The steps that wait for `user` across all their cases (rules.next_steps), most
    urgent case first, up to WAITING_LIMIT cases; and whether more cases wait."""
    cases = list(
        _dashboard_queryset(user, on=on).filter(rules.steps_waiting_filter(user))[
            : WAITING_LIMIT + 1
        ]
    )
    more = len(cases) > WAITING_LIMIT
    cases = cases[:WAITING_LIMIT]
    permissions = case_permissions_by_case(user, cases)
    return [
        WaitingStep(row, step)
        for row in case_rows(cases, on=on)
        for step in rules.next_steps(
            row.case, permissions=permissions[row.case.pk], letters_to_send=row.letters_to_send
        )
    ], more


def case_rows(cases, *, on: date) -> list[CaseRow]:
    return [
        CaseRow(
            case,
            # A withdrawn case was recorded in error: no deadline runs on it.
            []
            if case.stage == Stage.WITHDRAWN
            else clocks.case_clocks(
                case,
                home_office_letter_sent_on=case.home_office_letter_sent_on,
                family_letter_sent_on=case.family_letter_sent_on,
                family_letter_not_sent_on=case.family_letter_not_sent_on,
                paused=case.is_paused,
                on=on,
            ),
        )
        for case in cases
    ]


# What later apps' task rows and clocks read of their own records, as annotations of the
# case page's one statement about the case (scalar subqueries, EXISTS, counts over the case's
# rows): each function takes the day and returns {name: expression}, names prefixed with the
# app's label. A row or clock function then reads those attributes from the case it is given
# instead of querying, so the page costs the same statements however many apps add rows.
CaseReads = Callable[[date], dict[str, Expression]]
ADDED_CASE_READS: list[CaseReads] = []


# Clocks of later apps that the case page shows beside the case's own (the panels app's
# terms of reference target, say), from their AppConfig.ready(): each function takes the
# case (read through case_file_cases) and the day, and returns its clocks. The dashboard's
# lists show the case's own only.
AddedClocks = Callable[[Case, date], list[clocks.Clock]]
ADDED_CLOCKS: list[AddedClocks] = []


def add_clocks(case_clocks: AddedClocks, *, reads: CaseReads | None = None) -> None:
    ADDED_CLOCKS.append(case_clocks)
    if reads is not None:
        ADDED_CASE_READS.append(reads)


def case_file_cases(*, on: date) -> QuerySet[Case]:
    """Cases read for the case page, in one statement with what it shows of them: the
    clock inputs, the referring agency, the standing panel's recommendation, a transfer
    either way (get_case_for(cases=...)) and what later apps' rows and clocks read."""
    added: dict[str, Expression] = {}
    for reads in ADDED_CASE_READS:
        for name, expression in reads(on).items():
            if name in added:
                raise ImproperlyConfigured(f"Two case reads are both named {name!r}.")
            added[name] = expression
    return (
        _with_clock_inputs(Case.objects.all(), on=on)
        .select_related(
            "partnership",
            "referring_agency",
            "recommendation",
            "transfer__to_partnership",
            "transfer__new_case",
            "transfer__transferred_by",
            "transferred_from__case__partnership",
        )
        .annotate(**added)
    )


def case_row(case: Case, *, on: date) -> CaseRow:
    """The clocks of a case read through case_file_cases, its own and those later apps add."""
    row = case_rows([case], on=on)[0]
    added = [clock for case_clocks in ADDED_CLOCKS for clock in case_clocks(case, on)]
    return CaseRow(row.case, [*row.clocks, *added])


def case_file(case: Case, *, on: date) -> CaseRow:
    return case_row(case_file_cases(on=on).get(pk=case.pk), on=on)


def report_deadline_to_agree_again(case: Case, *, resumed_on: date) -> bool:
    """Whether the overview report's due date passed before the review resumed (during the
    pause or before it): the date must then be agreed again and recorded as an extension."""
    return (
        case.overview_report_due_on is not None
        and case.overview_report_completed_on is None
        and case.overview_report_due_on <= resumed_on
    )


@dataclass(frozen=True)
class Task:
    stage: Stage
    status: str  # "done", "in progress", "not started", "cannot start yet", "optional"
    starts_with: str = ""  # for a stage not reached: the step that starts it, and who takes it
    name: str = ""  # a row a later app adds within a stage; empty for the stage's own row
    url: str = ""  # where a person does the row's work, for a row a later app adds
    permission: str = ""  # the case permission `url` needs; without it the row has no link

    @property
    def label(self) -> str:
        return self.name or self.stage.label


# Rows that later apps add to the task list, from their AppConfig.ready(): each function
# takes the case (read through case_file_cases, with the annotations its `reads` declared)
# and returns the rows to show under their stage (the panels app's "Terms of reference
# agreed" under Panel set-up, say), without a query of its own.
TaskRows = Callable[[Case], list[Task]]
ADDED_TASK_ROWS: list[TaskRows] = []


def add_task_rows(rows: TaskRows, *, reads: CaseReads | None = None) -> None:
    ADDED_TASK_ROWS.append(rows)
    if reads is not None:
        ADDED_CASE_READS.append(reads)


# What someone who works on one part of a review (an agency's staff) sees of it on the case
# page instead of the case file: each later app adds its part, as HTML for `user` ("" when
# it has nothing for them), so the core's page names no later app.
LimitedCasePart = Callable[[Case, User], str]
ADDED_LIMITED_CASE_PARTS: list[LimitedCasePart] = []


def add_limited_case_part(part: LimitedCasePart) -> None:
    ADDED_LIMITED_CASE_PARTS.append(part)


def limited_case_parts(case: Case, user: User) -> list[str]:
    return [html for part in ADDED_LIMITED_CASE_PARTS if (html := part(case, user))]


def task_list(case: Case, permissions: frozenset[str] | None = None) -> list[Task]:
    """The lifecycle as a GOV.UK task list, each stage followed by the rows later apps add
    under it. A closed outcome ends the list at the decision (or, for a withdrawn or
    transferred case, at the notification). Given the reader's `permissions`, an added row
    whose page they may not open shows no link to it."""
    if case.stage in (Stage.NOT_REVIEWED, Stage.OTHER_REVIEW_LEADS):
        return [Task(Stage.NOTIFIED, "done"), Task(Stage.DECISION, "done")]
    if case.stage in (Stage.WITHDRAWN, Stage.TRANSFERRED):
        return [Task(Stage.NOTIFIED, "done")]
    current = REVIEW_STAGES.index(Stage(case.stage))
    stages = [
        Task(stage, "done")
        if index < current or case.stage == Stage.CONCLUDED
        else Task(stage, "in progress")
        if index == current
        else Task(stage, "cannot start yet", _starts_with(stage))
        for index, stage in enumerate(REVIEW_STAGES)
    ]
    added = [
        row
        if permissions is None or not row.permission or row.permission in permissions
        else replace(row, url="")
        for rows in ADDED_TASK_ROWS
        for row in rows(case)
    ]
    return [row for task in stages for row in (task, *(r for r in added if r.stage == task.stage))]


def _starts_with(stage: Stage) -> str:
    transition = next(t for t in TRANSITIONS if t.target == stage and t.source in REVIEW_STAGES)
    who = roles_with_permission(transition.permission.removeprefix("cases."))
    return f"Starts with “{transition.label}” ({', '.join(str(r.label) for r in who)})."


def decisions(case: Case) -> list[Decision]:
    """The case's decisions, newest first (the current one, if any, is the newest), each
    with its letters, the reason recorded instead of the family's letter, and the
    Home Office's letter or direction that superseded it."""
    return list(
        case.decisions.select_related(
            "decided_by", "superseded_by", "family_letter_not_sent__recorded_by"
        )
        .prefetch_related(
            Prefetch(
                "letters", CaseLetter.objects.select_related("sent_by").order_by("sent_on", "id")
            )
        )
        .order_by("-recorded_at", "-id")
    )


def people_register(case: Case) -> QuerySet[Person]:
    return case.people.order_by("id")


def timeline(case: Case):
    return case.events.select_related("actor")


def memberships(case: Case) -> QuerySet[CaseMembership]:
    return case.memberships.select_related("user", "agency", "granted_by").order_by(
        "ended_at", "role", "since"
    )


def access_log(case: Case) -> QuerySet[AccessLogEntry]:
    return case.access_log.select_related("user")


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class RawChange:
    """A changed field and its stored values, before they are put into words."""

    field: Field
    old: object
    new: object


@dataclass(frozen=True)
class AuditEntry:
    when: object
    who: object
    what: str
    action: str
    raw_changes: list[RawChange]
    # Filled by with_change_labels, for the entries on the page shown.
    changes: list[FieldChange] = dataclass_field(default_factory=list)


def _related_values(field: Field, value) -> list:
    """The keys of the records a relation's value points to: one for a foreign key; for a
    many-to-many field, whose history keeps the rows of its through table, one a row."""
    if value in (None, ""):
        return []
    if field.many_to_many:
        return [row[field.m2m_reverse_field_name()] for row in value]
    return [value]


def _display(field: Field, value, labels: dict) -> str:
    if value in (None, "", []):
        return "–"
    if field.many_to_many:
        return ", ".join(
            str(labels.get((field.related_model, "pk", key), key))
            for key in _related_values(field, value)
        )
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        related = labels.get((field.related_model, field.target_field.attname, value))
        return str(related) if related else str(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def with_change_labels(entries: list[AuditEntry]) -> list[AuditEntry]:
    """The entries with their changes put into words. A changed foreign key is labelled by
    the record it points to: those records are read in one query per related model, and
    only for the entries given (the page shown), so a page costs the same whatever the
    length of the history (issue 13 item 1)."""
    wanted: dict[tuple[type, str], set] = defaultdict(set)
    for entry in entries:
        for change in entry.raw_changes:
            field = change.field
            if field.is_relation:
                key = (
                    field.related_model,
                    "pk" if field.many_to_many else field.target_field.attname,
                )
                for value in (change.old, change.new):
                    wanted[key].update(_related_values(field, value))
    labels = {
        (model, field_name, value): record
        for (model, field_name), values in wanted.items()
        for value, record in model._default_manager.in_bulk(values, field_name=field_name).items()
    }
    return [
        replace(
            entry,
            changes=[
                FieldChange(
                    str(change.field.verbose_name).capitalize(),
                    _display(change.field, change.old, labels),
                    _display(change.field, change.new, labels),
                )
                for change in entry.raw_changes
            ],
        )
        for entry in entries
    ]


def _entry(record, previous, label) -> AuditEntry:
    """One historical record as a diff against the one before it for the same object."""
    changes = []
    if previous is not None and record.history_type == "~":
        fields = record.instance_type._meta
        changes = [
            RawChange(fields.get_field(change.field), change.old, change.new)
            for change in record.diff_against(previous).changes
        ]
    action = {"+": "Created", "~": "Changed", "-": "Deleted"}[record.history_type]
    return AuditEntry(record.history_date, record.history_user, label(record), action, changes)


# Records of later apps whose history joins the case's audit trail, from their
# AppConfig.ready(): each function takes the case and returns (history queryset, label of a
# historical record).
AuditSource = Callable[[Case], tuple[QuerySet, Callable]]
ADDED_AUDIT_SOURCES: list[AuditSource] = []


def add_audit_source(source: AuditSource) -> None:
    ADDED_AUDIT_SOURCES.append(source)


def _audit_sources(case: Case) -> list[tuple[QuerySet, Callable]]:
    return [
        (Case.history.filter(id=case.pk), lambda r: "Case file"),
        (Person.history.filter(case_id=case.pk), lambda r: f"Person: {r.get_role_display()}"),
        (
            StandingPanelRecommendation.history.filter(case_id=case.pk),
            lambda r: "Standing panel recommendation",
        ),
        (Decision.history.filter(case_id=case.pk), lambda r: "Decision"),
        (
            Reopening.history.filter(case_id=case.pk),
            lambda r: "Home Office letter or direction",
        ),
        (
            Transfer.history.filter(Q(case_id=case.pk) | Q(new_case_id=case.pk)),
            lambda r: "Transfer to the lead partnership",
        ),
        (
            CaseLetter.history.filter(case_id=case.pk),
            lambda r: f"Letter to the {r.get_recipient_display()}",
        ),
        (
            FamilyLetterNotSent.history.filter(case_id=case.pk),
            lambda r: "No letter to the family",
        ),
        (ReportExtension.history.filter(case_id=case.pk), lambda r: "Overview report extension"),
        (Pause.history.filter(case_id=case.pk), lambda r: "Pause"),
        (
            CaseMembership.history.filter(case_id=case.pk),
            lambda r: f"Membership: {r.get_role_display()}",
        ),
        *(source(case) for source in ADDED_AUDIT_SOURCES),
    ]


class AuditTrail:
    """Every recorded change to the case and the records that hang from it, newest first,
    as diffs (who, when, old → new), read a page at a time: put a page into words with
    with_change_labels.

    One UNION ALL over every source's history table finds the page's records, each with the
    key of the record before it for the same object (LAG); then each source that has a
    record on the page reads those records and the ones before them. The cost of a page
    does not grow with the length of the history, nor does the memory it takes."""

    def __init__(self, case: Case):
        self.sources = _audit_sources(case)
        self.index = self._index()

    def _index(self) -> QuerySet:
        keyed = [
            # Unordered: SQLite allows no ORDER BY inside a compound statement.
            records.order_by()
            .annotate(
                audit_source=Value(number, output_field=IntegerField()),
                audit_previous=Window(
                    Lag("history_id"),
                    partition_by=[F("id")],
                    order_by=[F("history_date").asc(), F("history_id").asc()],
                ),
            )
            .values_list("audit_source", "history_id", "audit_previous", "history_date")
            for number, (records, _) in enumerate(self.sources)
        ]
        first, *rest = keyed
        return first.union(*rest, all=True).order_by(
            "-history_date", "-audit_source", "-history_id"
        )

    def count(self) -> int:
        return self.index.count()

    def __len__(self) -> int:
        return self.count()

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, page: slice) -> list[AuditEntry]:
        rows = list(self.index[page])
        wanted = defaultdict(set)
        for source, history_id, previous, _ in rows:
            wanted[source].update(key for key in (history_id, previous) if key is not None)
        records = {
            (source, record.history_id): record
            for source, keys in wanted.items()
            for record in self.sources[source][0]
            .filter(history_id__in=keys)
            .select_related("history_user")
        }
        return [
            _entry(
                records[source, history_id],
                records.get((source, previous)),
                self.sources[source][1],
            )
            for source, history_id, previous, _ in rows
        ]


def audit_trail(case: Case) -> AuditTrail:
    return AuditTrail(case)


def _readable(messages: QuerySet[Message]) -> QuerySet[Message]:
    """The messages whose reader may still see their case (a message names its case's
    reference, which a person whose access ended must no longer read)."""
    return messages.filter(holds(OuterRef("user_id"), "cases.view_case", case=OuterRef("case_id")))


def inbox_of(user) -> QuerySet[Message]:
    return _readable(Message.objects.filter(user=user)).select_related("case")


def unread_message_count_of_each_user() -> Coalesce:
    """The unread count of inbox_of, as an annotation on users: the page header shows it
    on every page, so the signed-in user is loaded with it in one statement (dhr.auth)."""
    unread = (
        _readable(Message.objects.filter(user=OuterRef("pk"), read_at__isnull=True))
        .order_by()
        .values("user")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(unread), 0)


def unread_message_count(user) -> int:
    return inbox_of(user).filter(read_at__isnull=True).count()


def possible_duplicates(
    *, partnership: Partnership, police_reference: str, victim_name: str, date_of_death: date
) -> list[Case]:
    """The partnership's open or decided cases that may record the same death: the same
    police reference, or a victim of the same name who died on the same date."""
    same_death = Q(
        people__role=Person.Role.VICTIM,
        people__real_name__iexact=victim_name.strip(),
        date_of_death=date_of_death,
    )
    if police_reference.strip():
        same_death |= Q(police_reference__iexact=police_reference.strip())
    return list(
        Case.objects.filter(same_death, partnership=partnership)
        .exclude(stage=Stage.WITHDRAWN)
        .distinct()
        .order_by("reference")
    )
