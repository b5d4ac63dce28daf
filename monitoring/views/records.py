"""The partnership's monitoring records: challenge meetings and their challenges, the Home
Office's update requests and answers, and the dissemination log; each a list for the case
file's readers and forms for the CSP officer or chair."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cases.access import case_permissions, get_case_for
from cases.submissions import once_per_form
from cases.views import _case_form_page
from dhr.forms import submitted

from ..forms import (
    ChallengeForm,
    ChallengeMeetingForm,
    DisseminationForm,
    HomeOfficeAnswerForm,
    HomeOfficeRequestForm,
    ResponseForm,
)
from ..models import Challenge
from ..services import MONITORS, is_monitoring
from ..services import records as services

WRITE = f"cases.{MONITORS}"


def _url(name, case) -> str:
    return reverse(f"monitoring:{name}", kwargs={"reference": case.reference})


def _writable(request, reference):
    case = get_case_for(request.user, reference, WRITE)
    if not is_monitoring(case):
        raise Http404("These are recorded only at the monitoring stage.")
    return case


def _list(request, reference, template, **rows):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    return render(
        request,
        f"monitoring/{template}.html",
        {
            "case": case,
            "may_record": MONITORS in case_permissions(request.user, case) and is_monitoring(case),
            **{name: query(case) for name, query in rows.items()},
        },
    )


def challenges(request, reference):
    return _list(
        request,
        reference,
        "challenges",
        meetings=lambda case: case.challenge_meetings.prefetch_related(
            Prefetch(
                "challenges",
                queryset=Challenge.objects.select_related(
                    "action__lead_agency", "action__recommendation"
                ),
            )
        ),
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_meeting(request, reference):
    case = _writable(request, reference)
    return _case_form_page(
        request,
        case,
        ChallengeMeetingForm(submitted(request)),
        act=lambda data: services.record_challenge_meeting(case=case, by=request.user, **data),
        success="Challenge meeting recorded. Add the challenges made.",
        then=_url("challenges", case),
        title="Record a challenge meeting",
        lede="The standing panel meets to monitor the action plan and make challenges.",
        submit="Record the meeting",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def add_challenge(request, reference, meeting_id):
    case = _writable(request, reference)
    meeting = get_object_or_404(case.challenge_meetings, pk=meeting_id)
    return _case_form_page(
        request,
        case,
        ChallengeForm(submitted(request), case=case),
        act=lambda data: services.add_challenge(meeting=meeting, by=request.user, **data),
        success="Challenge added.",
        then=_url("challenges", case),
        title=f"Add a challenge made at the meeting of {meeting.held_on:%-d %B %Y}",
        submit="Add the challenge",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_response(request, reference, meeting_id, challenge_id):
    case = _writable(request, reference)
    challenge = get_object_or_404(
        Challenge.objects.filter(meeting__case=case, meeting_id=meeting_id, response=""),
        pk=challenge_id,
    )
    return _case_form_page(
        request,
        case,
        ResponseForm(submitted(request)),
        act=lambda data: services.record_response(challenge=challenge, by=request.user, **data),
        success="Response recorded.",
        then=_url("challenges", case),
        title="Record the response to a challenge",
        lede=challenge.challenge,
        submit="Record the response",
    )


def home_office_requests(request, reference):
    return _list(
        request,
        reference,
        "home_office_requests",
        requests=lambda case: case.home_office_update_requests.all(),
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_home_office_request(request, reference):
    case = _writable(request, reference)
    return _case_form_page(
        request,
        case,
        HomeOfficeRequestForm(submitted(request)),
        act=lambda data: services.record_home_office_request(case=case, by=request.user, **data),
        success="The Home Office's request is recorded.",
        then=_url("home_office_requests", case),
        title="Record a Home Office request for an update",
        submit="Record the request",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_home_office_answer(request, reference, request_id):
    case = _writable(request, reference)
    asked = get_object_or_404(case.home_office_update_requests, pk=request_id)
    if asked.answered_on:
        raise Http404("This request is answered already.")
    return _case_form_page(
        request,
        case,
        HomeOfficeAnswerForm(submitted(request)),
        act=lambda data: services.record_home_office_answer(request=asked, by=request.user, **data),
        success="The answer is recorded.",
        then=_url("home_office_requests", case),
        title="Record the answer to the Home Office",
        lede=asked.asked,
        submit="Record the answer",
    )


def dissemination(request, reference):
    return _list(
        request, reference, "dissemination", entries=lambda case: case.disseminations.all()
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_dissemination(request, reference):
    case = _writable(request, reference)
    return _case_form_page(
        request,
        case,
        DisseminationForm(submitted(request)),
        act=lambda data: services.record_dissemination(case=case, by=request.user, **data),
        success="The learning shared is recorded.",
        then=_url("dissemination", case),
        title="Record learning shared",
        lede="Good practice as well as failings: what was shared, with whom, how and when.",
        submit="Record it",
    )
