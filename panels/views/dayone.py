"""Day-one pages: scoping and securing records, the early-learning log, risks to life."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cases.access import case_permissions, get_case_for
from cases.submissions import once_per_form
from cases.views import _case_form_page
from dhr.forms import submitted

from ..forms.dayone import AskAgencyForm, EarlyLessonForm, RiskToLifeForm, ScopingAnswerForm
from ..forms.times import local_datetime
from ..services import dayone


def _url(name: str, case) -> str:
    return reverse(f"panels:{name}", kwargs={"reference": case.reference})


# Scoping --------------------------------------------------------------------------------


def scoping(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    can = case_permissions(request.user, case)
    return render(
        request,
        "panels/scoping_list.html",
        {
            "case": case,
            "requests": dayone.scoping_requests(case),
            "may_ask": "manage_panel" in can and case.stage in dayone.SCOPING_STAGES,
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def ask_agency(request, reference):
    case = get_case_for(request.user, reference, "cases.manage_panel")
    if case.stage not in dayone.SCOPING_STAGES:
        raise Http404("Agencies are not asked at this stage.")
    return _case_form_page(
        request,
        case,
        AskAgencyForm(submitted(request), case=case),
        act=lambda data: dayone.ask_agency_to_secure_records(case=case, by=request.user, **data),
        success="Recorded: the agency was asked to secure its records.",
        then=_url("scoping", case),
        title="Ask an agency to secure its records",
        lede="Each agency that may have known the victim or the perpetrator is asked, as soon "
        "as a review is likely, to secure its records against loss and interference and to "
        "say whether it had contact. A pause of the review does not stop this.",
        submit="Record the request",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def answer_scoping(request, reference, request_id):
    case = get_case_for(request.user, reference, "cases.manage_panel")
    scoping_request = get_object_or_404(
        case.scoping_requests.select_related("agency"), pk=request_id, answered_on=None
    )
    return _case_form_page(
        request,
        case,
        ScopingAnswerForm(submitted(request)),
        act=lambda data: dayone.record_scoping_answer(
            scoping_request=scoping_request, by=request.user, **data
        ),
        success=f"{scoping_request.agency}'s answer is recorded.",
        then=_url("scoping", case),
        title=f"Record the answer of {scoping_request.agency}",
        lede=f"Asked on {scoping_request.asked_on:%-d %B %Y}. “No contact” is an answer too.",
        submit="Record the answer",
    )


# Early learning -------------------------------------------------------------------------


def early_learning(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    can = case_permissions(request.user, case)
    return render(
        request,
        "panels/learning_list.html",
        {
            "case": case,
            "lessons": dayone.early_lessons(case),
            "may_record": "manage_panel" in can and case.stage in dayone.LEARNING_STAGES,
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_lesson(request, reference):
    case = get_case_for(request.user, reference, "cases.manage_panel")
    if case.stage not in dayone.LEARNING_STAGES:
        raise Http404("Early lessons are not recorded at this stage.")
    return _case_form_page(
        request,
        case,
        EarlyLessonForm(submitted(request)),
        act=lambda data: dayone.record_early_lesson(case=case, by=request.user, **data),
        success="Early lesson recorded.",
        then=_url("early_learning", case),
        title="Record an early lesson",
        lede="Lessons that need action now are acted on without waiting for the report, and "
        "forwarded to the disclosure officer.",
        submit="Record the lesson",
    )


# Risk to life ---------------------------------------------------------------------------


def escalations(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    can = case_permissions(request.user, case)
    return render(
        request,
        "panels/escalation_list.html",
        {
            "case": case,
            "escalations": dayone.risk_escalations(case),
            # Who is at risk is restricted like the people register (DOMAIN 2.0 item 3).
            "sees_names": "view_people_register" in can,
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_escalation(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")

    def act(data):
        raised_at = local_datetime(data.pop("raised_on"), data.pop("raised_at_time"))
        dayone.record_risk_to_life(case=case, by=request.user, raised_at=raised_at, **data)

    return _case_form_page(
        request,
        case,
        RiskToLifeForm(submitted(request)),
        act=act,
        success="Recorded. The CSP officer and the chairs have been told.",
        then=_url("escalations", case),
        title="Record a risk to life",
        lede="If anyone is at risk of imminent physical harm, call the police on 999 first. "
        "Then record who raised it and the police's reference here.",
        submit="Record the risk to life",
    )
