"""Every day-one and meeting page against every role (DESIGN §5's answers, from
tests/design_roles.py), an outsider and another partnership's officer; and each list's
query count, the same at 1 row and at 50."""

from datetime import datetime, time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cases.roles import CaseRole
from panels.models import EarlyLesson, RiskToLifeEscalation, ScopingRequest
from panels.services import dayone, meetings
from panels.urls import urlpatterns
from tests.case_factories import (
    PDF_BYTES,
    case_member,
    case_with_letters_sent,
    days_ago,
    outsider,
    partnership_with_staff,
)
from tests.design_roles import SHOULD_HOLD
from tests.factories import AgencyFactory
from tests.test_query_counts import CASE_PAGE, LIST_PAGE

pytestmark = pytest.mark.django_db

# URL name → the permission the page needs.
DAY_ONE_PAGES = {
    "panels:scoping": "view_case_file",
    "panels:ask_agency": "manage_panel",
    "panels:answer_scoping": "manage_panel",
    "panels:early_learning": "view_case_file",
    "panels:record_lesson": "manage_panel",
    "panels:escalations": "view_case_file",
    # Anyone who reads the case file may record a risk to life: a person who sees a risk
    # must be able to act (seed 000 l.212-214).
    "panels:record_escalation": "view_case_file",
}
MEETING_PAGES = {
    "panels:meetings": "view_case_file",
    "panels:arrange_meeting": "manage_panel",
    "panels:meeting": "view_case_file",
    "panels:record_minutes": "manage_panel",
    # The minutes are restricted to those who read the review's submissions.
    "panels:minutes_copy": "read_submissions",
    "panels:record_outcome": "manage_panel",
}
MINE = {**DAY_ONE_PAGES, **MEETING_PAGES}


def at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def case_with_day_one_work():
    """A review at panel set-up with one person in each role, an agency asked, a meeting
    held and minuted with a PDF, and one held and not minuted yet."""
    partnership, officer, _ = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer, notified_on=days_ago(30))
    people = {
        role: case_member(case, role, by=officer)
        for role in CaseRole
        if role not in (CaseRole.CSP_OFFICER, CaseRole.CSP_CHAIR)
    }
    people[CaseRole.CSP_OFFICER] = officer
    people[CaseRole.CSP_CHAIR] = case.partnership.roles.get(role="csp_chair").user
    dayone.ask_agency_to_secure_records(
        case=case, by=officer, agency=AgencyFactory(), asked_on=days_ago(2)
    )
    minuted = meetings.schedule_meeting(
        case=case, by=officer, kind="panel", starts_at=at(days_ago(2)), venue="Room 1"
    )
    meetings.record_minutes(
        meeting=minuted,
        by=officer,
        minutes_copy=SimpleUploadedFile("minutes.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    meetings.schedule_meeting(
        case=case, by=officer, kind="panel", starts_at=at(days_ago(1)), venue="Room 1"
    )
    return case, people


def url_for(name, case):
    kwargs = {"reference": case.reference}
    if name == "panels:answer_scoping":
        kwargs["request_id"] = case.scoping_requests.get().pk
    if name in ("panels:meeting", "panels:minutes_copy", "panels:record_outcome"):
        kwargs["meeting_id"] = case.meetings.exclude(minutes_copy="").get().pk
    if name == "panels:record_minutes":
        kwargs["meeting_id"] = case.meetings.filter(minutes_copy="").get().pk
    return reverse(name, kwargs=kwargs)


def test_every_day_one_and_meeting_url_is_in_the_matrix():
    names = {f"panels:{pattern.name}" for pattern in urlpatterns}
    assert set(MINE) <= names
    # Other parts of the set-up add their own pages and matrices; these are this part's.
    assert {name for name in names if name in MINE} == set(MINE)


@pytest.mark.parametrize("name", sorted(MINE))
def test_permission_matrix(client, name):
    permission = MINE[name]
    case, people = case_with_day_one_work()
    other_partnership_officer = partnership_with_staff()[1]
    url = url_for(name, case)
    answers = {}
    for role, user in people.items():
        client.force_login(user)
        answers[role.label] = client.get(url).status_code
    expected = {role.label: 200 if role in SHOULD_HOLD[permission] else 404 for role in people}
    assert answers == expected
    for stranger in (outsider(), other_partnership_officer):
        client.force_login(stranger)
        assert client.get(url).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor:login"))


# Query ceilings ---------------------------------------------------------------------------


def fill(case, officer, name, rows):
    if name == "panels:scoping":
        ScopingRequest.objects.bulk_create(
            ScopingRequest(
                case=case, agency=AgencyFactory(), asked_on=days_ago(1), recorded_by=officer
            )
            for _ in range(rows)
        )
    elif name == "panels:early_learning":
        EarlyLesson.objects.bulk_create(
            EarlyLesson(
                case=case,
                lesson="L",
                agency=AgencyFactory(),
                immediate_action="A",
                owner="O",
                identified_on=days_ago(1),
                recorded_by=officer,
            )
            for _ in range(rows)
        )
    elif name == "panels:escalations":
        RiskToLifeEscalation.objects.bulk_create(
            RiskToLifeEscalation(
                case=case,
                raised_by="R",
                raised_at=timezone.now(),
                about_whom="W",
                police_contact="P",
                police_reference="X",
                recorded_by=officer,
            )
            for _ in range(rows)
        )
    else:
        for index in range(rows):
            meetings.schedule_meeting(
                case=case,
                by=officer,
                kind="panel",
                starts_at=at(days_ago(-2), 0) + timezone.timedelta(minutes=index),
                venue="Room 1",
                other_attendees=["A", "B"],
            )


@pytest.mark.parametrize("rows", [1, 50])
@pytest.mark.parametrize(
    "name", ["panels:scoping", "panels:early_learning", "panels:escalations", "panels:meetings"]
)
def test_lists_cost_the_same_queries_for_1_and_50_rows(
    client, verified, django_assert_max_num_queries, name, rows
):
    partnership, officer, _ = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer, notified_on=days_ago(30))
    fill(case, officer, name, rows)
    verified(officer)
    url = reverse(name, kwargs={"reference": case.reference})
    client.get(url)  # the permission ids are read once per process
    with django_assert_max_num_queries(LIST_PAGE):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 50])
def test_the_case_page_with_the_set_up_rows_costs_the_same_for_1_and_50_records(
    client, verified, django_assert_max_num_queries, rows
):
    partnership, officer, _ = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer, notified_on=days_ago(30))
    for name in ("panels:scoping", "panels:early_learning", "panels:meetings"):
        fill(case, officer, name, rows)
    verified(officer)
    client.get(case.get_absolute_url())  # the permission ids are read once per process
    with django_assert_max_num_queries(CASE_PAGE):
        response = client.get(case.get_absolute_url())
    assert "Agencies scoped and records secured" in response.content.decode()
