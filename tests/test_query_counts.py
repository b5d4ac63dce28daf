"""What a request costs the database in production settings (issue 13 items 1 and 2).

A signed-in, verified request pays at most three statements before its own work: the
session, the user (with the unread-message count of the page header in the same
statement) and the second-factor device that verified the session. Every list page then
costs at most 8 statements in all and the case page at most 12, whatever the number of
rows; the audit trail costs the same whatever the length of the history and the number of
audit sources.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from cases import clocks, selectors, services
from cases.demo import seed_demo
from cases.models import Agency, Case, Message, Person, User
from cases.roles import CaseRole
from cases.workflow import REVIEW_STAGES, Stage
from tests.case_factories import case_member, case_under_review, partnership_with_staff
from tests.dashboard_page import table_references
from tests.factories import PASSWORD, AgencyFactory
from tests.test_security import LOGIN_URL

pytestmark = pytest.mark.django_db

BASELINE = 3
LIST_PAGE = 8
# The case's own page at every stage: the baseline, the case (with what later apps' task
# rows and clocks read of it, as annotations), its decisions, their letters, pauses,
# extensions, the people behind the eligibility prompts, the events, and one statement for
# a clock that lists rows (each running IMR's due date).
CASE_PAGE = 12


def statements(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in queries.captured_queries]


def saves_the_session(sql: list[str]) -> bool:
    return any(
        statement.startswith("UPDATE") and "django_session" in statement for statement in sql
    )


# The baseline --------------------------------------------------------------------------


def test_a_verified_request_costs_three_statements_before_its_own_work(client, verified):
    _, officer, _ = partnership_with_staff()
    verified(officer)
    page = reverse("accessibility_statement")  # a page with no queries of its own
    client.get(page)

    sql = statements(client, page)

    assert len(sql) <= BASELINE, sql
    assert "django_session" in sql[0]
    assert "cases_user" in sql[1] and "cases_message" in sql[1]  # the header's count
    assert "otp_totp_totpdevice" in sql[2]


def test_the_session_is_saved_at_most_once_a_minute(client, verified, settings):
    _, officer, _ = partnership_with_staff()
    page = reverse("accessibility_statement")
    with freeze_time(timezone.now()) as clock:
        verified(officer)
        client.get(page)
        clock.tick(timedelta(seconds=settings.SESSION_ACTIVITY_SAVE_INTERVAL - 1))
        assert not saves_the_session(statements(client, page))

        clock.tick(timedelta(seconds=1))
        assert saves_the_session(statements(client, page))
        assert not saves_the_session(statements(client, page))


def test_an_idle_session_never_outlives_thirty_minutes_after_the_last_request(client, verified):
    _, officer, _ = partnership_with_staff()
    page = reverse("accessibility_statement")
    with freeze_time(timezone.now()) as clock:
        verified(officer)
        # Requests closer together than the save interval save nothing...
        for _ in range(5):
            clock.tick(timedelta(seconds=50))
            assert client.get(page).status_code == 200
        # ...yet thirty minutes after the last of them the session has ended.
        clock.tick(timedelta(minutes=30))
        response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


def test_a_removed_device_ends_the_sessions_verified_state_at_once(client, verified):
    _, officer, _ = partnership_with_staff()
    device = verified(officer)
    assert client.get(reverse("home")).status_code == 200

    device.delete()
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor:setup")


def test_the_header_counts_unread_messages_only_about_cases_still_visible(client, verified):
    partnership, officer, _ = partnership_with_staff()
    kept, left = case_under_review(partnership, officer), case_under_review(partnership, officer)
    member = case_member(kept, CaseRole.PANEL_MEMBER, by=officer)
    membership = services.grant_membership(
        case=left, user=member, role=CaseRole.PANEL_MEMBER, by=officer
    )
    for case in (kept, kept, left):
        Message.objects.create(user=member, case=case, text="Note", link="/")
    Message.objects.create(user=member, case=kept, text="Read", link="/", read_at=timezone.now())
    services.end_membership(membership=membership, by=officer)
    verified(member)

    content = client.get(reverse("accessibility_statement")).content.decode()

    # The two notes and the message that gave the member the role on `kept`; nothing
    # about `left`, which the member may no longer see.
    unread = Message.objects.filter(user=member, read_at=None)
    assert unread.filter(case=kept).count() == 3 < unread.count()
    assert 'dhr-count">3<span class="govuk-visually-hidden"> unread' in content


# List pages and the case page, at 1 row and at 50 -------------------------------------


def busy_case(rows: int):
    """A case with `rows` events, people, members of the panel and of agencies, and
    access-log entries."""
    partnership, officer, _ = partnership_with_staff()
    case = case_under_review(partnership, officer)
    for number in range(rows):
        services.record_event(case=case, name="test.note", description="Note", actor=officer)
        services.add_person(
            case=case,
            by=officer,
            role=Person.Role.FAMILY,
            details={"real_name": f"Relative {number}", "pseudonym": f"Relative {number}"},
        )
        case_member(case, CaseRole.PANEL_MEMBER, by=officer)
        # An agency role: whether the viewer may end it depends on the agency.
        case_member(case, CaseRole.SENIOR_MANAGER, by=officer)
        services.log_access(case=case, user=officer, what="people_register")
        Message.objects.create(user=officer, case=case, text=f"Note {number}", link="/")
    return case, officer


@pytest.mark.parametrize("rows", [1, 50])
@pytest.mark.parametrize(
    ("name", "ceiling"),
    [
        ("home", LIST_PAGE),
        ("inbox", LIST_PAGE),
        ("cases:timeline", LIST_PAGE),
        ("cases:people", LIST_PAGE),
        ("cases:members", LIST_PAGE),
        ("cases:access_log", LIST_PAGE),
        ("cases:detail", CASE_PAGE),
    ],
)
def test_each_page_costs_the_same_at_1_and_50_rows(
    client, verified, django_assert_max_num_queries, rows, name, ceiling
):
    case, officer = busy_case(rows)
    verified(officer)
    url = reverse(name, kwargs={} if name in ("home", "inbox") else {"reference": case.reference})
    client.get(url)  # the permission ids are read once per process

    with django_assert_max_num_queries(ceiling):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 50])
def test_the_dashboard_with_its_waiting_list_costs_the_same_at_1_and_50_cases(
    client, verified, django_assert_max_num_queries, rows
):
    partnership, officer, chair = partnership_with_staff()
    for _ in range(rows):
        case_under_review(partnership, officer)
    verified(chair)
    client.get(reverse("home"))

    with django_assert_max_num_queries(LIST_PAGE):
        response = client.get(reverse("home"))

    assert len(table_references(response.content.decode())) == rows


# The audit trail -----------------------------------------------------------------------


def change_referring_agency(case, times: int, *, prefix: str = "Agency") -> list[Agency]:
    """Save the case `times` times, each with another referring agency: each save is a
    history entry with a changed foreign key to label."""
    agencies = [AgencyFactory(name=f"{prefix} {number}") for number in range(times)]
    for agency in agencies:
        case.referring_agency = agency
        case.save()
    return agencies


@pytest.mark.parametrize("saves", [1, 2, 4, 8])
def test_the_audit_trail_costs_the_same_whatever_the_length_of_the_history(
    client, verified, django_assert_max_num_queries, saves
):
    partnership, officer, _ = partnership_with_staff()
    case = case_under_review(partnership, officer)
    [first] = change_referring_agency(case, 1, prefix="First")
    verified(officer)
    url = reverse("cases:audit", kwargs={"reference": case.reference})
    client.get(url)
    one_save = len(statements(client, url))
    agencies = change_referring_agency(case, saves, prefix="Later")

    with django_assert_max_num_queries(one_save):
        response = client.get(url)

    previous = agencies[-2] if saves > 1 else first
    assert f"{previous.name} → {agencies[-1].name}" in response.content.decode()


def test_the_audit_trail_costs_the_same_whatever_the_number_of_audit_sources(
    client, verified, django_assert_max_num_queries, monkeypatch
):
    """Each later app adds sources; a source with nothing on the page shown costs nothing:
    one statement finds the page across every history table."""
    partnership, officer, _ = partnership_with_staff()
    case = case_under_review(partnership, officer)
    change_referring_agency(case, 2)
    verified(officer)
    url = reverse("cases:audit", kwargs={"reference": case.reference})
    client.get(url)
    before = len(statements(client, url))
    unused = (Person.history.filter(case_id=0), lambda record: "Unused")
    monkeypatch.setattr(
        selectors, "ADDED_AUDIT_SOURCES", [*selectors.ADDED_AUDIT_SOURCES] + [lambda c: unused] * 30
    )

    with django_assert_max_num_queries(before):
        response = client.get(url)

    assert response.status_code == 200


def test_the_audit_trail_labels_a_changed_record_by_name_on_every_page(client, verified):
    partnership, officer, _ = partnership_with_staff()
    case = case_under_review(partnership, officer)
    agencies = change_referring_agency(case, 30)
    verified(officer)
    url = reverse("cases:audit", kwargs={"reference": case.reference})

    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()

    assert f"{agencies[-2].name} → {agencies[-1].name}" in first
    assert f"{agencies[0].name} → {agencies[1].name}" in second
    assert first.count('<h2 class="govuk-summary-card__title">') == 25


def test_a_task_row_reads_the_case_page_case_without_a_query(
    client, verified, django_assert_max_num_queries, monkeypatch
):
    """Rows added to the task list (add_task_rows) get the case as the page read it, with
    its partnership and clock inputs: reading them costs nothing, so each added row
    function costs the page only the one query of its own records, if it needs one."""
    monkeypatch.setattr(selectors, "ADDED_TASK_ROWS", [])
    seen = []

    def rows(case):
        seen.append((case.partnership.code, case.is_paused))
        return [selectors.Task(Stage.PANEL_SET_UP, "not started", name="Panel chosen")]

    partnership, officer, _ = partnership_with_staff()
    case = case_under_review(partnership, officer)
    verified(officer)
    url = reverse("cases:detail", args=[case.reference])
    client.get(url)
    without_rows = len(statements(client, url))
    selectors.add_task_rows(rows)

    with django_assert_max_num_queries(without_rows):
        response = client.get(url)

    assert "Panel chosen" in response.content.decode()
    assert seen == [(partnership.code, False)]


def test_the_case_page_costs_the_same_at_every_stage_of_a_review(
    client, verified, django_assert_max_num_queries
):
    """The demo holds a review at every stage, from notification to conclusion, each with
    the later apps' records of the stages it passed."""
    seed_demo()
    officer = User.objects.get(email="officer@riverside.example")
    officer.set_password(PASSWORD)
    officer.save()
    verified(officer)
    cases = Case.objects.filter(partnership__code="RIV").order_by("reference")
    # Every stage but two the demo passes through without stopping.
    not_held = {Stage.PANEL_SET_UP, Stage.HOME_OFFICE_QA}
    assert {case.stage for case in cases} >= set(REVIEW_STAGES) - not_held

    for case in cases:
        url = reverse("cases:detail", args=[case.reference])
        client.get(url)
        with django_assert_max_num_queries(CASE_PAGE, info=case.stage):
            response = client.get(url)
        assert response.status_code == 200


def test_task_rows_and_clocks_read_what_they_show_with_the_case(db):
    """Each later app's task rows read the annotations it declared (add_task_rows(reads=))
    and query nothing; a clock function may spend one statement, for a list (one clock per
    running IMR). Named per function, so a failure says whose rows query."""
    seed_demo()
    today = clocks.today()
    querying = []
    ended = [Stage.NOT_REVIEWED, Stage.OTHER_REVIEW_LEADS, Stage.WITHDRAWN, Stage.TRANSFERRED]
    for case in Case.objects.exclude(stage__in=ended).order_by("reference"):  # rows not shown
        read = selectors.case_file_cases(on=today).get(pk=case.pk)
        functions = [(rows, 0, (read,)) for rows in selectors.ADDED_TASK_ROWS]
        functions += [(clock, 1, (read, today)) for clock in selectors.ADDED_CLOCKS]
        for function, allowed, arguments in functions:
            with CaptureQueriesContext(connection) as queries:
                function(*arguments)
            if len(queries) > allowed:
                name = f"{function.__module__}.{function.__qualname__}"
                querying.append((case.reference, case.stage, name, len(queries)))

    assert querying == []


def test_the_database_connection_does_not_compile_queries(db):
    """JIT compilation took seconds on the dashboard of a viewer of 10,000 cases
    (bench/README.md)."""
    if connection.vendor != "postgresql":
        pytest.skip("JIT is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
