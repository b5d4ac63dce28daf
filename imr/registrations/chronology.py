"""The chronologies, joined to the case core: the IMR's chronology page, start_drafting's
guard, the task list's row, the audit trail and the demo's entries."""

from datetime import date, time, timedelta

from django.db.models import Exists, Expression, OuterRef
from django.urls import reverse

from cases import demo, selectors, workflow
from cases.models import Case, Person
from cases.selectors import Task
from cases.workflow import REVIEW_STAGES, Stage

from ..access import Need
from ..models import ChronologyEntry, CombinedChronology
from ..parts import Part, add_part
from ..services.chronology import add_chronology_entry


def chronology_compiled(case: Case) -> str | None:
    """the combined chronology compiled

    DOMAIN.md 2.4 item 12 (seed 002 App.1 "IMRs returned and chronology created")."""
    if not CombinedChronology.objects.filter(case=case).exists():
        return (
            "Record the combined chronology as compiled, on the “Combined chronology” page "
            "(from the case's task list)."
        )
    return None


def chronology_reads(on: date) -> dict[str, Expression]:
    compiled = CombinedChronology.objects.filter(case=OuterRef("pk"))
    return {"imr_combined_chronology_compiled": Exists(compiled)}


def chronology_task_row(case: Case) -> list[Task]:
    """Reads the case's imr_combined_chronology_compiled (chronology_reads)."""
    if REVIEW_STAGES.index(Stage(case.stage)) < REVIEW_STAGES.index(Stage.IMRS):
        return [Task(Stage.IMRS, "cannot start yet", name="Combined chronology")]
    return [
        Task(
            Stage.IMRS,
            "done" if case.imr_combined_chronology_compiled else "not started",
            name="Combined chronology",
            url=reverse("imr:combined_chronology", args=[case.reference]),
            permission="read_submissions",
        )
    ]


def entries_history(case: Case):
    return (
        ChronologyEntry.history.filter(imr__case_id=case.pk).select_related("imr__agency"),
        lambda record: f"Chronology entry: {record.imr.agency}",
    )


def combined_history(case: Case):
    return (
        CombinedChronology.history.filter(case_id=case.pk),
        lambda record: "Combined chronology",
    )


def register() -> None:
    add_part(Part("Chronology", "imr:chronology", Need.READ))
    workflow.add_guard("start_drafting", chronology_compiled)
    selectors.add_task_rows(chronology_task_row, reads=chronology_reads)
    selectors.add_audit_source(entries_history)
    selectors.add_audit_source(combined_history)
    demo.register_builder("imr.chronology", build_demo, after=("imr.commissioning",))


# The Riverside review's chronologies: what the police, the NHS trust and adult social care
# recorded. On the same day the police assessed the risk as high and referred to MARAC,
# while the trust's emergency department recorded a standard risk: the combined chronology
# flags it once both IMRs are before the panel. Invented events.
DEMO_ENTRIES = [
    # agency, days before the death, time, precision, source, what happened, people,
    # DASH level, referred to MARAC, comment
    (
        "Riverside Police",
        240,
        time(23, 40),
        "exact",
        "CAD 4411-23",
        "Call from a neighbour reporting shouting. Officers attended; the victim said there "
        "had been an argument. No further action.",
        ("victim", "suspect"),
        "standard",
        False,
        "No DASH questions were asked of the victim alone.",
    ),
    (
        "Riverside Adult Social Care",
        200,
        None,
        "month",
        "Case note ASC-88120",
        "Carer's assessment offered to the victim for her mother; declined.",
        ("victim",),
        "",
        False,
        "",
    ),
    (
        "Riverside Police",
        60,
        time(2, 15),
        "exact",
        "Crime 55/1187/25",
        "Assault reported by the victim. The suspect was arrested and released under "
        "investigation. DASH completed with the victim: high risk; referred to MARAC.",
        ("victim", "suspect"),
        "high",
        True,
        "The referral was made the same day, as policy requires.",
    ),
    (
        "Riverside NHS Foundation Trust",
        60,
        time(4, 30),
        "exact",
        "ED attendance 2025-55012",
        "The victim attended the emergency department with a facial injury she said came "
        "from a fall. Routine enquiry recorded; standard risk.",
        ("victim",),
        "standard",
        False,
        "The department did not know of the police attendance earlier that night.",
    ),
    (
        "Riverside NHS Foundation Trust",
        20,
        None,
        "approximate",
        "GP letter",
        "The victim's GP wrote to the trust about low mood and sleeplessness.",
        ("victim",),
        "",
        False,
        "",
    ),
]


def build_demo(ctx: demo.DemoContext) -> None:
    case = ctx.case("DEMO-RIV-3")
    if ChronologyEntry.objects.filter(imr__case=case).exists():
        return
    people = {
        "victim": case.people.filter(role=Person.Role.VICTIM).first(),
        "suspect": case.people.filter(role=Person.Role.SUSPECT).first(),
    }
    imrs = {imr.agency.name: imr for imr in case.imrs.select_related("agency", "author")}
    death = case.date_of_death or ctx.on
    for agency, days, at, precision, source, what, who, level, marac, comment in DEMO_ENTRIES:
        imr = imrs.get(agency)
        if imr is None or imr.author is None:
            continue
        add_chronology_entry(
            imr=imr,
            by=imr.author,
            occurred_on=death - timedelta(days=days),
            precision=precision,
            occurred_at=at,
            source_reference=source,
            what_happened=what,
            people=[people[role] for role in who if people[role]],
            dash_level=level,
            referred_to_marac=marac,
            author_comment=comment,
        )
