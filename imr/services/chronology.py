"""Writing an IMR's chronology, and compiling and sending the combined chronology
(DOMAIN.md 2.4 item 4)."""

from collections.abc import Iterable
from datetime import date, time

from django.db import transaction
from django.utils import timezone

from cases.clocks import today
from cases.models import Case, Person, User
from cases.services import CaseActionRefused, lock_case_for, record_event
from cases.workflow import Stage

from ..access import Need, may
from ..models import ChronologyEntry, CombinedChronology, Imr

ENTRY_FIELDS = (
    "occurred_on",
    "precision",
    "occurred_at",
    "source_reference",
    "what_happened",
    "dash_level",
    "referred_to_marac",
    "discussed_at_marac",
    "author_comment",
)


def _imr_to_write(imr: Imr, by: User) -> Imr:
    """`imr`, locked with its case, if `by` may write it now; otherwise a refusal."""
    lock_case_for(imr.case, by=by, permission="write_imr", refusal="You may not write this IMR.")
    imr = Imr.objects.select_for_update().select_related("case", "agency").get(pk=imr.pk)
    if not may(by, imr, Need.WRITE):
        raise CaseActionRefused("You may not write this IMR.")
    if not imr.is_editable:
        raise CaseActionRefused(
            f"{imr.agency}'s IMR is {imr.get_status_display().lower()}: its chronology "
            "cannot be changed now."
        )
    return imr


def _checked(details: dict) -> dict:
    """The entry's details as stored, or a refusal naming the field."""
    details = dict(details)
    precision = details["precision"]
    if precision == ChronologyEntry.Precision.MONTH:
        details["occurred_on"] = details["occurred_on"].replace(day=1)
    if details.get("occurred_at") and precision != ChronologyEntry.Precision.EXACT:
        raise CaseActionRefused(
            "Leave the time empty when the date is not exact.", field="occurred_at"
        )
    if details["occurred_on"] > today():
        raise CaseActionRefused("The date must be today or in the past.", field="occurred_on")
    if not details["what_happened"].strip():
        raise CaseActionRefused("Enter what happened.", field="what_happened")
    return details


def _people_of(imr: Imr, people: Iterable[Person]) -> list[Person]:
    people = list(people)
    if any(person.case_id != imr.case_id for person in people):
        raise CaseActionRefused(
            "Choose people from this review's register of people.", field="people"
        )
    return people


@transaction.atomic
def add_chronology_entry(
    *,
    imr: Imr,
    by: User,
    occurred_on: date,
    precision: str,
    what_happened: str,
    occurred_at: time | None = None,
    source_reference: str = "",
    people: Iterable[Person] = (),
    dash_level: str = "",
    referred_to_marac: bool = False,
    discussed_at_marac: bool = False,
    author_comment: str = "",
) -> ChronologyEntry:
    """The IMR's author (or its senior manager) records what the agency's records show."""
    imr = _imr_to_write(imr, by)
    details = _checked(
        {
            "occurred_on": occurred_on,
            "precision": precision,
            "occurred_at": occurred_at,
            "source_reference": source_reference,
            "what_happened": what_happened,
            "dash_level": dash_level,
            "referred_to_marac": referred_to_marac,
            "discussed_at_marac": discussed_at_marac,
            "author_comment": author_comment,
        },
    )
    people = _people_of(imr, people)
    entry = ChronologyEntry(imr=imr, recorded_by=by, **details)
    entry._history_user = by
    entry.save()
    entry.people.set(people)
    return entry


@transaction.atomic
def change_chronology_entry(
    *, entry: ChronologyEntry, by: User, people: Iterable[Person] = (), **details
) -> ChronologyEntry:
    """The author corrects an entry while the IMR is still theirs to change."""
    imr = _imr_to_write(entry.imr, by)
    entry = ChronologyEntry.objects.select_for_update().get(pk=entry.pk, imr=imr)
    details = _checked({field: details.get(field, getattr(entry, field)) for field in ENTRY_FIELDS})
    people = _people_of(imr, people)
    for field, value in details.items():
        setattr(entry, field, value)
    entry._history_user = by
    entry.save()
    entry.people.set(people)
    return entry


@transaction.atomic
def delete_chronology_entry(*, entry: ChronologyEntry, by: User) -> None:
    """The author removes an entry written in error; its history keeps what it said."""
    imr = _imr_to_write(entry.imr, by)
    entry = ChronologyEntry.objects.select_for_update().get(pk=entry.pk, imr=imr)
    entry._history_user = by
    entry.delete()


@transaction.atomic
def compile_combined_chronology(*, case: Case, by: User) -> CombinedChronology:
    """The independent chair records that the combined chronology is compiled: the entries
    of every IMR before the panel, as they stand now. Compiled again after a revised IMR
    changes its entries, it records the new time."""
    case = lock_case_for(
        case,
        by=by,
        permission="commission_imr",
        refusal="Only the independent chair compiles the combined chronology.",
    )
    if case.stage != Stage.IMRS:
        raise CaseActionRefused("The combined chronology is compiled while the IMRs are under way.")
    before_the_panel = case.imrs.filter(status__in=Imr.BEFORE_THE_PANEL)
    if not ChronologyEntry.objects.filter(imr__in=before_the_panel).exists():
        raise CaseActionRefused(
            "No agency's chronology is before the panel yet: there is nothing to compile."
        )
    chronology = CombinedChronology.objects.filter(case=case).first() or CombinedChronology(
        case=case
    )
    chronology.compiled_by = by
    chronology.compiled_at = timezone.now()
    chronology._history_user = by
    chronology.save()
    record_event(
        case=case,
        name="imr.chronology.compiled",
        description="Combined chronology compiled",
        actor=by,
    )
    return chronology


@transaction.atomic
def record_sent_to_disclosure_officer(
    *, case: Case, by: User, sent_on: date, sent_to: str
) -> CombinedChronology:
    """The chair or the officer records sending the compiled chronology to the police
    disclosure officer (for the criminal proceedings' disclosure duties)."""
    case = lock_case_for(
        case,
        by=by,
        permission="manage_panel",
        refusal="You may not record sending the combined chronology.",
    )
    chronology = CombinedChronology.objects.select_for_update().filter(case=case).first()
    if chronology is None:
        raise CaseActionRefused("Compile the combined chronology before sending it.")
    if sent_on > today():
        raise CaseActionRefused("The date sent must be today or in the past.", field="sent_on")
    if sent_on < timezone.localdate(chronology.compiled_at):
        raise CaseActionRefused(
            "The date sent cannot be before the chronology was compiled.", field="sent_on"
        )
    if not sent_to.strip():
        raise CaseActionRefused("Enter the disclosure officer's name.", field="sent_to")
    chronology.sent_on, chronology.sent_to, chronology.sent_recorded_by = sent_on, sent_to, by
    chronology._history_user = by
    chronology.save()
    record_event(
        case=case,
        name="imr.chronology.sent_to_disclosure_officer",
        description=f"Combined chronology sent to the disclosure officer, {sent_to}",
        actor=by,
    )
    return chronology
