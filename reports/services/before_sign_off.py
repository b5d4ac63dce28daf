"""Before sign-off (DOMAIN.md 2.5 items 3, 4, 7, 8; seed 000 l.236-247; seed 001 §4.26-4.27):
the contributors asked and their confirmations, the panel's agreement of the three
documents (when the six-month clock is met), the family's viewing of the completed
version, and the guard of submit_for_sign_off that needs them all.

The independent chair or the CSP officer records them (both manage the panel: the officer
often keeps the panel's minutes and the contributors' replies come to either)."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet, Subquery

from cases.clocks import today
from cases.models import Agency, Case, User
from cases.services import CaseActionRefused, record_event

from ..models import (
    Action,
    ActionAgreement,
    ContributorConfirmation,
    Document,
    FamilyViewing,
    PanelAgreement,
    ReportVersion,
)
from ..models.before_sign_off import action_plan_hash, actions_hashes_by_agency
from . import lock_while_drafting

RECORDS = "Only the independent chair or the CSP officer records this."


def _lock(case: Case, by: User) -> Case:
    return lock_while_drafting(case, by=by, permission="manage_panel", refusal=RECORDS)


def _not_future(on: date, field: str, label: str) -> None:
    if on > today():
        raise CaseActionRefused(f"{label} must be today or in the past.", field=field)


# Contributors ----------------------------------------------------------------------------


@transaction.atomic
def ask_contributor(
    *, case: Case, by: User, asked_on: date, agency: Agency | None = None, individual: str = ""
) -> ContributorConfirmation:
    case = _lock(case, by)
    _not_future(asked_on, "asked_on", "The date asked")
    individual = individual.strip()
    if bool(agency) == bool(individual):
        raise CaseActionRefused(
            "Choose an agency or enter a named individual, not both.", field="agency"
        )
    already = case.contributor_confirmations.filter(agency=agency, individual=individual)
    if already.exists():
        raise CaseActionRefused(
            f"{agency or individual} has been asked already.",
            field="agency" if agency else "individual",
        )
    return _ask(case, by, asked_on, agency=agency, individual=individual)


def _ask(case: Case, by: User, asked_on: date, **contributor) -> ContributorConfirmation:
    confirmation = ContributorConfirmation(
        case=case, asked_on=asked_on, recorded_by=by, **contributor
    )
    confirmation._history_user = by
    confirmation.save()
    record_event(
        case=case,
        name="reports.contributor.asked",
        description=f"{confirmation.contributor} asked to confirm its information"[:300],
        actor=by,
    )
    return confirmation


def agencies_to_ask(case: Case):
    """The agencies with an IMR on the case that have not been asked yet."""
    asked = ContributorConfirmation.objects.filter(case=case, agency=OuterRef("agency"))
    return Agency.objects.filter(pk__in=case.imrs.exclude(Exists(asked)).values("agency")).order_by(
        "name"
    )


def individuals_to_ask(case: Case) -> list[str]:
    """The professionals whose short reports were accepted, not asked yet."""
    asked = set(case.contributor_confirmations.values_list("individual", flat=True))
    named = (
        f"{report.professional_name}, {report.professional_role}, {report.organisation}"[:300]
        for report in case.short_reports.filter(accepted_at__isnull=False).order_by("id")
    )
    return [name for name in named if name not in asked]


@transaction.atomic
def ask_every_contributor(*, case: Case, by: User, asked_on: date) -> int:
    """Ask every agency with an IMR and every professional with a short report not asked
    yet, on one date."""
    case = _lock(case, by)
    _not_future(asked_on, "asked_on", "The date asked")
    asked = [_ask(case, by, asked_on, agency=agency) for agency in agencies_to_ask(case)]
    asked += [_ask(case, by, asked_on, individual=name) for name in individuals_to_ask(case)]
    if not asked:
        raise CaseActionRefused("Every agency and professional has been asked already.")
    return len(asked)


@transaction.atomic
def record_confirmation(
    *, confirmation: ContributorConfirmation, by: User, confirmed_on: date, comments: str = ""
) -> ContributorConfirmation:
    _lock(confirmation.case, by)
    confirmation = ContributorConfirmation.objects.select_for_update().get(pk=confirmation.pk)
    _not_future(confirmed_on, "confirmed_on", "The date confirmed")
    if confirmed_on < confirmation.asked_on:
        raise CaseActionRefused(
            f"The date confirmed cannot be before they were asked "
            f"({confirmation.asked_on:%-d %B %Y}).",
            field="confirmed_on",
        )
    confirmation.confirmed_on = confirmed_on
    confirmation.comments = comments.strip()
    confirmation._history_user = by
    confirmation.save(update_fields=["confirmed_on", "comments"])
    record_event(
        case=confirmation.case,
        name="reports.contributor.confirmed",
        description=f"{confirmation.contributor} confirmed its information is fully and "
        "fairly represented"[:300],
        actor=by,
    )
    return confirmation


# The panel's agreement -------------------------------------------------------------------


# The newest-first orderings below take a Case, or OuterRef("pk") for the case page's reads.


def versions_newest_first(case, document: str) -> QuerySet[ReportVersion]:
    return ReportVersion.objects.filter(case=case, document=document).order_by("-number")


def latest_version(case: Case, document: str) -> ReportVersion | None:
    return versions_newest_first(case, document).first()


def latest_versions(case: Case) -> dict[str, ReportVersion | None]:
    """{document: its latest version, or None}, in one query reading those versions only."""
    newest = versions_newest_first(OuterRef("case"), OuterRef("document")).values("number")
    latest: dict[str, ReportVersion | None] = dict.fromkeys(Document.values)
    for version in ReportVersion.objects.filter(case=case, number=Subquery(newest[:1])):
        latest[version.document] = version
    return latest


@transaction.atomic
def record_panel_agreement(
    *, case: Case, by: User, agreed_on: date, **checks: bool
) -> PanelAgreement:
    """The panel agreed the latest version of each document and the action plan as it
    stands. Its date completes the overview report: the six-month clock is met."""
    case = _lock(case, by)
    _not_future(agreed_on, "agreed_on", "The date of the meeting")
    overview = latest_version(case, Document.OVERVIEW_REPORT)
    summary = latest_version(case, Document.EXECUTIVE_SUMMARY)
    if overview is None or summary is None:
        raise CaseActionRefused(
            "Fix a version of the overview report and of the executive summary first."
        )
    if not Action.objects.filter(recommendation__case=case).exists():
        raise CaseActionRefused("Add the action plan's actions first.")
    if not all(checks.get(check) for check in PanelAgreement.CHECKS):
        raise CaseActionRefused(
            "The panel agrees a report that passes every quality check. Confirm each, or "
            "ask the chair for changes first.",
            field="high_standard",
        )
    agreement = PanelAgreement(
        case=case,
        agreed_on=agreed_on,
        overview_report_version=overview,
        executive_summary_version=summary,
        action_plan_hash=action_plan_hash(case),
        recorded_by=by,
        **dict.fromkeys(PanelAgreement.CHECKS, True),
    )
    agreement._history_user = by
    agreement.save()
    case.overview_report_completed_on = agreed_on
    case._history_user = by
    case.save(update_fields=["overview_report_completed_on"])
    record_event(
        case=case,
        name="reports.panel.agreed",
        description=f"The panel agreed the overview report (version {overview.number}), the "
        f"executive summary (version {summary.number}) and the action plan",
        actor=by,
    )
    return agreement


def panel_agreements_newest_first(case) -> QuerySet[PanelAgreement]:
    return PanelAgreement.objects.filter(case=case).order_by("-agreed_on", "-id")


def current_panel_agreement(case: Case) -> PanelAgreement | None:
    """The panel's latest agreement if it is of the latest versions and the actions as they
    stand; otherwise None (nothing agreed, or changed since)."""
    # The latest version of each document is read with the agreement, in its statement.
    latest = {
        f"latest_{document}_version": Subquery(
            versions_newest_first(OuterRef("case"), document).values("pk")[:1]
        )
        for document in Document.values
    }
    agreement = (
        panel_agreements_newest_first(case)
        .select_related("overview_report_version", "executive_summary_version")
        .annotate(**latest)
        .first()
    )
    if agreement is None:
        return None
    if any(
        getattr(agreement, f"{document}_version_id")
        != getattr(agreement, f"latest_{document}_version")
        for document in Document.values
    ) or agreement.action_plan_hash != action_plan_hash(case):
        return None
    return agreement


# The family ------------------------------------------------------------------------------


@transaction.atomic
def record_family_viewing(
    *,
    case: Case,
    by: User,
    shown_on: date,
    how: str,
    response: str,
    disagreement: str = "",
) -> FamilyViewing:
    """The family shown the latest version of both documents, and their response."""
    case = _lock(case, by)
    _not_future(shown_on, "shown_on", "The date shown")
    overview = latest_version(case, Document.OVERVIEW_REPORT)
    summary = latest_version(case, Document.EXECUTIVE_SUMMARY)
    if overview is None or summary is None:
        raise CaseActionRefused(
            "Fix a version of the overview report and of the executive summary first."
        )
    if response == FamilyViewing.Response.DISAGREES and not disagreement.strip():
        raise CaseActionRefused(
            "Enter what the family disagree with, in their words.", field="disagreement"
        )
    if response != FamilyViewing.Response.DISAGREES:
        disagreement = ""
    return _save_viewing(
        FamilyViewing(
            case=case,
            kind=FamilyViewing.Kind.SHOWN,
            overview_report_version=overview,
            executive_summary_version=summary,
            shown_on=shown_on,
            how=how.strip(),
            response=response,
            disagreement=disagreement.strip(),
            recorded_by=by,
        ),
        by,
        f"The family was shown version {overview.number} of the overview report",
    )


@transaction.atomic
def record_no_family(*, case: Case, by: User, reason: str) -> FamilyViewing:
    case = _lock(case, by)
    return _save_viewing(
        FamilyViewing(
            case=case,
            kind=FamilyViewing.Kind.NO_FAMILY,
            no_family_reason=reason.strip(),
            recorded_by=by,
        ),
        by,
        "Recorded why there is no family to show the report to",
    )


def _save_viewing(viewing: FamilyViewing, by: User, description: str) -> FamilyViewing:
    viewing._history_user = by
    viewing.save()
    record_event(
        case=viewing.case, name="reports.family.viewing", description=description, actor=by
    )
    return viewing


def family_viewings_newest_first(case) -> QuerySet[FamilyViewing]:
    return FamilyViewing.objects.filter(case=case).order_by("-recorded_at", "-id")


def latest_family_viewing(case: Case) -> FamilyViewing | None:
    return family_viewings_newest_first(case).first()


# Agencies' agreements --------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyAgreement:
    """Where an agency stands on the actions it leads: its latest agreement, and whether
    that agreement still covers them."""

    agency: Agency
    agreement: ActionAgreement | None
    is_current: bool

    @property
    def status(self) -> str:
        if self.agreement is None:
            return "Not yet agreed"
        return "Agreed" if self.is_current else "Changed since agreed"


def agency_agreements(case: Case) -> list[AgencyAgreement]:
    """Each agency that leads an action, with where its agreement stands. Three queries,
    however many agencies and actions."""
    hashes = actions_hashes_by_agency(case)
    agencies = Agency.objects.filter(pk__in=hashes).order_by("name")
    latest: dict[int, ActionAgreement] = {}
    for agreement in case.action_agreements.select_related("recorded_by").order_by(
        "agreed_on", "id"
    ):
        latest[agreement.agency_id] = agreement
    return [
        AgencyAgreement(
            agency,
            latest.get(agency.pk),
            agency.pk in latest and latest[agency.pk].actions_hash == hashes[agency.pk],
        )
        for agency in agencies
    ]


# The guard -------------------------------------------------------------------------------


def ready_for_sign_off(case: Case) -> str | None:
    """the report, the action plan, the agreements and the family's viewing recorded

    The submit_for_sign_off guard (DOMAIN.md 2.5 item 8; seed 000 l.236-247): versions of
    both documents; at least one action; the panel's agreement of the latest versions and
    the current action plan; every contributor asked has confirmed; every agency with
    actions agreed them as they stand; the family shown the agreed version, or why there is
    no family to show. The first line names it in the workflow's diagram."""
    for check in (
        _versions_fixed,
        _actions_written,
        _panel_agreed,
        _contributors_confirmed,
        _agencies_agreed,
        family_not_shown,
    ):
        if refusal := check(case):
            return refusal
    return None


def _versions_fixed(case: Case) -> str | None:
    missing = [
        label for document, label in Document.choices if latest_version(case, document) is None
    ]
    if missing:
        return f"Fix a version of the {' and the '.join(m.lower() for m in missing)} first."
    return None


def _actions_written(case: Case) -> str | None:
    if not Action.objects.filter(recommendation__case=case).exists():
        return "Write the action plan: no recommendation has an action yet."
    return None


def _panel_agreed(case: Case) -> str | None:
    if not case.panel_agreements.exists():
        return "Record the panel's agreement of the report, the summary and the action plan."
    if current_panel_agreement(case) is None:
        return (
            "The report, the summary or the action plan changed since the panel agreed them: "
            "record the panel's agreement of them as they stand."
        )
    return None


def _contributors_confirmed(case: Case) -> str | None:
    asked = list(case.contributor_confirmations.select_related("agency"))
    if not asked:
        return "Ask the contributors to confirm their information is fully and fairly represented."
    waiting = [confirmation.contributor for confirmation in asked if not confirmation.is_confirmed]
    if waiting:
        return f"Every contributor must confirm first. Not yet confirmed: {'; '.join(waiting)}."
    return None


def _agencies_agreed(case: Case) -> str | None:
    waiting = [
        f"{standing.agency} ({standing.status.lower()})"
        for standing in agency_agreements(case)
        if not standing.is_current
    ]
    if waiting:
        return f"Every agency must agree its actions first. Not agreed: {'; '.join(waiting)}."
    return None


def family_not_shown(case: Case) -> str | None:
    viewing = latest_family_viewing(case)
    if viewing is None:
        return "Record the family's viewing of the completed version, or why there is no family."
    agreement = current_panel_agreement(case)
    if viewing.kind == FamilyViewing.Kind.SHOWN and (
        agreement is None
        or viewing.overview_report_version_id != agreement.overview_report_version_id
        or viewing.executive_summary_version_id != agreement.executive_summary_version_id
    ):
        return "Show the family the version the panel agreed, and record their response."
    return None
