"""Day-one work through its services and pages: scoping (a nil return is an answer, a pause
does not stop it, one reminder after 14 days), the early-learning log and risks to life."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cases import inbox, services
from cases.clocks import today
from cases.models import Message, Reminder
from cases.roles import CaseRole
from cases.selectors import case_file, task_list
from cases.services import CaseActionRefused
from panels.models import EarlyLesson, RiskToLifeEscalation, ScopingRequest
from panels.services import dayone
from tests.case_factories import (
    case_awaiting_decision,
    case_member,
    case_with_letters_sent,
    days_ago,
    notified_case,
    partnership_with_staff,
)
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    partnership, officer, chair = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer, notified_on=days_ago(30))
    return case, officer, chair


def ask(case, officer, *, asked_on=None, agency=None):
    return dayone.ask_agency_to_secure_records(
        case=case, by=officer, agency=agency or AgencyFactory(), asked_on=asked_on or days_ago(0)
    )


def scoping_rows(case):
    read = case_file(case, on=today()).case
    return [task for task in task_list(read) if task.name == "Agencies scoped and records secured"]


# Scoping ------------------------------------------------------------------------------


def test_a_nil_return_is_an_answer_and_completes_the_scoping_task(review):
    case, officer, _ = review
    police, housing = AgencyFactory(name="Police"), AgencyFactory(name="Housing")
    asked = [
        ask(case, officer, agency=agency, asked_on=days_ago(3)) for agency in (police, housing)
    ]
    assert scoping_rows(case)[0].status == "in progress"

    dayone.record_scoping_answer(
        scoping_request=asked[0],
        by=officer,
        answered_on=days_ago(1),
        had_contact=True,
        records_secured_on=days_ago(1),
        contact_from=days_ago(400),
        contact_to=days_ago(30),
    )
    nil = dayone.record_scoping_answer(
        scoping_request=asked[1], by=officer, answered_on=days_ago(0), had_contact=False
    )

    assert nil.is_answered and nil.had_contact is False and nil.contact_from is None
    [row] = scoping_rows(case)
    assert row.status == "done"
    assert row.url == reverse("panels:scoping", kwargs={"reference": case.reference})
    events = set(case.events.values_list("name", flat=True))
    assert {"panels.scoping.asked", "panels.scoping.answered"} <= events


def test_scoping_starts_at_the_decision_and_a_pause_does_not_stop_it():
    partnership, officer, _ = partnership_with_staff()
    notified = notified_case(partnership, officer)
    with pytest.raises(CaseActionRefused):
        ask(notified, officer)
    case = case_awaiting_decision(partnership, officer)
    services.pause_case(case=case, by=officer, reason="Criminal trial", starts_on=days_ago(0))
    assert case.open_pause()

    request = ask(case, officer)
    dayone.record_scoping_answer(
        scoping_request=request, by=officer, answered_on=days_ago(0), had_contact=False
    )
    assert ScopingRequest.objects.get(pk=request.pk).is_answered


@pytest.mark.parametrize(
    ("answer", "field"),
    [
        ({"answered_on": days_ago(-1), "had_contact": False}, "answered_on"),
        ({"answered_on": days_ago(20), "had_contact": False}, "answered_on"),
        ({"answered_on": days_ago(0), "had_contact": True}, "contact_from"),
        (
            {
                "answered_on": days_ago(0),
                "had_contact": True,
                "contact_from": days_ago(10),
                "contact_to": days_ago(20),
            },
            "contact_to",
        ),
    ],
    ids=["future", "before-asked", "no-period", "period-backwards"],
)
def test_a_wrong_answer_is_refused_next_to_its_field_and_nothing_is_saved(review, answer, field):
    case, officer, _ = review
    request = ask(case, officer, asked_on=days_ago(5))
    with pytest.raises(CaseActionRefused) as refused:
        dayone.record_scoping_answer(scoping_request=request, by=officer, **answer)
    assert refused.value.field == field
    assert not ScopingRequest.objects.get(pk=request.pk).is_answered


def test_an_agency_is_asked_once_and_only_by_those_who_manage_the_panel(review):
    case, officer, chair = review
    agency = AgencyFactory()
    ask(case, officer, agency=agency)
    with pytest.raises(CaseActionRefused) as refused:
        ask(case, officer, agency=agency)
    assert refused.value.field == "agency"
    with pytest.raises(CaseActionRefused):
        ask(case, chair)  # the CSP chair decides; the officer and independent chair scope
    independent_chair = case_member(case, CaseRole.INDEPENDENT_CHAIR)
    assert ask(case, independent_chair).recorded_by == independent_chair


def send_reminders(on):
    call_command("send_reminders", "--date", on.isoformat(), stdout=StringIO(), stderr=StringIO())


def test_an_unanswered_request_is_reminded_to_the_officer_once_after_14_days(review):
    case, officer, _ = review
    services.pause_case(case=case, by=officer, reason="Criminal trial", starts_on=days_ago(0))
    homes = ask(case, officer, asked_on=days_ago(14), agency=AgencyFactory(name="Riverside Homes"))
    police = ask(case, officer, asked_on=days_ago(13), agency=AgencyFactory(name="Police"))

    send_reminders(days_ago(1))
    assert not Reminder.objects.filter(rule="scoping_answer_due").exists()
    for day in (days_ago(0), days_ago(-1), days_ago(-8), days_ago(-30)):
        send_reminders(day)

    reminders = Reminder.objects.filter(rule="scoping_answer_due").order_by("due_on")
    assert [(r.due_on, r.subject.split(" on ")[0]) for r in reminders] == [
        (homes.asked_on + timedelta(days=14), "the answer of Riverside Homes"),
        (police.asked_on + timedelta(days=14), "the answer of Police"),
    ]
    assert set(Message.objects.filter(reminder__in=reminders).values_list("user", flat=True)) == {
        officer.pk
    }
    assert [m.to for m in mail.outbox if "Riverside Homes" in m.subject] == [[officer.email]]


def test_an_answered_request_is_not_reminded(review):
    case, officer, _ = review
    request = ask(case, officer, asked_on=days_ago(14))
    dayone.record_scoping_answer(
        scoping_request=request, by=officer, answered_on=days_ago(0), had_contact=False
    )
    send_reminders(days_ago(0))
    assert not Reminder.objects.filter(rule="scoping_answer_due").exists()


def test_the_answer_form_shows_errors_next_to_the_field(client, review):
    case, officer, _ = review
    request = ask(case, officer, asked_on=days_ago(2))
    client.force_login(officer)
    url = reverse(
        "panels:answer_scoping", kwargs={"reference": case.reference, "request_id": request.pk}
    )
    today = days_ago(0)
    response = client.post(
        url,
        {
            "answered_on_day": today.day,
            "answered_on_month": today.month,
            "answered_on_year": today.year,
            "had_contact": "yes",
        },
    )
    assert response.status_code == 200
    assert "Enter the date the agency&#x27;s contact began." in response.content.decode()
    assert not ScopingRequest.objects.get(pk=request.pk).is_answered


# Early learning ------------------------------------------------------------------------


def test_an_early_lesson_is_recorded_from_the_page(client, review):
    case, officer, _ = review
    agency = AgencyFactory(name="Riverside NHS")
    client.force_login(officer)
    identified = days_ago(2)
    response = client.post(
        reverse("panels:record_lesson", kwargs={"reference": case.reference}),
        {
            "lesson": "GPs did not ask about abuse.",
            "agency": agency.pk,
            "immediate_action": "Routine enquiry reinstated.",
            "owner": "Safeguarding lead",
            "identified_on_day": identified.day,
            "identified_on_month": identified.month,
            "identified_on_year": identified.year,
        },
    )
    assert response.status_code == 302
    lesson = EarlyLesson.objects.get(case=case)
    assert (lesson.agency, lesson.forwarded_on, lesson.recorded_by) == (agency, None, officer)
    page = client.get(reverse("panels:early_learning", kwargs={"reference": case.reference}))
    assert "GPs did not ask about abuse." in page.content.decode()


def test_a_lesson_cannot_be_forwarded_before_it_was_identified(review):
    case, officer, _ = review
    with pytest.raises(CaseActionRefused) as refused:
        dayone.record_early_lesson(
            case=case,
            by=officer,
            lesson="x",
            agency=AgencyFactory(),
            immediate_action="y",
            owner="z",
            identified_on=days_ago(1),
            forwarded_on=days_ago(2),
        )
    assert refused.value.field == "forwarded_on"
    assert not EarlyLesson.objects.exists()


# Risk to life --------------------------------------------------------------------------


def test_a_panel_member_records_a_risk_and_the_officer_and_chairs_are_told_at_once(client, review):
    case, officer, chair = review
    independent_chair = case_member(case, CaseRole.INDEPENDENT_CHAIR)
    panel_member = case_member(case, CaseRole.PANEL_MEMBER)
    client.force_login(panel_member)
    now = timezone.localtime()
    response = client.post(
        reverse("panels:record_escalation", kwargs={"reference": case.reference}),
        {
            "raised_by": "Priya Panel (panel member)",
            "raised_on_day": now.day,
            "raised_on_month": now.month,
            "raised_on_year": now.year,
            "raised_at_time": "00:00",
            "about_whom": "The victim's sister, Ann Example",
            "police_contact": "Control room, DS Khan",
            "police_reference": "RP-2026-1234",
        },
    )
    assert response.status_code == 302
    escalation = RiskToLifeEscalation.objects.get(case=case)
    assert escalation.recorded_by == panel_member
    told = set(
        Message.objects.filter(case=case, text__contains="risk to life").values_list(
            "user", flat=True
        )
    )
    assert told == {officer.pk, chair.pk, independent_chair.pk}
    # The e-mails name the case, never who is at risk.
    for delivery_id in inbox.emails_left_pending():
        inbox.send_email(delivery_id=delivery_id)
    emails = [m for m in mail.outbox if "risk to life" in m.subject]
    assert sorted(m.to[0] for m in emails) == sorted(
        [officer.email, chair.email, independent_chair.email]
    )
    assert all("Ann Example" not in m.body + m.subject for m in emails)
    # The panel member does not see the register, so not who is at risk either.
    page = client.get(reverse("panels:escalations", kwargs={"reference": case.reference}))
    assert "RP-2026-1234" in page.content.decode()
    assert "Ann Example" not in page.content.decode()
    client.force_login(officer)
    page = client.get(reverse("panels:escalations", kwargs={"reference": case.reference}))
    assert "Ann Example" in page.content.decode()


def test_a_risk_raised_in_the_future_is_refused(review):
    case, officer, _ = review
    with pytest.raises(CaseActionRefused) as refused:
        dayone.record_risk_to_life(
            case=case,
            by=officer,
            raised_by="x",
            raised_at=timezone.now() + timedelta(hours=1),
            about_whom="y",
            police_contact="z",
            police_reference="r",
        )
    assert refused.value.field == "raised_at"


def test_a_time_that_is_not_a_time_is_refused_next_to_the_field(client, review):
    case, officer, _ = review
    client.force_login(officer)
    response = client.post(
        reverse("panels:record_escalation", kwargs={"reference": case.reference}),
        {"raised_at_time": "25:00"},
    )
    assert "Time it was raised must be a time on the 24-hour clock" in response.content.decode()
    assert not RiskToLifeEscalation.objects.exists()


def test_day_one_records_join_the_audit_trail(client, review):
    case, officer, _ = review
    ask(case, officer)
    client.force_login(officer)
    page = client.get(reverse("cases:audit", kwargs={"reference": case.reference}))
    assert "Scoping request" in page.content.decode()
