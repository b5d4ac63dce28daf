"""Meetings through their services and pages: the calendar invitation attached to the
e-mail (parsed back), the restricted minutes and their logged download, the reminder the
day before, and the uploads refused."""

import io
import zipfile
from datetime import datetime, time
from io import StringIO

import pikepdf
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cases import inbox
from cases.models import AccessLogEntry, EmailDelivery, Message, Reminder
from cases.roles import CaseRole
from cases.services import CaseActionRefused
from panels.models import Meeting, MeetingAttendee, MeetingOutcome
from panels.services import meetings
from tests.case_factories import (
    case_awaiting_decision,
    case_member,
    case_with_letters_sent,
    days_ago,
    partnership_with_staff,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    partnership, officer, _ = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer, notified_on=days_ago(30))
    return case, officer, case_member(case, CaseRole.INDEPENDENT_CHAIR)


def at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def arrange(case, by, *, starts_at=None, invited=(), **details):
    return meetings.schedule_meeting(
        case=case,
        by=by,
        kind=details.pop("kind", Meeting.Kind.PANEL),
        starts_at=starts_at or at(days_ago(-7)),
        venue=details.pop("venue", "Civic Centre, Room 2"),
        agenda=details.pop("agenda", "1. Scoping returns"),
        invited=list(invited),
        other_attendees=details.pop("other_attendees", []),
    )


def sweep_outbox():
    """Send what the outbox holds, as its sweep does."""
    for delivery_id in inbox.emails_left_pending():
        inbox.send_email(delivery_id=delivery_id)
    return [email for email in mail.outbox if "invited" in email.subject]


def test_the_invited_members_get_a_message_and_an_e_mail_with_the_calendar_file(review):
    case, officer, independent_chair = review
    panel_member = case_member(case, CaseRole.PANEL_MEMBER)
    starts_at = at(days_ago(-7), 14)
    meeting = arrange(
        case,
        officer,
        starts_at=starts_at,
        invited=[independent_chair, panel_member],
        other_attendees=["Family advocate"],
        agenda="Discuss the victim's GP records",
        venue="Civic Centre; Room 2, Riverside",
    )
    invitations = sweep_outbox()

    assert sorted(meeting.attendees.values_list("name", flat=True)) == sorted(
        [independent_chair.full_name, panel_member.full_name, "Family advocate"]
    )
    told = Message.objects.filter(case=case, text__contains="invited")
    assert {m.user for m in told} == {independent_chair, panel_member}
    assert sorted(m.to[0] for m in invitations) == sorted(
        [independent_chair.email, panel_member.email]
    )
    for email in invitations:
        [(name, content, content_type)] = email.attachments
        assert (name, content_type) == ("invitation.ics", "text/calendar")
        [event] = Calendar.from_ical(content).walk("VEVENT")
        assert event.decoded("dtstart") == starts_at
        assert event.decoded("dtend") == starts_at + meetings.INVITATION_LENGTH
        assert str(event["location"]) == "Civic Centre; Room 2, Riverside"
        assert str(event["summary"]) == f"{case.reference}: Panel meeting"
        assert str(event["uid"]).startswith(str(meeting.calendar_uid))
        # Like the e-mail, the file names the case, never its details.
        assert "GP records" not in content and "GP records" not in email.body


def test_a_copy_sent_again_after_a_crash_carries_the_same_calendar_file(review):
    case, officer, independent_chair = review
    arrange(case, officer, invited=[independent_chair])
    delivery = EmailDelivery.objects.get(
        message__user=independent_chair, message__text__contains="invited"
    )
    assert inbox.send_email(delivery_id=delivery.pk)
    EmailDelivery.objects.filter(pk=delivery.pk).update(
        status=EmailDelivery.Status.PENDING
    )  # as a sweep finds a row a dead worker left
    assert inbox.send_email(delivery_id=delivery.pk)
    first, again = mail.outbox
    assert first.attachments == again.attachments
    assert first.extra_headers["Message-ID"] == again.extra_headers["Message-ID"]


def test_a_meeting_recorded_after_it_took_place_invites_nobody(review):
    case, officer, independent_chair = review
    arrange(case, officer, starts_at=at(days_ago(3)), invited=[independent_chair])
    assert not Message.objects.filter(case=case, text__contains="invited").exists()


def test_only_members_of_the_case_are_invited_and_a_meeting_is_not_recorded_twice(review):
    case, officer, _ = review
    other_case = case_with_letters_sent(case.partnership, officer)
    stranger = case_member(other_case, CaseRole.PANEL_MEMBER)
    with pytest.raises(CaseActionRefused) as refused:
        arrange(case, officer, invited=[stranger])
    assert refused.value.field == "invited"
    arrange(case, officer)
    with pytest.raises(CaseActionRefused) as refused:
        arrange(case, officer)
    assert refused.value.field == "starts_at"
    assert Meeting.objects.filter(case=case).count() == 1


def test_the_meeting_is_arranged_from_its_page(client, review):
    case, officer, independent_chair = review
    client.force_login(independent_chair)
    day = days_ago(-3)
    response = client.post(
        reverse("panels:arrange_meeting", kwargs={"reference": case.reference}),
        {
            "kind": Meeting.Kind.FAMILY,
            "meets_on_day": day.day,
            "meets_on_month": day.month,
            "meets_on_year": day.year,
            "meets_at": "18:30",
            "venue": "The family's home",
            "invited": [officer.pk],
            "other_attendees": "Rachel (daughter)\n\n  Advocate  \n",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(case=case)
    assert timezone.localtime(meeting.starts_at).time() == time(18, 30)
    assert sorted(meeting.attendees.values_list("name", flat=True)) == sorted(
        ["Advocate", officer.full_name, "Rachel (daughter)"]
    )
    assert case.events.filter(name="panels.meeting.scheduled").exists()


# A meeting's page in production settings, under a list page's ceiling of 8: the baseline
# (session, user, second factor), the case, the meeting with who arranged it and who
# recorded its minutes, its attendees and its outcomes.
MEETING_PAGE = 7


@pytest.mark.parametrize("rows", [1, 50])
def test_a_meeting_page_costs_the_same_for_1_or_50(
    client, review, verified, django_assert_max_num_queries, rows
):
    case, officer, _ = review
    guests = [f"Guest {number}" for number in range(rows)]
    meeting = arrange(case, officer, starts_at=at(days_ago(1)), other_attendees=guests)
    for number in range(rows):
        meetings.record_meeting_outcome(
            meeting=meeting, by=officer, kind=MeetingOutcome.Kind.DECISION, description=f"D{number}"
        )
    verified(officer)
    client.get(meetings.meeting_url(meeting))  # the permission ids are read once per process

    with django_assert_max_num_queries(MEETING_PAGE):
        response = client.get(meetings.meeting_url(meeting))

    page = response.content.decode()
    assert f"Guest {rows - 1}:" in page and f"D{rows - 1}" in page
    assert officer.full_name in page  # who arranged it


# Minutes -------------------------------------------------------------------------------


def minutes_pdf(change=None, name="minutes.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(change), content_type="application/pdf")


def with_javascript(pdf):
    pdf.Root.OpenAction = pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('hello')")
    )


def docx_bytes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def post_minutes(client, meeting, **data):
    url = reverse(
        "panels:record_minutes",
        kwargs={"reference": meeting.case.reference, "meeting_id": meeting.pk},
    )
    return client.post(url, data)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: minutes_pdf(with_javascript), "The copy of the minutes contains JavaScript"),
        (
            lambda: SimpleUploadedFile("minutes.docx", docx_bytes()),
            "The copy of the minutes must be a PDF.",
        ),
        (
            lambda: SimpleUploadedFile("minutes.pdf", b"Not really a PDF"),
            "The copy of the minutes must be a PDF.",
        ),
    ],
    ids=["javascript", "docx-not-yet", "renamed-text"],
)
def test_an_unsafe_or_wrong_upload_of_minutes_is_refused_and_nothing_is_saved(
    client, review, upload, message
):
    case, officer, _ = review
    meeting = arrange(case, officer, starts_at=at(days_ago(1)))
    client.force_login(officer)
    response = post_minutes(client, meeting, minutes_copy=upload())
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Meeting.objects.get(pk=meeting.pk).has_minutes


def test_minutes_are_refused_before_the_meeting_and_without_text_or_a_copy(review):
    case, officer, _ = review
    coming = arrange(case, officer)
    with pytest.raises(CaseActionRefused):
        meetings.record_minutes(meeting=coming, by=officer, minutes="Too early")
    held = arrange(case, officer, starts_at=at(days_ago(1)))
    with pytest.raises(CaseActionRefused) as refused:
        meetings.record_minutes(meeting=held, by=officer, minutes="  ")
    assert refused.value.field == "minutes"


def test_nobody_both_attends_and_sends_apologies(review):
    case, officer, independent_chair = review
    meeting = arrange(case, officer, starts_at=at(days_ago(1)), invited=[independent_chair])
    [attendee] = meeting.attendees.all()
    with pytest.raises(CaseActionRefused) as refused:
        meetings.record_minutes(
            meeting=meeting, by=officer, minutes="x", attended=[attendee], apologies=[attendee]
        )
    assert refused.value.field == "apologies"


def test_the_minutes_pdf_is_downloaded_through_a_logged_restricted_view(client, review):
    case, officer, independent_chair = review
    meeting = arrange(
        case, officer, starts_at=at(days_ago(1)), invited=[independent_chair, officer]
    )
    client.force_login(officer)
    chair_attendee = meeting.attendees.get(user=independent_chair)
    response = post_minutes(
        client,
        meeting,
        minutes="Agreed the scope.",
        minutes_copy=minutes_pdf(),
        attended=[chair_attendee.pk],
        apologies=[meeting.attendees.get(user=officer).pk],
    )
    assert response.status_code == 302
    assert MeetingAttendee.objects.get(pk=chair_attendee.pk).attendance == "attended"

    panel_member = case_member(case, CaseRole.PANEL_MEMBER)
    author = case_member(case, CaseRole.IMR_AUTHOR)
    url = reverse(
        "panels:minutes_copy", kwargs={"reference": case.reference, "meeting_id": meeting.pk}
    )
    client.force_login(panel_member)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert AccessLogEntry.objects.filter(
        case=case, user=panel_member, what=AccessLogEntry.What.DOCUMENT
    ).exists()
    client.force_login(author)
    assert client.get(url).status_code == 404
    detail = reverse(
        "panels:meeting", kwargs={"reference": case.reference, "meeting_id": meeting.pk}
    )
    assert client.get(detail).status_code == 404


def test_an_action_needs_an_owner_and_a_date(review):
    case, officer, _ = review
    meeting = arrange(case, officer, starts_at=at(days_ago(1)))
    with pytest.raises(CaseActionRefused) as refused:
        meetings.record_meeting_outcome(
            meeting=meeting, by=officer, kind=MeetingOutcome.Kind.ACTION, description="Chase"
        )
    assert refused.value.field == "owner"
    decision = meetings.record_meeting_outcome(
        meeting=meeting, by=officer, kind=MeetingOutcome.Kind.DECISION, description="Scope: 5 years"
    )
    assert decision.owner == "" and decision.due_on is None


# The reminder the day before -----------------------------------------------------------


def test_attendees_are_reminded_the_day_before_once_and_not_those_who_sent_apologies(review):
    case, officer, independent_chair = review
    panel_member = case_member(case, CaseRole.PANEL_MEMBER)
    meeting = arrange(
        case, officer, starts_at=at(days_ago(-2), 9), invited=[independent_chair, panel_member]
    )
    MeetingAttendee.objects.filter(meeting=meeting, user=panel_member).update(
        attendance=MeetingAttendee.Attendance.APOLOGIES
    )
    mail.outbox.clear()

    for day in (days_ago(0), days_ago(-1), days_ago(-1), days_ago(-2)):
        call_command("send_reminders", "--date", day.isoformat(), stdout=StringIO())

    [reminder] = Reminder.objects.filter(rule="meeting_tomorrow")
    assert reminder.due_on == days_ago(-2) and reminder.days_from_due == -1
    assert reminder.subject == "the panel meeting at 09:00"
    assert [m.user for m in Message.objects.filter(reminder=reminder)] == [independent_chair]
    assert [m.to for m in mail.outbox if "meeting at" in m.subject] == [[independent_chair.email]]


def test_meetings_show_on_the_task_list_and_their_records_in_the_audit_trail(client, review):
    case, officer, _ = review
    client.force_login(officer)
    page = client.get(case.get_absolute_url()).content.decode()
    assert reverse("panels:meetings", kwargs={"reference": case.reference}) in page
    arrange(case, officer)
    page = client.get(reverse("cases:audit", kwargs={"reference": case.reference}))
    assert "Meeting: Panel meeting" in page.content.decode()


def test_a_meeting_cannot_be_arranged_before_the_decision_to_review(review):
    case, officer, _ = review
    awaiting = case_awaiting_decision(case.partnership, officer)
    with pytest.raises(CaseActionRefused):
        arrange(awaiting, officer)
