from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cases import services as case_services
from cases.access import case_permissions, get_case_for
from cases.submissions import once_per_form
from cases.views import _case_form_page
from cases.workflow import TRANSITIONS_BY_NAME, guards_of, stage_allows
from dhr.forms import submitted

from .. import panel_selectors as selectors
from ..forms.panel import (
    AgencyDeclinedForm,
    HomeOfficeToldForm,
    MemberLeftForm,
    PanelMemberForm,
    StartImrsForm,
)
from ..services import panel as panel_services
from ..services.chair import REVIEW_UNDER_WAY


def _panel_url(case) -> str:
    return reverse("panels:panel", kwargs={"reference": case.reference})


def panel(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    can = case_permissions(request.user, case)
    members = list(selectors.panel_members(case))
    appointments = selectors.chair_appointments(case)
    under_way = case.stage in REVIEW_UNDER_WAY
    return render(
        request,
        "panels/panel_page.html",
        {
            "case": case,
            "current": next((a for a in appointments if a.ended_at is None), None),
            "earlier": [a for a in appointments if a.ended_at is not None],
            "members": members,
            "warnings": selectors.panel_warnings(selectors.counts_of(members)),
            "declined": selectors.agencies_declined(case),
            "may_appoint": under_way and "edit_case_file" in can,
            "may_manage": under_way and "manage_panel" in can,
            "may_tell_home_office": "send_to_home_office" in can,
        },
    )


def _open_panel_for(request, reference):
    case = get_case_for(request.user, reference, "cases.manage_panel")
    if case.stage not in REVIEW_UNDER_WAY:
        raise Http404("The panel is not changed at this stage of the case.")
    return case


@require_http_methods(["GET", "POST"])
@once_per_form
def add_member(request, reference):
    case = _open_panel_for(request, reference)
    form = PanelMemberForm(submitted(request))
    return _case_form_page(
        request,
        case,
        form,
        act=lambda data: panel_services.add_panel_member(
            case=case, by=request.user, **form.member()
        ),
        success="Panel member added.",
        then=_panel_url(case),
        title="Add a panel member",
        lede="Members give two declarations when they join: no direct involvement with the "
        "people the review is about, and the confidentiality undertaking.",
        submit="Add the member",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def member_left(request, reference, member_id):
    case = _open_panel_for(request, reference)
    member = get_object_or_404(case.panel_members, pk=member_id, left_on__isnull=True)
    return _case_form_page(
        request,
        case,
        MemberLeftForm(submitted(request)),
        act=lambda data: panel_services.record_member_left(member=member, by=request.user, **data),
        success=f"{member.name} has left the panel. Their row stays, with the date.",
        then=_panel_url(case),
        title=f"{member.name} leaves the panel",
        lede="Their record stays on the panel's list. If they have an account, their role on "
        "the case ends.",
        submit="Record that they left",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def agency_declined(request, reference):
    case = _open_panel_for(request, reference)
    return _case_form_page(
        request,
        case,
        AgencyDeclinedForm(submitted(request)),
        act=lambda data: panel_services.record_agency_declined(case=case, by=request.user, **data),
        success="Recorded. The partnership's officers are asked to tell the Home Office.",
        then=_panel_url(case),
        title="An agency declines to take part",
        lede="The partnership's officers are asked to write to the Home Office, which may "
        "direct the agency to take part (s.9(2) of the 2004 Act).",
        submit="Record and escalate",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def declined_home_office_told(request, reference, declined_id):
    case = get_case_for(request.user, reference, "cases.send_to_home_office")
    declined = get_object_or_404(
        case.agencies_declined, pk=declined_id, home_office_told_on__isnull=True
    )
    return _case_form_page(
        request,
        case,
        HomeOfficeToldForm(submitted(request)),
        act=lambda data: panel_services.record_home_office_told_of_declining(
            declined=declined, by=request.user, **data
        ),
        success="Recorded the date the Home Office was told.",
        then=_panel_url(case),
        title=f"The Home Office is told that {declined.agency} declined",
        submit="Save the date",
    )


def _missing_for_start_imrs(case) -> list[str]:
    """Every guard of start_imrs that refuses now, so the page lists all that is missing
    at once rather than one refusal at a time."""
    missing = []
    for guard in guards_of(TRANSITIONS_BY_NAME["start_imrs"]):
        for part in getattr(guard, "parts", (guard,)):
            if (message := part(case)) and message not in missing:
                missing.append(message)
    return missing


@require_http_methods(["GET", "POST"])
@once_per_form
def start_imrs(request, reference):
    case = get_case_for(request.user, reference, "cases.commission_imr")
    if not stage_allows(case, "start_imrs"):
        raise Http404("The IMRs are commissioned from panel set-up only.")
    return _case_form_page(
        request,
        case,
        StartImrsForm(submitted(request)),
        act=lambda data: case_services.perform_transition(
            case=case, name="start_imrs", by=request.user
        ),
        success="The IMRs are commissioned: the review has moved on to the agencies' reviews.",
        template="panels/panel_start_imrs.html",
        title="Commission the IMRs",
        missing=_missing_for_start_imrs(case),
        submit="Commission the IMRs",
    )
