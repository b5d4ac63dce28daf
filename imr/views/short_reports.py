"""Short reports: the list, one report, asking for one, recording it received, accepting it,
and the logged download of its copy."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cases.access import case_permissions, get_case_for
from cases.clocks import today
from cases.models import AccessLogEntry
from cases.services import log_access
from cases.submissions import once_per_form
from cases.views import _case_form_page
from dhr.forms import submitted, submitted_files
from dhr.uploads import DocumentField

from ..forms.short_reports import (
    AcceptShortReportForm,
    ShortReportReceivedForm,
    ShortReportRequestForm,
)
from ..services import short_reports as services


def list_url(case) -> str:
    return reverse("imr:short_reports", kwargs={"reference": case.reference})


def report_url(report) -> str:
    return reverse("imr:short_report", args=[report.case.reference, report.pk])


def _open(case):
    if case.stage not in services.OPEN_STAGES:
        raise Http404("Short reports are not asked for or recorded at this stage.")
    return case


def short_reports(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    held = case_permissions(request.user, case)
    return render(
        request,
        "imr/short_reports.html",
        {
            "case": case,
            "reports": services.short_reports_of(case),
            "today": today(),
            "may_request": "commission_imr" in held and case.stage in services.OPEN_STAGES,
        },
    )


def short_report(request, reference, report_id):
    case = get_case_for(request.user, reference, "cases.read_submissions")
    report = get_object_or_404(services.short_reports_of(case), pk=report_id)
    held = case_permissions(request.user, case)
    if report.is_received:
        log_access(
            case=case,
            user=request.user,
            what=AccessLogEntry.What.CASE_RECORD,
            detail=str(report)[:200],
        )
    is_open = case.stage in services.OPEN_STAGES
    return render(
        request,
        "imr/short_report.html",
        {
            "case": case,
            "report": report,
            "may_record": "manage_panel" in held and is_open and not report.is_received,
            "may_accept": "commission_imr" in held
            and report.is_received
            and not report.is_accepted,
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def request_short_report(request, reference):
    case = _open(get_case_for(request.user, reference, "cases.commission_imr"))
    return _case_form_page(
        request,
        case,
        ShortReportRequestForm(submitted(request)),
        act=lambda data: services.request_short_report(case=case, by=request.user, **data),
        success="Short report asked for.",
        then=list_url(case),
        title="Ask for a short report",
        lede="From a GP or another professional outside the IMR process, who writes a short "
        "report for the independent chair.",
        submit="Ask for the report",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_received(request, reference, report_id):
    case = _open(get_case_for(request.user, reference, "cases.manage_panel"))
    report = get_object_or_404(case.short_reports, pk=report_id, received_on__isnull=True)
    return _case_form_page(
        request,
        case,
        ShortReportReceivedForm(submitted(request), submitted_files(request)),
        act=lambda data: services.record_short_report_received(
            report=report, by=request.user, **data
        ),
        success="Short report recorded.",
        then=report_url(report),
        title=f"Record the {str(report)[0].lower()}{str(report)[1:]}",
        submit="Record the report",
        multipart=True,
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def accept(request, reference, report_id):
    case = get_case_for(request.user, reference, "cases.commission_imr")
    report = get_object_or_404(
        case.short_reports, pk=report_id, received_on__isnull=False, accepted_at__isnull=True
    )
    return _case_form_page(
        request,
        case,
        AcceptShortReportForm(submitted(request)),
        act=lambda data: services.accept_short_report(report=report, by=request.user),
        success="Short report accepted.",
        then=report_url(report),
        title=f"Accept the {str(report)[0].lower()}{str(report)[1:]}",
        lede="Accept it once it answers what was asked. The overview report is drafted once "
        "every short report is accepted.",
        submit="Accept the report",
    )


@never_cache
def download_copy(request, reference, report_id):
    case = get_case_for(request.user, reference, "cases.read_submissions")
    report = get_object_or_404(case.short_reports.select_related("stored"), pk=report_id)
    if not report.copy:
        raise Http404("No copy of this report is kept.")
    log_access(
        case=case,
        user=request.user,
        what=AccessLogEntry.What.DOCUMENT,
        detail=str(report)[:200],
    )
    return FileResponse(
        report.copy.open("rb"),
        as_attachment=True,
        filename=report.copy_name,
        content_type=DocumentField.ACCEPT[report.stored.kind],
    )
