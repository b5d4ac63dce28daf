"""Meeting pages: the list, one meeting with its restricted minutes, and their forms."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cases import services as case_services
from cases.access import case_permissions, get_case_for
from cases.models import AccessLogEntry
from cases.submissions import once_per_form
from cases.views import _case_form_page
from dhr.forms import submitted, submitted_files

from ..forms.meetings import MeetingForm, MeetingOutcomeForm, MinutesForm
from ..forms.times import local_datetime
from ..services import meetings


def meeting_list(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    can = case_permissions(request.user, case)
    return render(
        request,
        "panels/meetings_list.html",
        {
            "case": case,
            "meetings": meetings.meetings_of(case),
            "may_arrange": "manage_panel" in can and case.stage in meetings.MEETING_STAGES,
        },
    )


def _meeting(case, meeting_id):
    return get_object_or_404(
        meetings.meetings_of(case).select_related("scheduled_by", "minutes_recorded_by"),
        pk=meeting_id,
    )


def meeting_detail(request, reference, meeting_id):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    can = case_permissions(request.user, case)
    meeting = _meeting(case, meeting_id)
    return render(
        request,
        "panels/meetings_detail.html",
        {
            "case": case,
            "meeting": meeting,
            "attendees": meeting.attendees.all(),
            "outcomes": meeting.outcomes.all(),
            # Minutes are restricted to those who read the review's submissions (DESIGN §5).
            "reads_minutes": "read_submissions" in can,
            "may_manage": "manage_panel" in can and meeting.has_taken_place,
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def arrange_meeting(request, reference):
    case = get_case_for(request.user, reference, "cases.manage_panel")
    if case.stage not in meetings.MEETING_STAGES:
        raise Http404("Meetings are not arranged at this stage.")

    def act(data):
        starts_at = local_datetime(data.pop("meets_on"), data.pop("meets_at"))
        return meetings.schedule_meeting(case=case, by=request.user, starts_at=starts_at, **data)

    return _case_form_page(
        request,
        case,
        MeetingForm(submitted(request), case=case),
        act=act,
        success="Meeting recorded. People on the case you invited have been sent the "
        "calendar invitation.",
        then=reverse("panels:meetings", kwargs={"reference": case.reference}),
        title="Arrange a meeting",
        submit="Record the meeting",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_minutes(request, reference, meeting_id):
    case = get_case_for(request.user, reference, "cases.manage_panel")
    meeting = _meeting(case, meeting_id)
    if not meeting.has_taken_place or meeting.has_minutes:
        raise Http404("Minutes are not recorded for this meeting now.")
    return _case_form_page(
        request,
        case,
        MinutesForm(submitted(request), submitted_files(request), meeting=meeting),
        act=lambda data: meetings.record_minutes(meeting=meeting, by=request.user, **data),
        success="Minutes recorded.",
        then=meetings.meeting_url(meeting),
        title=f"Record the minutes: {meeting}",
        lede="The minutes are restricted: only the officer, the chairs and the panel read them.",
        submit="Record the minutes",
        multipart=True,
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_outcome(request, reference, meeting_id):
    case = get_case_for(request.user, reference, "cases.manage_panel")
    meeting = _meeting(case, meeting_id)
    if not meeting.has_taken_place:
        raise Http404("The meeting has not met yet.")
    return _case_form_page(
        request,
        case,
        MeetingOutcomeForm(submitted(request)),
        act=lambda data: meetings.record_meeting_outcome(meeting=meeting, by=request.user, **data),
        success="Recorded.",
        then=meetings.meeting_url(meeting),
        title=f"Record a decision or an action: {meeting}",
        submit="Record it",
    )


@never_cache
def minutes_copy(request, reference, meeting_id):
    case = get_case_for(request.user, reference, "cases.read_submissions")
    meeting = _meeting(case, meeting_id)
    if not meeting.minutes_copy:
        raise Http404("No copy of the minutes is kept.")
    case_services.log_access(
        case=case,
        user=request.user,
        what=AccessLogEntry.What.DOCUMENT,
        detail=f"Minutes of the {meeting}"[:200],
    )
    return FileResponse(
        meeting.minutes_copy.open("rb"),
        as_attachment=True,
        filename=meeting.minutes_copy_name,
        content_type="application/pdf",
    )
