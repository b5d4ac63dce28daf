"""The independent chair and panel pages over HTTP: every role, an outsider and another
partnership's officer; the query ceiling of the panel's list; the task list's rows; the
case page's step to commission the IMRs, and what that page says is missing."""

import pytest
from django.urls import reverse

import tests.test_case_pages as case_pages
from cases import workflow
from cases.models import Agency
from cases.roles import CaseRole
from panels.models import ChairAppointment, PanelMember
from panels.registrations.chair_and_panel import chair_appointed, panel_constituted
from panels.services import panel as panel_services
from tests.case_factories import (
    case_awaiting_decision,
    case_with_letters_sent,
    days_ago,
    outsider,
    partnership_with_staff,
)
from tests.design_roles import SHOULD_HOLD
from tests.factories import AgencyFactory
from tests.panels.panel_factories import add_member, appoint, balanced_panel, independent_person
from tests.test_query_counts import LIST_PAGE

pytestmark = pytest.mark.django_db

# URL name → the permission the page needs (DESIGN §5 through tests/design_roles.py).
PANEL_PAGES = {
    "panels:panel": "view_case_file",
    "panels:appoint_chair": "edit_case_file",
    "panels:add_member": "manage_panel",
    "panels:member_left": "manage_panel",
    "panels:agency_declined": "manage_panel",
    "panels:declined_home_office_told": "send_to_home_office",
    "panels:start_imrs": "commission_imr",
}


def url_for(name, case):
    kwargs = {"reference": case.reference}
    if name == "panels:member_left":
        kwargs["member_id"] = case.panel_members.get().pk
    if name == "panels:declined_home_office_told":
        kwargs["declined_id"] = case.agencies_declined.get().pk
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", sorted(PANEL_PAGES))
def test_permission_matrix(client, name):
    case, people = case_pages.build_case("review")
    officer = people[CaseRole.CSP_OFFICER]
    add_member(case, officer)
    panel_services.record_agency_declined(
        case=case, by=officer, agency=AgencyFactory(), declined_on=days_ago(0), reason="None"
    )
    url = url_for(name, case)

    answers = {}
    for role, user in people.items():
        client.force_login(user)
        answers[role] = client.get(url).status_code
    expected = {role: 200 if role in SHOULD_HOLD[PANEL_PAGES[name]] else 404 for role in people}
    assert answers == expected
    for stranger in (outsider(), partnership_with_staff()[1]):
        client.force_login(stranger)
        assert client.get(url).status_code == 404
        assert client.post(url, {}).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor:login"))


@pytest.mark.parametrize("rows", [1, 50])
def test_the_panel_page_query_count_holds(client, verified, django_assert_max_num_queries, rows):
    partnership, officer, _ = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    appoint(case, independent_person(full_name="First Chair"))
    appoint(case, change_reason="Moved away")
    for number in range(rows):
        member = add_member(case, officer, name=f"Member {number}")
        panel_services.record_agency_declined(
            case=case, by=officer, agency=member.agency, declined_on=days_ago(0), reason="No"
        )
    verified(officer)
    url = reverse("panels:panel", kwargs={"reference": case.reference})
    client.get(url)  # the permission ids are read once per process
    with django_assert_max_num_queries(LIST_PAGE):
        response = client.get(url)
    content = response.content.decode()
    assert content.count("Record leaving") == rows
    assert content.count("declined on") == rows
    assert "Earlier chairs" in content and "Moved away" in content


def test_the_panel_page_shows_the_chair_members_and_warnings(client):
    partnership, officer, _ = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    appoint(case, overview_author_name="Alex Author")
    housing = AgencyFactory(kind=Agency.Kind.HOUSING, sector=Agency.Sector.STATUTORY)
    add_member(case, officer, agency=housing, name="Sam Patel", also_imr_author=True)
    client.force_login(officer)

    content = client.get(reverse("panels:panel", kwargs={"reference": case.reference}))
    content = content.content.decode()

    assert "Imogen Independent" in content and "Alex Author" in content
    assert "Sam Patel" in content
    assert content.count("govuk-warning-text__text") == 4
    assert "No IDVA or specialist domestic abuse service" in content


def tasks_of(client, case, user):
    client.force_login(user)
    response = client.get(case.get_absolute_url())
    return {task.label: task for task in response.context["tasks"] if task.name}


def test_the_task_list_shows_the_chair_and_the_panel(client):
    partnership, officer, _ = partnership_with_staff()
    waiting = case_awaiting_decision(partnership, officer)
    before = tasks_of(client, waiting, officer)
    assert before["Independent chair appointed"].status == "cannot start yet"
    assert before["Independent chair appointed"].url == ""

    case = case_with_letters_sent(partnership, officer)
    panel_url = reverse("panels:panel", kwargs={"reference": case.reference})
    tasks = tasks_of(client, case, officer)
    assert (tasks["Independent chair appointed"].status, tasks["Panel members"].status) == (
        "not started",
        "not started",
    )
    assert tasks["Panel members"].url == panel_url

    appoint(case)
    housing = AgencyFactory(kind=Agency.Kind.HOUSING, sector=Agency.Sector.STATUTORY)
    add_member(case, officer, agency=housing)
    tasks = tasks_of(client, case, officer)
    assert (tasks["Independent chair appointed"].status, tasks["Panel members"].status) == (
        "done",
        "in progress",
    )

    balanced_panel(case, officer)
    assert tasks_of(client, case, officer)["Panel members"].status == "done"


def test_the_case_page_offers_the_independent_chair_the_imrs(client):
    partnership, officer, _ = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    chair = appoint(case).chair
    start = reverse("panels:start_imrs", kwargs={"reference": case.reference})

    client.force_login(chair)
    assert (
        f'href="{start}">Commission the IMRs'
        in client.get(case.get_absolute_url()).content.decode()
    )
    client.force_login(officer)
    assert start not in client.get(case.get_absolute_url()).content.decode()


def test_the_imrs_page_lists_what_is_missing_and_refuses(client):
    partnership, officer, _ = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    chair = appoint(case).chair
    url = reverse("panels:start_imrs", kwargs={"reference": case.reference})
    client.force_login(chair)

    content = client.get(url).content.decode()
    assert "Add the panel&#x27;s members, at least one" in content
    assert "Appoint the independent chair" not in content
    assert "Independent chair and panel" in content

    response = client.post(url, {})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    case.refresh_from_db()
    assert case.stage == workflow.Stage.PANEL_SET_UP


def test_the_independent_chair_commissions_the_imrs(client, monkeypatch):
    # The other parts of the set-up add guards of their own: hold start_imrs to this part's.
    monkeypatch.setitem(workflow.ADDED_GUARDS, "start_imrs", [chair_appointed, panel_constituted])
    partnership, officer, _ = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    chair = appoint(case).chair
    add_member(case, chair)
    client.force_login(chair)

    response = client.post(reverse("panels:start_imrs", kwargs={"reference": case.reference}))

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == workflow.Stage.IMRS
    assert case.events.filter(name="case.imrs.started", actor=chair).exists()


# The forms --------------------------------------------------------------------------------


def chair_post(email, **changes):
    data = {
        "email": email,
        "appointed_on_day": str(days_ago(0).day),
        "appointed_on_month": str(days_ago(0).month),
        "appointed_on_year": str(days_ago(0).year),
        "declared_independent": "on",
        "knowledge": ["knows_domestic_abuse", "knows_agencies"],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_appointing_a_chair_through_the_page(client):
    partnership, officer, csp_chair = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    url = reverse("panels:appoint_chair", kwargs={"reference": case.reference})
    chair = independent_person(email="imogen@example.org")
    client.force_login(csp_chair)

    refused = client.post(url, chair_post(chair.email, declared_independent=None))
    assert "must declare their independence" in refused.content.decode()
    assert not ChairAppointment.objects.exists()

    response = client.post(url, chair_post(chair.email))
    assert response.status_code == 302
    appointment = ChairAppointment.objects.get()
    assert (appointment.chair, appointment.appointed_by) == (chair, csp_chair)
    assert appointment.knows_agencies and not appointment.knows_equality_act

    change = client.get(url).content.decode()
    assert "Change the independent chair" in change
    assert f"Why is {chair} no longer the independent chair?" in change
    other = independent_person(email="second@example.org")
    without_reason = client.post(url, chair_post(other.email))
    assert (
        f"Enter why {chair} is no longer the independent chair." in without_reason.content.decode()
    )
    assert ChairAppointment.objects.count() == 1


def test_adding_a_member_through_the_page_needs_both_declarations(client):
    partnership, officer, _ = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    agency = AgencyFactory()
    url = reverse("panels:add_member", kwargs={"reference": case.reference})
    client.force_login(officer)
    data = {
        "agency": agency.pk,
        "name": "Marcus Hale",
        "sector": "statutory",
        "role": "Detective chief inspector",
        "seniority": "senior",
        "joined_on_day": str(days_ago(0).day),
        "joined_on_month": str(days_ago(0).month),
        "joined_on_year": str(days_ago(0).year),
    }

    content = client.post(url, data).content.decode()
    assert "must declare no direct involvement" in content
    assert "must give the confidentiality undertaking" in content
    assert not PanelMember.objects.exists()

    data.update(declared_no_involvement="on", confidentiality_undertaking="on")
    assert client.post(url, data).status_code == 302
    assert PanelMember.objects.get().name == "Marcus Hale"


def test_a_member_leaving_through_the_page(client):
    partnership, officer, _ = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    member = add_member(case, officer)
    url = reverse(
        "panels:member_left", kwargs={"reference": case.reference, "member_id": member.pk}
    )
    client.force_login(officer)
    future = days_ago(-2)
    response = client.post(
        url,
        {"left_on_day": future.day, "left_on_month": future.month, "left_on_year": future.year},
    )
    assert "must be today or in the past" in response.content.decode()
    today = days_ago(0)
    response = client.post(
        url, {"left_on_day": today.day, "left_on_month": today.month, "left_on_year": today.year}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.left_on == today
    assert client.get(url).status_code == 404  # left already


def test_pages_that_change_the_panel_are_gone_once_the_case_is_closed(client):
    partnership, officer, _ = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    case.stage = workflow.Stage.CONCLUDED
    case.save(update_fields=["stage"])
    client.force_login(officer)
    for name in ("panels:appoint_chair", "panels:add_member", "panels:agency_declined"):
        assert client.get(reverse(name, kwargs={"reference": case.reference})).status_code == 404
