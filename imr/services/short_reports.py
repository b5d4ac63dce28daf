"""Short reports from GPs and other professionals outside the IMR process (DOMAIN.md 2.4
item 9): the independent chair asks for one by a date; it comes in as text or a document;
the chair accepts it.

Receipt is recorded by the independent chair or the CSP officer (both manage the panel,
"manage_panel"): the professional sends the report to the chair (seed 002 (9)(g)), often by
e-mail to the partnership's review inbox that the officer keeps, so either may be the one
holding it. Accepting it stays the chair's, as for IMRs."""

from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from cases.clocks import today
from cases.models import Case, User
from cases.services import CaseActionRefused, lock_case_for, record_event
from cases.workflow import Stage
from dhr import uploads

from ..models import ShortReport
from .documents import keep_document

# Short reports are asked for while the IMRs are written.
OPEN_STAGES = frozenset({Stage.IMRS})


def short_reports_of(case: Case):
    return case.short_reports.select_related("stored").order_by("due_on", "id")


@transaction.atomic
def request_short_report(
    *,
    case: Case,
    by: User,
    professional_name: str,
    professional_role: str,
    organisation: str,
    due_on: date,
) -> ShortReport:
    case = lock_case_for(
        case,
        by=by,
        permission="commission_imr",
        refusal="Only the independent chair asks for short reports.",
    )
    if case.stage not in OPEN_STAGES:
        raise CaseActionRefused("Short reports are asked for while the IMRs are written.")
    if due_on <= today():
        raise CaseActionRefused("The due date must be in the future.", field="due_on")
    report = ShortReport(
        case=case,
        professional_name=professional_name.strip(),
        professional_role=professional_role.strip(),
        organisation=organisation.strip(),
        requested_by=by,
        requested_on=today(),
        due_on=due_on,
    )
    report._history_user = by
    report.full_clean()
    report.save()
    record_event(
        case=case,
        name="imr.short_report.requested",
        description=f"Short report asked of {report.professional_name}, "
        f"{report.organisation}, due {due_on:%-d %B %Y}"[:300],
        actor=by,
    )
    return report


@uploads.atomic_with_documents
def record_short_report_received(
    *,
    report: ShortReport,
    by: User,
    received_on: date,
    text: str = "",
    copy: UploadedFile | None = None,
) -> ShortReport:
    case = lock_case_for(
        report.case,
        by=by,
        permission="manage_panel",
        refusal="Only the independent chair or the CSP officer records a short report.",
    )
    report = ShortReport.objects.select_for_update().get(pk=report.pk)
    if report.is_received:
        raise CaseActionRefused(
            f"The short report from {report.professional_name} is recorded already."
        )
    if case.stage not in OPEN_STAGES:
        raise CaseActionRefused("Short reports are recorded while the IMRs are written.")
    if received_on > today():
        raise CaseActionRefused(
            "The date received must be today or in the past.", field="received_on"
        )
    if received_on < report.requested_on:
        raise CaseActionRefused(
            "The date received cannot be before the report was asked for "
            f"({report.requested_on:%-d %B %Y}).",
            field="received_on",
        )
    if not (text.strip() or copy):
        raise CaseActionRefused(
            "Enter the report, or upload it as a PDF or Word document.", field="text"
        )
    report.received_on = received_on
    report.text = text.strip()
    report.received_recorded_by = by
    if copy:
        report.copy_name = copy.name[:200]
        report.stored = keep_document(report, "copy", copy, what="The short report")
    report._history_user = by
    report.save()
    record_event(
        case=case,
        name="imr.short_report.received",
        description=f"Short report received from {report.professional_name}, {report.organisation}"[
            :300
        ],
        actor=by,
    )
    return report


@transaction.atomic
def accept_short_report(*, report: ShortReport, by: User) -> ShortReport:
    case = lock_case_for(
        report.case,
        by=by,
        permission="commission_imr",
        refusal="Only the independent chair accepts short reports.",
    )
    report = ShortReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_received:
        raise CaseActionRefused(
            f"The short report from {report.professional_name} has not been received yet."
        )
    if report.is_accepted:
        raise CaseActionRefused(
            f"The short report from {report.professional_name} is accepted already."
        )
    report.accepted_by = by
    report.accepted_at = timezone.now()
    report._history_user = by
    report.save(update_fields=["accepted_by", "accepted_at"])
    record_event(
        case=case,
        name="imr.short_report.accepted",
        description=f"Short report from {report.professional_name} accepted"[:300],
        actor=by,
    )
    return report
