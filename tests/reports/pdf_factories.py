"""A review at drafting with something to print: versions of the overview report and the
executive summary that name registered people, a combined chronology and an action plan."""

from datetime import date

from cases.models import Case, User
from imr.models import ChronologyEntry, Imr
from reports.models import Action, Document, Recommendation, ReportVersion
from reports.models.drafting import sections_of
from tests.case_factories import agency_staff
from tests.factories import AgencyFactory

from .report_factories import registered, review_at_drafting

# Registered in every printable review: the public PDFs must not show them.
REAL_NAMES = ("Jane Doe", "Mark Smith", "Marky")


def printable_review(*, chronology_entries: int = 3) -> tuple[Case, User, User]:
    """(case, CSP officer, independent chair) of a review with a version of each document,
    `chronology_entries` entries in the combined chronology and one action."""
    case, officer, chair = review_at_drafting()
    victim = registered(case, "Jane Doe", "Adult A", role="victim")
    suspect = registered(case, "Mark Smith", "Adult B", role="suspect", aliases="Marky")
    for document in Document.values:
        new_version(case, chair, document)
    # Submitted, so before the panel and in the combined chronology (the IMR's own steps are
    # the imr tests' concern).
    agency = AgencyFactory(name="Riverside Police")
    imr = Imr.objects.create(
        case=case,
        agency=agency,
        status=Imr.Status.SUBMITTED,
        due_on=date(2026, 12, 1),
        commissioned_by=chair,
        senior_manager=agency_staff(agency=agency),
    )
    for number in range(chronology_entries):
        entry = ChronologyEntry.objects.create(
            imr=imr,
            occurred_on=date(2025, 1, 1 + number % 28),
            what_happened=f"Entry {number}: Jane Doe called about Marky's threats.",
            recorded_by=imr.senior_manager,
        )
        entry.people.set([victim, suspect])
    recommendation = Recommendation.objects.create(
        case=case,
        number=1,
        level="overview",
        text="Train call handlers; Jane Doe's case shows why.",
    )
    Action.objects.create(
        recommendation=recommendation,
        lead_agency=imr.agency,
        owner="Head of Safeguarding",
        action="Run training on asking Mark Smith's kind of questions.",
        target_on=date(2027, 3, 31),
        intended_outcome="Call handlers ask whether the caller is safe to talk.",
        monitored_by="Quarterly audit of calls.",
    )
    return case, officer, chair


def new_version(case: Case, chair: User, document: str, *, extra: str = "") -> ReportVersion:
    number = case.report_versions.filter(document=document).count() + 1
    sections = {
        section.key: f"{section.title}: Jane Doe and Mark Smith (Marky). {extra}".strip()
        for section in sections_of(document)
    }
    return ReportVersion.objects.create(
        case=case, document=document, number=number, sections=sections, made_by=chair
    )
