"""The partnership's records while the action plan is monitored, each written by the CSP
officer (or the chair): the standing panel's challenge meetings and the challenges made
(seed 002 (13)(e)); the Home Office's requests for an update and the answers (seed 000
l.296); and the dissemination log (seed 000 l.273-277, l.414-421; seed 001 §4.33-4.34)."""

from datetime import date

from django.db import transaction

from cases.clocks import today
from cases.models import Case, User
from cases.services import CaseActionRefused, record_event
from reports.models import Action

from ..models import Challenge, ChallengeMeeting, Dissemination, HomeOfficeUpdateRequest
from . import MONITORS, lock_while_monitoring

RECORDS = "Only the CSP officer or the CSP chair records this."


def _lock(case: Case, by: User) -> Case:
    return lock_while_monitoring(case, by=by, permission=MONITORS, refusal=RECORDS)


def _not_in_future(on: date, field: str, label: str) -> None:
    if on > today():
        raise CaseActionRefused(f"{label} must be today or in the past.", field=field)


def _saved(record, by: User):
    record._history_user = by
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def record_challenge_meeting(
    *, case: Case, by: User, held_on: date, attendees: str
) -> ChallengeMeeting:
    case = _lock(case, by)
    _not_in_future(held_on, "held_on", "The date of the meeting")
    meeting = _saved(
        ChallengeMeeting(case=case, held_on=held_on, attendees=attendees.strip(), recorded_by=by),
        by,
    )
    record_event(
        case=case,
        name="monitoring.challenge_meeting.recorded",
        description=f"The standing panel's challenge meeting of {held_on:%-d %B %Y} recorded",
        actor=by,
    )
    return meeting


@transaction.atomic
def add_challenge(
    *,
    meeting: ChallengeMeeting,
    by: User,
    challenge: str,
    response: str = "",
    action: Action | None = None,
) -> Challenge:
    case = _lock(meeting.case, by)
    if action is not None and action.case.pk != case.pk:
        raise CaseActionRefused("Choose an action of this review's plan.", field="action")
    return _saved(
        Challenge(
            meeting=meeting,
            case=case,
            action=action,
            challenge=challenge.strip(),
            response=response.strip(),
        ),
        by,
    )


@transaction.atomic
def record_response(*, challenge: Challenge, by: User, response: str) -> Challenge:
    """The response to a challenge, when it comes after the meeting."""
    _lock(challenge.case, by)
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if challenge.response:
        raise CaseActionRefused("This challenge has its response already.")
    challenge.response = response.strip()
    return _saved(challenge, by)


@transaction.atomic
def record_home_office_request(
    *, case: Case, by: User, received_on: date, asked: str
) -> HomeOfficeUpdateRequest:
    case = _lock(case, by)
    _not_in_future(received_on, "received_on", "The date received")
    request = _saved(
        HomeOfficeUpdateRequest(
            case=case, received_on=received_on, asked=asked.strip(), recorded_by=by
        ),
        by,
    )
    record_event(
        case=case,
        name="monitoring.home_office_request.recorded",
        description="The Home Office asked for an update on the action plan",
        actor=by,
    )
    return request


@transaction.atomic
def record_home_office_answer(
    *, request: HomeOfficeUpdateRequest, by: User, answer: str, answered_on: date
) -> HomeOfficeUpdateRequest:
    case = _lock(request.case, by)
    request = HomeOfficeUpdateRequest.objects.select_for_update().get(pk=request.pk)
    if request.answered_on:
        raise CaseActionRefused("This request is answered already.")
    _not_in_future(answered_on, "answered_on", "The date the answer was sent")
    if answered_on < request.received_on:
        raise CaseActionRefused(
            "The date the answer was sent must be on or after the date the request was received.",
            field="answered_on",
        )
    request.answer = answer.strip()
    request.answered_on = answered_on
    _saved(request, by)
    record_event(
        case=case,
        name="monitoring.home_office_request.answered",
        description="The Home Office's request for an update answered",
        actor=by,
    )
    return request


@transaction.atomic
def record_dissemination(
    *,
    case: Case,
    by: User,
    shared_on: date,
    learning: str,
    what: str,
    audience: str,
    how: str,
    decided_by: str,
    audience_detail: str = "",
) -> Dissemination:
    case = _lock(case, by)
    _not_in_future(shared_on, "shared_on", "The date shared")
    if audience == Dissemination.Audience.OTHER and not audience_detail.strip():
        raise CaseActionRefused("Enter who the learning was shared with.", field="audience_detail")
    entry = _saved(
        Dissemination(
            case=case,
            shared_on=shared_on,
            learning=learning,
            what=what.strip(),
            audience=audience,
            audience_detail=audience_detail.strip(),
            how=how.strip(),
            decided_by=decided_by.strip(),
            recorded_by=by,
        ),
        by,
    )
    record_event(
        case=case,
        name="monitoring.learning.shared",
        description=f"Learning shared with {entry.get_audience_display()}"[:300],
        actor=by,
    )
    return entry
