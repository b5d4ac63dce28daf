"""The recommendations and the action plan: the lists, the chair's forms, and the agencies'
agreements (their senior manager's on the service, or one recorded by the chair or the CSP
officer)."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cases.access import case_permissions, get_case_for
from cases.models import Agency
from cases.roles import CaseRole
from cases.submissions import once_per_form
from cases.views import _case_form_page
from dhr.forms import submitted

from ..forms.action_plan import (
    ActionForm,
    AgreeActionsForm,
    CarryForm,
    RecommendationForm,
    RecordAgreementForm,
)
from ..models import Action
from ..services import action_plan as services
from ..services import is_drafting
from ..services.before_sign_off import agency_agreements


def recommendations_url(case) -> str:
    return reverse("reports:recommendations", kwargs={"reference": case.reference})


def action_plan_url(case) -> str:
    return reverse("reports:action_plan", kwargs={"reference": case.reference})


def _drafting(case):
    if not is_drafting(case):
        raise Http404("The action plan is written while the report is drafted.")
    return case


def recommendations(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    return render(
        request,
        "reports/recommendations.html",
        {
            "case": case,
            "recommendations": case.recommendations.select_related("agency"),
            "may_write": "write_overview_report" in case_permissions(request.user, case)
            and is_drafting(case),
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def add_recommendation(request, reference):
    case = _drafting(get_case_for(request.user, reference, "cases.write_overview_report"))
    return _case_form_page(
        request,
        case,
        RecommendationForm(submitted(request)),
        act=lambda data: services.add_recommendation(case=case, by=request.user, **data),
        success="Recommendation added.",
        then=recommendations_url(case),
        title="Add an overview recommendation",
        submit="Add the recommendation",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def change_recommendation(request, reference, recommendation_id):
    case = _drafting(get_case_for(request.user, reference, "cases.write_overview_report"))
    recommendation = get_object_or_404(case.recommendations, pk=recommendation_id)
    return _case_form_page(
        request,
        case,
        RecommendationForm(submitted(request), initial={"text": recommendation.text}),
        act=lambda data: services.change_recommendation(
            recommendation=recommendation, by=request.user, **data
        ),
        success=f"Recommendation {recommendation.number} changed.",
        then=recommendations_url(case),
        title=f"Change recommendation {recommendation.number}",
        submit="Save the recommendation",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def carry(request, reference):
    case = _drafting(get_case_for(request.user, reference, "cases.write_overview_report"))
    return _case_form_page(
        request,
        case,
        CarryForm(submitted(request)),
        act=lambda data: services.carry_imr_recommendations(case=case, by=request.user),
        success="The accepted IMRs' recommendations are carried into the report.",
        then=recommendations_url(case),
        title="Carry the IMRs' recommendations",
        lede="Each recommendation of an accepted IMR becomes a single-agency recommendation "
        "of the report, numbered after the others. Those carried already are not carried "
        "again.",
        submit="Carry the recommendations",
    )


def action_plan(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    held = case_permissions(request.user, case)
    drafting = is_drafting(case)
    return render(
        request,
        "reports/action_plan.html",
        {
            "case": case,
            # Each action with its lead agency, in the actions' statement.
            "recommendations": case.recommendations.select_related("agency").prefetch_related(
                Prefetch("actions", Action.objects.select_related("lead_agency"))
            ),
            "agreements": agency_agreements(case),
            "may_write": "write_overview_report" in held and drafting,
            "may_record": "manage_panel" in held and drafting,
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def add_action(request, reference, recommendation_id):
    case = _drafting(get_case_for(request.user, reference, "cases.write_overview_report"))
    recommendation = get_object_or_404(case.recommendations, pk=recommendation_id)
    return _case_form_page(
        request,
        case,
        ActionForm(submitted(request)),
        act=lambda data: services.add_action(
            recommendation=recommendation, by=request.user, **data
        ),
        success="Action added.",
        then=action_plan_url(case),
        title=f"Add an action for recommendation {recommendation.number}",
        lede=recommendation.text,
        submit="Add the action",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def change_action(request, reference, action_id):
    case = _drafting(get_case_for(request.user, reference, "cases.write_overview_report"))
    action = get_object_or_404(
        Action.objects.select_related("recommendation"), recommendation__case=case, pk=action_id
    )
    return _case_form_page(
        request,
        case,
        ActionForm(submitted(request), instance=Action.objects.get(pk=action.pk)),
        act=lambda data: services.change_action(planned=action, by=request.user, **data),
        success="Action changed. Its agency agrees it again.",
        then=action_plan_url(case),
        title=f"Change an action of recommendation {action.recommendation.number}",
        submit="Save the action",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_agreement(request, reference):
    case = _drafting(get_case_for(request.user, reference, "cases.manage_panel"))
    return _case_form_page(
        request,
        case,
        RecordAgreementForm(submitted(request), case=case),
        act=lambda data: services.record_action_agreement(case=case, by=request.user, **data),
        success="The agency's agreement to its actions is recorded.",
        then=action_plan_url(case),
        title="Record an agency's agreement to its actions",
        lede="For an agreement given outside the service: by letter, e-mail or at a meeting. "
        "It covers the agency's actions as they stand now.",
        submit="Record the agreement",
    )


def _senior_manager_agency(request, case, agency_id) -> Agency:
    """The agency, if the person is its senior manager on the case; otherwise 404."""
    membership = (
        case.memberships.filter(
            user=request.user, agency_id=agency_id, role=CaseRole.SENIOR_MANAGER, ended_at=None
        )
        .select_related("agency")
        .first()
    )
    if membership is None:
        raise Http404("No actions of this agency to agree.")
    return membership.agency


@require_http_methods(["GET", "POST"])
@once_per_form
def agree_actions(request, reference, agency_id):
    case = _drafting(get_case_for(request.user, reference, "cases.view_case"))
    agency = _senior_manager_agency(request, case, agency_id)
    actions = Action.objects.filter(recommendation__case=case, lead_agency=agency).select_related(
        "recommendation"
    )
    standing = next((a for a in agency_agreements(case) if a.agency == agency), None)
    return _case_form_page(
        request,
        case,
        AgreeActionsForm(submitted(request)),
        act=lambda data: services.agree_actions(case=case, agency=agency, by=request.user),
        success="You agreed your agency's actions.",
        then=case.get_absolute_url(),
        template="reports/agree_actions.html",
        title=f"Agree {agency}'s actions",
        agency=agency,
        actions=actions,
        standing=standing,
        submit="Agree the actions",
    )
