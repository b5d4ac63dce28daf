"""The partnership's sign-off, or its return of the report to the independent chair
(DOMAIN.md 2.6; DESIGN §3 item 6, §5): the CSP chair records either; the CSP officer
prepares and reads. The send_to_home_office guard's first check lives here."""

from datetime import date

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from cases.clocks import today
from cases.models import Case, CaseEvent, User
from cases.services import CaseActionRefused, lock_case_for, perform_transition, record_event
from cases.workflow import Stage
from reports.models import Document, ReportVersion
from reports.models.before_sign_off import action_plan_hash
from reports.services.before_sign_off import latest_version

from ..models import SignOff

SIGNS_OFF = "Only the CSP chair signs off the report or returns it for changes."
# The event of cases.workflow's submit_for_sign_off: each one starts a round.
SUBMITTED_FOR_SIGN_OFF = "case.report.submitted"


def _submissions_for_sign_off(case: Case | OuterRef) -> QuerySet[CaseEvent]:
    return CaseEvent.objects.filter(case=case, name=SUBMITTED_FOR_SIGN_OFF)


def current_round(case: Case) -> int:
    """How many times the report has come to the partnership for sign-off."""
    return _submissions_for_sign_off(case).count()


def _lock_at_sign_off(case: Case, by: User) -> Case:
    case = lock_case_for(case, by=by, permission="record_decision", refusal=SIGNS_OFF)
    if case.stage != Stage.CSP_SIGN_OFF:
        raise CaseActionRefused(
            f"The report is signed off while the review is at “{Stage.CSP_SIGN_OFF.label}”: "
            f"it is at “{case.get_stage_display()}”."
        )
    return case


@transaction.atomic
def sign_off(
    *, case: Case, by: User, meeting: str, met_on: date, attendees: str, **checks: bool
) -> SignOff:
    """The CSP chair records the meeting that signed off the latest versions of the overview
    report and executive summary and the action plan as it stands."""
    case = _lock_at_sign_off(case, by)
    if met_on > today():
        raise CaseActionRefused("The date of the meeting must be today or in the past.", "met_on")
    round_ = current_round(case)
    if case.sign_offs.filter(round=round_).exists():
        raise CaseActionRefused("The report is signed off already in this round.")
    if not all(checks.get(check) for check in SignOff.CHECKS):
        raise CaseActionRefused(
            "The partnership signs off only when it confirms each of these. Otherwise, "
            "return the report to the independent chair with the reasons.",
            field="content_agreed",
        )
    overview = latest_version(case, Document.OVERVIEW_REPORT)
    summary = latest_version(case, Document.EXECUTIVE_SUMMARY)
    record = SignOff(
        case=case,
        round=round_,
        meeting=meeting.strip(),
        met_on=met_on,
        attendees=attendees.strip(),
        overview_report_version=overview,
        executive_summary_version=summary,
        overview_report_hash=overview.content_hash,
        executive_summary_hash=summary.content_hash,
        action_plan_hash=action_plan_hash(case),
        recorded_by=by,
        **dict.fromkeys(SignOff.CHECKS, True),
    )
    record._history_user = by
    record.save()
    record_event(
        case=case,
        name="publication.signed_off",
        description=f"The partnership signed off the overview report (version "
        f"{overview.number}), the executive summary (version {summary.number}) and the action "
        "plan"[:300],
        actor=by,
    )
    return record


def return_to_drafting(*, case: Case, by: User, reason: str) -> Case:
    """The CSP chair returns the report to the independent chair with the reasons; the
    chair is told (publication.registrations.sign_off's hand-off)."""
    if not reason.strip():
        raise CaseActionRefused("Enter the reasons the report goes back to the chair.", "reason")
    return perform_transition(case=case, name="return_to_drafting", by=by, reason=reason.strip())


def sign_offs_standing() -> QuerySet[SignOff]:
    """Sign-offs of their case's current round that cover the latest versions of both
    documents: what current_sign_off asks of a record but the action plan's hash, which only
    Python computes."""

    def latest(document: str) -> Subquery:
        versions = ReportVersion.objects.filter(case=OuterRef("case"), document=document)
        return Subquery(versions.order_by("-number").values("pk")[:1])

    rounds = (
        _submissions_for_sign_off(OuterRef("case"))
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return SignOff.objects.filter(
        round=Coalesce(Subquery(rounds), 0),
        overview_report_version=latest(Document.OVERVIEW_REPORT),
        executive_summary_version=latest(Document.EXECUTIVE_SUMMARY),
    )


def _covers_the_plan(record: SignOff | None, case: Case) -> SignOff | None:
    if record is None or record.action_plan_hash != action_plan_hash(case):
        return None
    return record


def current_sign_off(case: Case) -> SignOff | None:
    """The sign-off of this round, while it still covers the latest versions and the action
    plan as it stands; otherwise None."""
    record = (
        sign_offs_standing()
        .filter(case=case)
        .select_related("overview_report_version", "executive_summary_version", "recorded_by")
        .first()
    )
    return _covers_the_plan(record, case)


def sign_offs_and_current(case: Case) -> tuple[list[SignOff], SignOff | None]:
    """Every sign-off of the case, the latest round first, and among them the current one
    (current_sign_off's), for the page: the list read once, each row with whether it stands."""
    standing = sign_offs_standing().filter(pk=OuterRef("pk"))
    records = list(
        case.sign_offs.select_related(
            "overview_report_version", "executive_summary_version", "recorded_by"
        )
        .annotate(standing=Exists(standing))
        .order_by("-round")
    )
    return records, _covers_the_plan(next((r for r in records if r.standing), None), case)


def not_signed_off(case: Case) -> str | None:
    """the CSP's sign-off of the latest versions, in this round"""
    if current_sign_off(case) is None:
        return "Record the partnership's sign-off of the report as it stands first."
    return None
