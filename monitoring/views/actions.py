"""The monitored action plan: its overview with the summary, an agency's own actions for its
senior manager, each action with its updates, evidence, audits and closure, and the forms
that post an update, audit a completed action and agree a closure."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cases.access import case_permissions, get_case_for
from cases.models import AccessLogEntry, Agency
from cases.services import log_access
from cases.submissions import once_per_form
from cases.views import _case_form_page
from dhr.forms import submitted, submitted_files
from dhr.uploads import DocumentField
from reports.models import Action

from .. import selectors
from ..forms import AuditForm, ClosureAgreementForm, UpdateForm
from ..models import ActionUpdate
from ..services import MONITORS, is_monitoring
from ..services import actions as services


def overview_url(case) -> str:
    return reverse("monitoring:overview", kwargs={"reference": case.reference})


def action_url(case, action) -> str:
    return reverse(
        "monitoring:action", kwargs={"reference": case.reference, "action_id": action.pk}
    )


def _monitoring(case):
    if not is_monitoring(case):
        raise Http404("The action plan is monitored only at the monitoring stage.")
    return case


def overview(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    listed = selectors.standings(case)
    held = case_permissions(request.user, case)
    return render(
        request,
        "monitoring/overview.html",
        {
            "case": case,
            "standings": listed,
            "summary": selectors.summary(listed),
            "monitoring": is_monitoring(case),
            "may_conclude": "conclude_review" in held and is_monitoring(case),
        },
    )


def agency_actions(request, reference, agency_id):
    """The actions one agency leads, for its senior manager on the case (no one else)."""
    case = get_case_for(request.user, reference, "cases.update_actions")
    if agency_id not in selectors.senior_manager_agencies(case, request.user):
        raise Http404("Only the agency's senior manager sees its actions here.")
    listed = selectors.standings(case, {agency_id})
    # Its actions are read with their lead agency: read it alone only when it leads none.
    agency = listed[0].action.lead_agency if listed else get_object_or_404(Agency, pk=agency_id)
    return render(
        request,
        "monitoring/agency_actions.html",
        {"case": case, "agency": agency, "standings": listed, "summary": selectors.summary(listed)},
    )


def _refuse_unless_reader(request, case, action) -> set[int] | None:
    """404 unless the user reads the case file or is the senior manager of the agency that
    leads the action; the agencies they manage on the case when it read them."""
    if "view_case_file" in case_permissions(request.user, case):
        return None
    managed = selectors.senior_manager_agencies(case, request.user)
    if action.lead_agency_id in managed:
        return managed
    raise Http404("Only the case file's readers and the lead agency see this action.")


def _action_for_reader(request, reference, action_id):
    """The case and the action, for a reader of the case file or the senior manager of the
    agency that leads it; otherwise 404."""
    case = get_case_for(request.user, reference, "cases.view_case")
    action = get_object_or_404(
        Action.objects.select_related("recommendation", "lead_agency"),
        recommendation__case=case,
        pk=action_id,
    )
    _refuse_unless_reader(request, case, action)
    return case, action


def _standing_for_reader(request, reference, action_id):
    """The case and where the action stands, as _action_for_reader: the action is read with
    the plan's other actions, which its number (its place under its recommendation) needs."""
    case = get_case_for(request.user, reference, "cases.view_case")
    standing = next((s for s in selectors.standings(case) if s.action.pk == action_id), None)
    if standing is None:
        raise Http404("No action found.")
    managed = _refuse_unless_reader(request, case, standing.action)
    return case, standing, managed


def action(request, reference, action_id):
    case, standing, managed = _standing_for_reader(request, reference, action_id)
    held = case_permissions(request.user, case)
    monitoring = is_monitoring(case)
    return render(
        request,
        "monitoring/action.html",
        {
            "case": case,
            "standing": standing,
            "reads_case_file": "view_case_file" in held,
            "may_update": monitoring
            and services.may_update(request.user, case, standing.action, held, managed),
            "may_audit": monitoring and MONITORS in held and standing.to_audit,
            "may_agree": monitoring and "conclude_review" in held and standing.closure_to_agree,
        },
    )


def _action_for(request, reference, action_id, permission):
    case = _monitoring(get_case_for(request.user, reference, permission))
    return case, get_object_or_404(
        Action.objects.select_related("recommendation", "lead_agency"),
        recommendation__case=case,
        pk=action_id,
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def post_update(request, reference, action_id):
    case, action = _action_for(request, reference, action_id, "cases.view_case")
    if not services.may_update(request.user, case, action):
        raise Http404("Only the lead agency's senior manager or the CSP officer updates it.")
    return _case_form_page(
        request,
        case,
        UpdateForm(submitted(request), submitted_files(request)),
        act=lambda data: services.post_update(action=action, by=request.user, **data),
        success="Update posted.",
        then=action_url(case, action),
        title=f"Update {action.lead_agency}'s action",
        lede=action.action,
        submit="Post the update",
        multipart=True,
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def audit(request, reference, action_id):
    case, action = _action_for(request, reference, action_id, f"cases.{MONITORS}")
    return _case_form_page(
        request,
        case,
        AuditForm(submitted(request)),
        act=lambda data: services.audit_action(action=action, by=request.user, **data),
        success="Audit recorded.",
        then=action_url(case, action),
        title=f"Audit {action.lead_agency}'s completed action",
        lede=f"{action.action} Check the evidence that it is complete and has had the "
        "intended outcome.",
        submit="Record the audit",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def agree_closure(request, reference, action_id):
    case, action = _action_for(request, reference, action_id, "cases.conclude_review")
    return _case_form_page(
        request,
        case,
        ClosureAgreementForm(submitted(request)),
        act=lambda data: services.agree_closure(action=action, by=request.user, **data),
        success="You agreed that the action closes without completion.",
        then=action_url(case, action),
        title=f"Agree to close {action.lead_agency}'s action without completion",
        lede=action.action,
        submit="Agree the closure",
    )


@never_cache
def evidence(request, reference, action_id, update_id):
    case, action = _action_for_reader(request, reference, action_id)
    update = get_object_or_404(
        ActionUpdate.objects.select_related("stored").exclude(evidence=""),
        action=action,
        pk=update_id,
    )
    log_access(
        case=case,
        user=request.user,
        what=AccessLogEntry.What.DOCUMENT,
        detail=f"Evidence for {action.lead_agency}'s action: {update.evidence_name}"[:200],
    )
    return FileResponse(
        update.evidence.open("rb"),
        as_attachment=True,
        filename=update.evidence_name,
        content_type=DocumentField.ACCEPT[update.stored.kind],
    )
