"""Reading the chronologies: one IMR's entries, and the combined chronology of a case with
its disagreements and gaps in contact (DOMAIN.md 2.4 item 4).

The combined chronology reads plain rows (`values()`), not model instances, with the people
of each entry as a list of ids aggregated in the same statement: the page costs the same
few queries for 5 entries or 5,000 (bench/chronology.py), and the CSV export streams the
same rows without holding them.

What "disagree" means here. Two agencies' entries are about the same event when both give
the exact day (a month or an approximate date cannot be matched to a day) and they name at
least one same person from the register. Such entries are shown side by side. They
disagree when the risk each recorded differs: both gave a DASH level and the levels
differ, or one records a MARAC referral or discussion that the other does not. What each
says happened is free text; the side-by-side view is for the panel to compare those."""

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time
from itertools import pairwise

from django.conf import settings
from django.db.models import Aggregate, CharField, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast

from cases.models import Case

from ..models import ChronologyEntry, CombinedChronology, Imr


def entries_of(imr: Imr) -> QuerySet[ChronologyEntry]:
    """One IMR's chronology, in date order, with its people (two queries in all)."""
    return imr.chronology_entries.prefetch_related("people")


class _JoinedIds(Aggregate):
    """Ids joined by commas: STRING_AGG on PostgreSQL, GROUP_CONCAT on SQLite."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


ROW_FIELDS = (
    "id",
    "occurred_on",
    "precision",
    "occurred_at",
    "source_reference",
    "what_happened",
    "dash_level",
    "referred_to_marac",
    "discussed_at_marac",
    "author_comment",
    "agency_id",
    "agency",
    "people_ids",
)


def combined_entries(
    case: Case,
    *,
    agency_id: int | None = None,
    person_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> QuerySet:
    """Every agency's entries from the IMRs before the panel, in date order, as dicts of
    ROW_FIELDS, narrowed by agency, person and period."""
    Link = ChronologyEntry.people.through
    people_ids = (
        Link.objects.filter(chronologyentry_id=OuterRef("pk"))
        .order_by()
        .values("chronologyentry_id")
        .annotate(ids=_JoinedIds(Cast("person_id", CharField())))
        .values("ids")
    )
    entries = ChronologyEntry.objects.filter(
        imr__case=case, imr__status__in=Imr.BEFORE_THE_PANEL
    ).order_by("occurred_on", "occurred_at", "imr__agency__name", "id")
    if agency_id:
        entries = entries.filter(imr__agency_id=agency_id)
    if person_id:
        entries = entries.filter(people=person_id)
    if start:
        entries = entries.filter(occurred_on__gte=start)
    if end:
        entries = entries.filter(occurred_on__lte=end)
    return entries.annotate(people_ids=Subquery(people_ids)).values(
        *ROW_FIELDS[:10], "people_ids", agency_id=F("imr__agency_id"), agency=F("imr__agency__name")
    )


def person_labels(case: Case, *, real_names: bool) -> dict[int, str]:
    """{person id: how the chronology names them}: the real name to those who read the
    people register, otherwise the pseudonym (or the role, before one is agreed)."""
    labels = {}
    for person in case.people.order_by("id"):
        if real_names:
            labels[person.pk] = person.real_name
        else:
            labels[person.pk] = person.pseudonym or person.get_role_display()
    return labels


@dataclass
class Row:
    """One entry of the combined chronology, ready to display or export."""

    id: int
    occurred_on: date
    precision: str
    occurred_at: time | None
    source_reference: str
    what_happened: str
    dash_level: str
    referred_to_marac: bool
    discussed_at_marac: bool
    author_comment: str
    agency_id: int
    agency: str
    people_ids: frozenset[int]
    people: list[str]
    disagrees_with: list[str] = field(default_factory=list)

    @property
    def when(self) -> str:
        month = calendar.month_name[self.occurred_on.month]
        if self.precision == ChronologyEntry.Precision.MONTH:
            return f"{month} {self.occurred_on.year}"
        day = f"{self.occurred_on.day} {month} {self.occurred_on.year}"
        if self.precision == ChronologyEntry.Precision.APPROXIMATE:
            return f"About {day}"
        return f"{day}, {self.occurred_at:%H:%M}" if self.occurred_at else day

    @property
    def risk(self) -> str:
        parts = []
        if self.dash_level:
            parts.append(f"DASH {ChronologyEntry.DashLevel(self.dash_level).label.lower()}")
        if self.referred_to_marac:
            parts.append("referred to MARAC")
        if self.discussed_at_marac:
            parts.append("discussed at MARAC")
        return "; ".join(parts)


def rows_from(values, labels: dict[int, str]):
    """Rows from combined_entries' dicts, lazily (the CSV export streams them)."""
    for value in values:
        ids = frozenset(int(i) for i in (value["people_ids"] or "").split(",") if i)
        yield Row(
            **{
                **value,
                "people_ids": ids,
                "people": sorted(labels.get(i, "") for i in ids),
            }
        )


@dataclass
class SameDay:
    """Entries of different agencies about the same day and people, side by side."""

    day: date
    rows: list[Row]
    disagree: bool


@dataclass
class Gap:
    after: date
    before: date

    @property
    def days(self) -> int:
        return (self.before - self.after).days


def _risk_differs(one: Row, other: Row) -> bool:
    levels_differ = bool(one.dash_level and other.dash_level and one.dash_level != other.dash_level)
    marac_differs = (one.referred_to_marac, one.discussed_at_marac) != (
        other.referred_to_marac,
        other.discussed_at_marac,
    )
    return levels_differ or marac_differs


def same_days(rows: list[Row]) -> list[SameDay]:
    """The groups of entries from two or more agencies with the same exact day and at least
    one same person; each row of a disagreeing group learns whom it disagrees with."""
    by_day_and_person: dict[tuple[date, int], list[Row]] = defaultdict(list)
    for row in rows:
        if row.precision == ChronologyEntry.Precision.EXACT:
            for person_id in row.people_ids:
                by_day_and_person[row.occurred_on, person_id].append(row)
    groups: dict[frozenset[int], SameDay] = {}
    for (day, _), group in sorted(by_day_and_person.items(), key=lambda item: item[0]):
        if len({row.agency_id for row in group}) < 2:
            continue
        key = frozenset(row.id for row in group)
        if key in groups:
            continue
        disagree = False
        for one in group:
            for other in group:
                if one.agency_id < other.agency_id and _risk_differs(one, other):
                    disagree = True
                    for row, them in ((one, other), (other, one)):
                        if them.agency not in row.disagrees_with:
                            row.disagrees_with.append(them.agency)
        groups[key] = SameDay(day=day, rows=group, disagree=disagree)
    return list(groups.values())


def gaps_in_contact(
    case: Case, *, start: date | None = None, end: date | None = None, days: int | None = None
) -> list[Gap]:
    """The periods longer than `days` (DHR_CHRONOLOGY_GAP_DAYS) between one entry and the
    next from any agency before the panel, within the period asked for: whatever agency
    or person the page is narrowed to, a gap is a silence of every agency."""
    days = settings.DHR_CHRONOLOGY_GAP_DAYS if days is None else days
    dates = ChronologyEntry.objects.filter(imr__case=case, imr__status__in=Imr.BEFORE_THE_PANEL)
    if start:
        dates = dates.filter(occurred_on__gte=start)
    if end:
        dates = dates.filter(occurred_on__lte=end)
    dates = list(dates.order_by("occurred_on").values_list("occurred_on", flat=True).distinct())
    return gaps_between(dates, days=days)


def gaps_between(dates: list[date], *, days: int | None = None) -> list[Gap]:
    """The periods longer than `days` (DHR_CHRONOLOGY_GAP_DAYS) between the distinct
    `dates` of contact, in order."""
    days = settings.DHR_CHRONOLOGY_GAP_DAYS if days is None else days
    return [
        Gap(after=after, before=before)
        for after, before in pairwise(dates)
        if (before - after).days > days
    ]


@dataclass
class Timeline:
    rows: list[Row]
    # The rows with the gaps in contact between them, in date order: (row, None) or (None, gap).
    items: list[tuple[Row | None, Gap | None]]
    same_days: list[SameDay]
    gaps: list[Gap]

    @property
    def disagreements(self) -> int:
        return sum(1 for group in self.same_days if group.disagree)


def timeline(rows: list[Row], gaps: list[Gap]) -> Timeline:
    """The combined chronology as the page and the PDF show it, from its rows and gaps."""
    groups = same_days(rows)
    items: list[tuple[Row | None, Gap | None]] = []
    pending = list(gaps)
    for row in rows:
        while pending and pending[0].before <= row.occurred_on:
            items.append((None, pending.pop(0)))
        items.append((row, None))
    items.extend((None, gap) for gap in pending)
    return Timeline(rows=rows, items=items, same_days=groups, gaps=gaps)


def chronology_record(case: Case) -> CombinedChronology | None:
    return (
        CombinedChronology.objects.filter(case=case)
        .select_related("compiled_by", "sent_recorded_by")
        .first()
    )


def chronology_snapshot(imr: Imr) -> list[dict]:
    """The IMR's chronology as plain data, to keep in a signed-off version: what each entry
    said then, whatever changes later (people by their register id and name then)."""
    return [
        {
            "id": entry.pk,
            "occurred_on": entry.occurred_on.isoformat(),
            "precision": entry.precision,
            "occurred_at": entry.occurred_at.strftime("%H:%M") if entry.occurred_at else None,
            "when": entry.when,
            "source_reference": entry.source_reference,
            "what_happened": entry.what_happened,
            "people": [
                {"id": person.pk, "name": person.real_name, "role": person.role}
                for person in entry.people.all()
            ],
            "dash_level": entry.dash_level,
            "referred_to_marac": entry.referred_to_marac,
            "discussed_at_marac": entry.discussed_at_marac,
            "author_comment": entry.author_comment,
        }
        for entry in entries_of(imr)
    ]
