"""The CSP sign-off page, the chair's sign-off and the return to drafting."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cases.access import case_permissions, get_case_for
from cases.submissions import once_per_form
from cases.views import _case_form_page
from cases.workflow import Stage
from dhr.forms import submitted
from reports.models import Document
from reports.services.before_sign_off import latest_version

from ..forms.sign_off import ReturnToDraftingForm, SignOffForm
from ..selectors import latest_versions
from ..services import sign_off as services


def _url(name, case) -> str:
    return reverse(f"publication:{name}", kwargs={"reference": case.reference})


def _to_decide(request, reference):
    case = get_case_for(request.user, reference, "cases.record_decision")
    if case.stage != Stage.CSP_SIGN_OFF:
        raise Http404("The report is signed off at the CSP sign-off stage.")
    return case


def sign_off(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    sign_offs, current = services.sign_offs_and_current(case)
    versions = latest_versions(case)
    at_sign_off = case.stage == Stage.CSP_SIGN_OFF
    return render(
        request,
        "publication/sign_off.html",
        {
            "case": case,
            "current": current,
            "sign_offs": sign_offs,
            "overview": versions.get(Document.OVERVIEW_REPORT),
            "summary": versions.get(Document.EXECUTIVE_SUMMARY),
            "may_decide": at_sign_off
            and current is None
            and "record_decision" in case_permissions(request.user, case),
            "may_send": at_sign_off
            and current is not None
            and "send_to_home_office" in case_permissions(request.user, case),
            "at_sign_off": at_sign_off,
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_sign_off(request, reference):
    case = _to_decide(request, reference)
    overview = latest_version(case, Document.OVERVIEW_REPORT)
    summary = latest_version(case, Document.EXECUTIVE_SUMMARY)
    return _case_form_page(
        request,
        case,
        SignOffForm(submitted(request)),
        act=lambda data: services.sign_off(case=case, by=request.user, **data),
        success="The partnership's sign-off is recorded.",
        then=_url("sign_off", case),
        title="Record the partnership's sign-off",
        lede=f"The partnership signs off version {overview.number} of the overview report, "
        f"version {summary.number} of the executive summary and the action plan as it stands. "
        "The media are briefed only once the Home Office clears the report.",
        submit="Record the sign-off",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def return_to_drafting(request, reference):
    case = _to_decide(request, reference)
    return _case_form_page(
        request,
        case,
        ReturnToDraftingForm(submitted(request)),
        act=lambda data: services.return_to_drafting(case=case, by=request.user, **data),
        success="The report is returned to the independent chair, who is told.",
        title="Return the report to the independent chair",
        lede="The review goes back to drafting. A sign-off after the changes is a fresh one.",
        submit="Return the report",
    )
