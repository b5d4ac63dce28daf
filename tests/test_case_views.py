"""The case pages as people use them: what they show, what they refuse, and what a list
costs in queries whatever its length."""

from datetime import timedelta

import pytest
from django.urls import reverse

from cases import clocks, selectors, services
from cases.models import AccessLogEntry, Case, CaseLetter, Person
from cases.roles import CaseRole
from tests.case_factories import (
    PDF_BYTES,
    case_awaiting_decision,
    case_member,
    case_under_review,
    case_with_letters_sent,
    days_ago,
    notified_case,
    partnership_with_staff,
)
from tests.dashboard_page import table_references, waiting_steps

pytestmark = pytest.mark.django_db


def date_fields(prefix, day):
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


def notification_post(**changes):
    data = {
        **date_fields("notification-notified_on", days_ago(2)),
        **date_fields("notification-date_of_death", days_ago(6)),
        "notification-source": "police",
        "notification-police_force": "Riverside Police",
        "notification-police_reference": "OP-ELM",
        "notification-place_of_death": "Riverside",
        "notification-circumstances": "Found at home.",
        "victim-real_name": "Mary Major",
        **date_fields("victim-date_of_birth", days_ago(365 * 40)),
        "victim-pseudonym": "Adult A",
        "suspect-real_name": "Mark Minor",
        "suspect-relationship_to_victim": "current_partner",
        "suspect-charged": "true",
        "suspect-pseudonym": "Adult B",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# Notification ---------------------------------------------------------------------------


def test_officer_records_a_notification(client):
    partnership, officer, chair = partnership_with_staff()
    client.force_login(officer)
    url = reverse("cases:record_notification", kwargs={"code": partnership.code})

    response = client.post(url, notification_post())

    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == case.get_absolute_url()
    assert case.reference == f"DHR-{partnership.code}-{days_ago(2).year}-001"
    assert case.stage == "notified"
    assert case.decision_due_on == clocks.decision_due(days_ago(2))
    assert set(case.people.values_list("role", "pseudonym")) == {
        ("victim", "Adult A"),
        ("suspect", "Adult B"),
    }
    assert case.memberships.filter(user=chair, role=CaseRole.CSP_CHAIR).exists()


@pytest.mark.parametrize(
    ("changes", "field_id", "message"),
    [
        (
            date_fields("notification-notified_on", clocks.today() + timedelta(days=3)),
            "id_notification-notified_on_day",
            "Date the partnership was notified must be today or in the past.",
        ),
        (
            date_fields("notification-date_of_death", days_ago(1)),
            "id_notification-date_of_death_day",
            "Date of death must be the same as or before the date the partnership was notified.",
        ),
        (
            {"notification-date_of_death_month": "13"},
            "id_notification-date_of_death_day",
            "Date of death must be a real date.",
        ),
        (
            {"notification-date_of_death_year": ""},
            "id_notification-date_of_death_day",
            "Date of death must include a year.",
        ),
        (
            {"notification-police_force": ""},
            "id_notification-police_force",
            "Enter the police force that sent the notification.",
        ),
        (
            {"suspect-relationship_to_victim": ""},
            "id_suspect-relationship_to_victim",
            "Select the suspect&#x27;s relationship to the victim.",
        ),
    ],
)
def test_bad_notification_is_explained_at_the_field_and_nothing_is_saved(
    client, changes, field_id, message
):
    partnership, officer, _ = partnership_with_staff()
    client.force_login(officer)
    url = reverse("cases:record_notification", kwargs={"code": partnership.code})

    response = client.post(url, notification_post(**changes))

    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert f'<a href="#{field_id}">{message}</a>' in content
    assert f"</span> {message}" in content  # the same message next to the field
    assert f'id="{field_id}"' in content  # and the summary's link lands on a real input
    assert not Case.objects.exists()
    assert not Person.objects.exists()


def test_only_partnership_staff_record_notifications(client):
    partnership, _, _ = partnership_with_staff()
    _, other_officer, _ = partnership_with_staff()
    client.force_login(other_officer)
    url = reverse("cases:record_notification", kwargs={"code": partnership.code})
    assert client.get(url).status_code == 404
    assert client.post(url, notification_post()).status_code == 404
    assert not Case.objects.exists()


# Decision and letters -------------------------------------------------------------------


def test_chair_decides_to_review_and_the_six_month_clock_starts(client):
    partnership, officer, chair = partnership_with_staff()
    case = case_awaiting_decision(partnership, officer)
    client.force_login(chair)

    response = client.post(
        reverse("cases:decision", kwargs={"reference": case.reference}),
        {"decision": "review", **date_fields("decided_on", case.notified_on), "reasons": ""},
    )

    case.refresh_from_db()
    assert response.status_code == 302
    assert case.stage == "panel_set_up"
    assert case.overview_report_due_on == clocks.add_calendar_months(case.notified_on, 6)
    assert case.events.filter(name="case.decision.review", actor=chair).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "no_review", "reasons": ""}, "Enter the reasons for the decision."),
        (
            # Which review leads is asked on the second page.
            {"decision": "other_review", "reasons": "A SAR leads.", "page": "details"},
            "Select which review leads.",
        ),
    ],
)
def test_decision_without_its_reasons_is_refused(client, data, message):
    partnership, officer, chair = partnership_with_staff()
    case = case_awaiting_decision(partnership, officer)
    client.force_login(chair)

    response = client.post(
        reverse("cases:decision", kwargs={"reference": case.reference}),
        {**data, **date_fields("decided_on", clocks.today())},
    )

    case.refresh_from_db()
    assert message in response.content.decode()
    assert case.stage == "decision"
    assert not case.decisions.exists()


def test_decision_before_the_notification_is_refused(client):
    partnership, officer, chair = partnership_with_staff()
    case = case_awaiting_decision(partnership, officer)
    client.force_login(chair)
    response = client.post(
        reverse("cases:decision", kwargs={"reference": case.reference}),
        {"decision": "review", **date_fields("decided_on", case.notified_on - timedelta(days=1))},
    )
    assert "Date of the decision must be on or after" in response.content.decode()
    case.refresh_from_db()
    assert case.stage == "decision"


def test_letter_copy_must_be_a_pdf_by_content(client):
    partnership, officer, _ = partnership_with_staff()
    case = case_under_review(partnership, officer)
    client.force_login(officer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("cases:record_letter", kwargs={"reference": case.reference}),
        {
            "recipient": "home_office",
            **date_fields("sent_on", clocks.today()),
            "method": "email",
            "copy": SimpleUploadedFile("letter.pdf", b"MZ not a pdf"),
        },
    )
    assert "The copy of the letter must be a PDF." in response.content.decode()
    assert not CaseLetter.objects.exists()

    response = client.post(
        reverse("cases:record_letter", kwargs={"reference": case.reference}),
        {
            "recipient": "home_office",
            **date_fields("sent_on", clocks.today()),
            "method": "email",
            "copy": SimpleUploadedFile("letter.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302
    letter = CaseLetter.objects.get()
    assert letter.copy.name.startswith("letters/") and "letter" not in letter.copy.name[8:]


def test_letter_download_is_logged(client):
    partnership, officer, _ = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    letter = case.letters.first()
    client.force_login(officer)
    response = client.get(
        reverse("cases:letter_copy", kwargs={"reference": case.reference, "letter_id": letter.pk})
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "attachment" in response["Content-Disposition"]
    assert AccessLogEntry.objects.filter(case=case, user=officer, what="document").exists()


# The people register --------------------------------------------------------------------


def test_register_shows_real_names_only_to_roles_that_need_them_and_logs_every_view(client):
    partnership, officer, _ = partnership_with_staff()
    case = case_under_review(partnership, officer)
    panel_member = case_member(case, CaseRole.PANEL_MEMBER, by=officer)
    url = reverse("cases:people", kwargs={"reference": case.reference})

    client.force_login(officer)
    content = client.get(url).content.decode()
    assert "Jane Doe" in content and "Adult A" in content
    assert AccessLogEntry.objects.filter(
        case=case, user=officer, what="people_register", detail="with real names"
    ).exists()

    client.force_login(panel_member)
    content = client.get(url).content.decode()
    assert "Jane Doe" not in content and "Adult A" in content
    assert AccessLogEntry.objects.filter(
        case=case, user=panel_member, what="people_register", detail="pseudonyms only"
    ).exists()


def test_audit_trail_shows_readable_changes(client):
    partnership, officer, chair = partnership_with_staff()
    case = case_under_review(partnership, officer)
    client.force_login(officer)
    content = client.get(reverse("cases:audit", kwargs={"reference": case.reference})).content
    content = content.decode()
    assert "Changed: Case file" in content
    assert "Stage" in content and "Decision → Panel set-up" in content
    assert f"by {chair}" in content
    # Fields only services write (not editable in forms) are part of the trail too.
    assert "Overview report due on" in content


# Dashboard ------------------------------------------------------------------------------


def test_dashboard_filters_by_stage_and_overdue(client):
    partnership, officer, _ = partnership_with_staff()
    overdue = notified_case(partnership, officer, notified_on=days_ago(40))
    on_track = case_awaiting_decision(partnership, officer)
    client.force_login(officer)

    content = client.get(reverse("home"), {"overdue": "on"}).content.decode()
    assert table_references(content) == [overdue.reference]

    content = client.get(reverse("home"), {"stage": "decision"}).content.decode()
    assert table_references(content) == [on_track.reference]


def test_dashboard_shows_only_the_users_cases(client):
    partnership, officer, _ = partnership_with_staff()
    mine = case_under_review(partnership, officer)
    other_partnership, other_officer, _ = partnership_with_staff()
    theirs = notified_case(other_partnership, other_officer)
    panel_member = case_member(mine, CaseRole.PANEL_MEMBER, by=officer)

    client.force_login(panel_member)
    content = client.get(reverse("home")).content.decode()
    assert mine.reference in content and theirs.reference not in content


# Query counts: each list costs the same at 1 row and at 50 -------------------------------


# The dashboard: the page of cases (a count and a page), the "waiting for you" list (its
# cases, and the user's permissions on them), the partnerships to record a notification
# for, and what every request costs (tests/test_query_counts.py: at most 3).
DASHBOARD_QUERIES = 8


@pytest.mark.parametrize("rows", [1, 50])
def test_dashboard_query_count(client, django_assert_max_num_queries, rows):
    partnership, officer, _ = partnership_with_staff()
    for _ in range(rows):
        notified_case(partnership, officer)
    client.force_login(officer)
    client.get(reverse("home"))  # the first request stamps the session (SessionLifetime)
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = client.get(reverse("home"))
    assert len(table_references(response.content.decode())) == rows


@pytest.mark.parametrize("rows", [1, 50])
def test_waiting_list_query_count(client, django_assert_max_num_queries, rows):
    partnership, officer, chair = partnership_with_staff()
    for _ in range(rows):
        case_awaiting_decision(partnership, officer)
    client.force_login(chair)
    client.get(reverse("home"))
    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        response = client.get(reverse("home"))
    content = response.content.decode()
    waiting = waiting_steps(content)
    assert len(waiting) == min(rows, selectors.WAITING_LIMIT)
    assert {step for step, _ in waiting} == {"Record the decision"}
    cut_short = f"These are the steps on your {selectors.WAITING_LIMIT} most urgent cases."
    assert (cut_short in content) == (rows > selectors.WAITING_LIMIT)


@pytest.fixture
def busy_case():
    """A case with 50 events, people, memberships, access-log entries and history rows."""
    partnership, officer, _ = partnership_with_staff()
    case = case_under_review(partnership, officer)

    def fill(rows):
        for number in range(rows):
            services.record_event(case=case, name="test.note", description="Note", actor=officer)
            services.add_person(
                case=case,
                by=officer,
                role=Person.Role.FAMILY,
                details={"real_name": f"Relative {number}", "pseudonym": f"Relative {number}"},
            )
            case_member(case, CaseRole.PANEL_MEMBER, by=officer)
            services.log_access(case=case, user=officer, what="people_register")
        return case, officer

    return fill


@pytest.mark.parametrize("rows", [1, 50])
@pytest.mark.parametrize(
    ("name", "ceiling"),
    [
        ("cases:timeline", 8),
        ("cases:people", 8),
        ("cases:members", 8),
        ("cases:access_log", 8),
        # One statement per audit source and per kind of record a change on the page
        # points to, whatever the length of the history.
        ("cases:audit", 19 + len(selectors.ADDED_AUDIT_SOURCES)),
        # 12 for the case's own page, and one more for each task-list row function and
        # clock a later app adds (issue 13 asks 12 in all: the panels app's rows still
        # cost one statement each).
        ("cases:detail", 12 + len(selectors.ADDED_TASK_ROWS) + len(selectors.ADDED_CLOCKS)),
    ],
)
def test_case_list_query_counts(
    client, django_assert_max_num_queries, busy_case, rows, name, ceiling
):
    case, officer = busy_case(rows)
    client.force_login(officer)
    url = reverse(name, kwargs={"reference": case.reference})
    client.get(url)  # the first request stamps the session (SessionLifetimeMiddleware)
    with django_assert_max_num_queries(ceiling):
        response = client.get(url)
    assert response.status_code == 200
