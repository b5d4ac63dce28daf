"""Reading the independent chair and the panel for pages, the task list and the guards."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Exists, Expression, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from cases.models import Agency, Case

from .models import AgencyDeclined, ChairAppointment, PanelMember


def current_chair_appointments() -> QuerySet[ChairAppointment]:
    """Appointments in force: not ended, and the chair's role on the case not ended either
    (the members page can end the role on its own)."""
    return ChairAppointment.objects.filter(ended_at__isnull=True, membership__ended_at__isnull=True)


def chair_appointments(case: Case) -> list[ChairAppointment]:
    """The case's appointments, the current one (if any) first, then the earlier ones."""
    return list(
        case.chair_appointments.select_related(
            "membership__user", "appointed_by", "ended_by"
        ).order_by(F("ended_at").desc(nulls_first=True), "-appointed_on", "-id")
    )


def panel_members(case: Case) -> QuerySet[PanelMember]:
    """Current members first, by agency, then those who left."""
    return case.panel_members.select_related("agency", "user").order_by(
        F("left_on").desc(nulls_first=True), "agency__name", "name", "id"
    )


def agencies_declined(case: Case) -> QuerySet[AgencyDeclined]:
    return case.agencies_declined.select_related("agency", "recorded_by")


@dataclass(frozen=True)
class PanelCounts:
    """The panel's current members, counted by what DOMAIN.md 2.1 item 3 asks of a panel."""

    current: int
    statutory: int
    voluntary: int
    specialist: int
    not_imr_authors: int


def is_statutory(agency: Agency) -> bool:
    """Whether the agency has the s.9(4) duty to take part (configured, not coded)."""
    return agency.kind in settings.DHR_STATUTORY_AGENCY_KINDS


def is_specialist(member: PanelMember) -> bool:
    return member.is_idva or member.agency.kind == Agency.Kind.SPECIALIST_DOMESTIC_ABUSE


def counts_of(members: list[PanelMember]) -> PanelCounts:
    current = [member for member in members if member.is_current]
    return PanelCounts(
        current=len(current),
        statutory=sum(is_statutory(member.agency) for member in current),
        voluntary=sum(member.sector == Agency.Sector.VOLUNTARY for member in current),
        specialist=sum(is_specialist(member) for member in current),
        not_imr_authors=sum(not member.also_imr_author for member in current),
    )


def panel_warnings(counts: PanelCounts) -> list[str]:
    """What the sources ask of a panel that this one lacks. Warnings, not refusals: the
    chair may have reasons, and the panel grows as the review goes on."""
    if counts.current == 0:
        return []
    warnings = []
    if counts.statutory == 0:
        warnings.append(
            "No member comes from an agency with a statutory duty to take part (s.9(4)). "
            "A panel has statutory and voluntary members."  # seed 000 l.110; seed 001 §4.5
        )
    if counts.voluntary == 0:
        warnings.append(
            "No member comes from the voluntary sector. A panel has statutory and voluntary "
            "members."
        )
    if counts.specialist == 0:
        warnings.append(
            "No IDVA or specialist domestic abuse service sits on the panel."  # seed 000 l.112
        )
    if counts.not_imr_authors == 0:
        warnings.append(
            "Every member is also an IMR author. The panel should not be made up only of the "
            "authors of the agencies' reviews."  # seed 000 l.116
        )
    return warnings


def _counted() -> dict[str, Q]:
    """Which current members each of PanelCounts counts (counts_of, in SQL). Built at each
    read: the statutory kinds are a setting."""
    return {
        "current": Q(),
        "statutory": Q(agency__kind__in=settings.DHR_STATUTORY_AGENCY_KINDS),
        "voluntary": Q(sector=Agency.Sector.VOLUNTARY),
        "specialist": Q(is_idva=True) | Q(agency__kind=Agency.Kind.SPECIALIST_DOMESTIC_ABUSE),
        "not_imr_authors": Q(also_imr_author=False),
    }


def panel_set_up_reads(on: date) -> dict[str, Expression]:
    """Whether a chair is in post, and the panel's counts (panel_counts), for the task list's
    rows."""
    current = PanelMember.objects.filter(case=OuterRef("pk"), left_on__isnull=True).order_by()
    return {
        "panels_chair_in_post": Exists(current_chair_appointments().filter(case=OuterRef("pk"))),
        **{
            f"panels_members_{name}": Coalesce(
                Subquery(
                    current.filter(members).values("case").annotate(n=Count("pk")).values("n")
                ),
                0,
            )
            for name, members in _counted().items()
        },
    }


def panel_counts(case: Case) -> PanelCounts:
    """The panel's counts, from a case read through case_file_cases (panel_set_up_reads)."""
    return PanelCounts(**{name: getattr(case, f"panels_members_{name}") for name in _counted()})
