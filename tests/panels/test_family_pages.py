"""The family and friends pages: restricted like the people register for every role,
every view logged, constant queries, and private words kept from everyone else."""

import pytest
from django.urls import reverse

from cases.models import AccessLogEntry, Person
from cases.roles import CaseRole
from panels.models import Contribution, InvolvementDecision, NetworkMember
from panels.services import family as services
from panels.urls import urlpatterns as panel_urlpatterns
from tests.case_factories import (
    administrator,
    case_member,
    days_ago,
    outsider,
    partnership_with_staff,
)
from tests.design_roles import SHOULD_HOLD
from tests.panels.test_family_services import (
    PRIVATE_WORDS,
    add_sister,
    advocate_details,
    contribution,
    family_case,
)
from tests.test_query_counts import LIST_PAGE

pytestmark = pytest.mark.django_db

# URL name → the permission the page needs (DESIGN §5: the register's readers read the
# record; those who manage the panel write it).
FAMILY_PAGES = {
    "panels:family": "view_people_register",
    "panels:family_advocate": "manage_panel",
    "panels:family_add_member": "manage_panel",
    "panels:family_decision": "manage_panel",
    "panels:family_first_contact": "manage_panel",
    "panels:family_contact": "manage_panel",
    "panels:family_contribution": "manage_panel",
    "panels:family_pseudonym": "manage_panel",
    "panels:family_tribute": "manage_panel",
}


def url(name, case):
    return reverse(name, kwargs={"reference": case.reference})


def everyone(case, officer, chair, independent_chair):
    people = {
        role: case_member(case, role, by=officer)
        for role in (
            CaseRole.PANEL_MEMBER,
            CaseRole.SENIOR_MANAGER,
            CaseRole.IMR_AUTHOR,
            CaseRole.HOME_OFFICE_REVIEWER,
        )
    }
    return people | {
        CaseRole.CSP_OFFICER: officer,
        CaseRole.CSP_CHAIR: chair,
        CaseRole.INDEPENDENT_CHAIR: independent_chair,
    }


def test_every_family_url_is_in_the_matrix():
    family_urls = {
        f"panels:{pattern.name}"
        for pattern in panel_urlpatterns
        if "/family/" in str(pattern.pattern)
    }
    assert family_urls == set(FAMILY_PAGES)


@pytest.mark.parametrize("name", sorted(FAMILY_PAGES))
def test_permission_matrix(client, name):
    case, officer, chair, independent_chair = family_case()
    people = everyone(case, officer, chair, independent_chair)
    assert set(people) == set(CaseRole)
    # Both readers of the register must be able to read every page; the design's table
    # says who writes.
    expected_ok = SHOULD_HOLD[FAMILY_PAGES[name]] & SHOULD_HOLD["view_people_register"]

    answers = {}
    for role, user in people.items():
        client.force_login(user)
        answers[role.label] = client.get(url(name, case)).status_code
    assert answers == {role.label: 200 if role in expected_ok else 404 for role in people}, answers
    assert answers[CaseRole.PANEL_MEMBER.label] == 404

    for stranger in (outsider(), partnership_with_staff()[1]):
        client.force_login(stranger)
        assert client.get(url(name, case)).status_code == 404
    client.logout()
    response = client.get(url(name, case))
    assert response.status_code == 302 and response.url.startswith(reverse("two_factor:login"))


@pytest.mark.parametrize("name", sorted(FAMILY_PAGES))
def test_a_post_from_a_panel_member_changes_nothing(client, name):
    case, officer, _, _ = family_case()
    client.force_login(case_member(case, CaseRole.PANEL_MEMBER, by=officer))

    assert client.post(url(name, case), {"name": "X"}).status_code == 404
    assert not case.family_advocates.exists()


@pytest.mark.parametrize("name", sorted(FAMILY_PAGES))
def test_every_view_is_in_the_access_log(client, name):
    case, officer, _, _ = family_case()
    client.force_login(officer)

    client.get(url(name, case))

    logged = AccessLogEntry.objects.filter(case=case, what=AccessLogEntry.What.FAMILY)
    assert list(logged.values_list("user", flat=True)) == [officer.pk]


def test_a_closed_case_shows_its_record_but_offers_no_forms(client):
    from tests.case_factories import case_not_reviewed

    partnership, officer, _ = partnership_with_staff()
    case = case_not_reviewed(partnership, officer)
    client.force_login(officer)

    page = client.get(url("panels:family", case)).content.decode()

    assert "Name the advocate" not in page
    assert client.get(url("panels:family_advocate", case)).status_code == 404


# The record page ---------------------------------------------------------------------------


def fill_record(case, officer, rows):
    services.name_advocate(case=case, by=officer, **advocate_details())
    for number in range(rows):
        member = add_sister(case, officer, name=f"Relative {number}")
        services.record_first_contact(
            case=case,
            by=officer,
            member=member,
            contacted_on=days_ago(1),
            made_by="The advocate",
            in_person=True,
            information_letter_delivered=True,
            leaflet_delivered=True,
            language="English",
        )
        services.record_involvement_decision(
            case=case,
            by=officer,
            member=member,
            kind=InvolvementDecision.Kind.DELAY,
            reason=InvolvementDecision.Reason.POST_MORTEM,
            explanation="Awaiting the second post mortem.",
            decided_on=days_ago(2),
        )
        services.log_contact(
            case=case,
            by=officer,
            member=member,
            contacted_on=days_ago(0),
            kind="update",
            method="telephone",
            through_advocate=True,
            summary="Update.",
            declined=True,
        )
        contribution(case, officer, member)
        services.record_pseudonym_choice(
            case=case,
            by=officer,
            person=member.person,
            pseudonym=f"Adult {number}",
            chosen_by=member,
            chosen_on=days_ago(0),
        )
    services.record_tribute(
        case=case, by=officer, text="Tribute.", written_by=member, agreed_for_publication=True
    )


# The page in production settings: the baseline (session, user, second factor), the case
# with its tribute, the access log, and six kinds of record a statement each (the people
# with their first contacts, the advocates, decisions, contacts, contributions and
# pseudonyms): three above a list page's ceiling.
FAMILY_PAGE_QUERIES = 11


@pytest.mark.parametrize("rows", [1, 50])
def test_the_record_costs_the_same_queries_for_1_or_50(
    client, verified, django_assert_max_num_queries, rows
):
    case, officer, _, _ = family_case()
    fill_record(case, officer, rows)
    verified(officer)
    client.get(url("panels:family", case))  # the permission ids are read once per process

    with django_assert_max_num_queries(FAMILY_PAGE_QUERIES):
        response = client.get(url("panels:family", case))

    page = response.content.decode()
    assert page.count("Awaiting the second post mortem.") == rows
    assert page.count(PRIVATE_WORDS) == rows
    assert "contact goes on through the advocate" in page


@pytest.mark.parametrize("rows", [1, 50])
def test_each_form_costs_at_most_a_list_page_for_1_or_50(
    client, verified, django_assert_max_num_queries, rows
):
    case, officer, _, _ = family_case()
    fill_record(case, officer, rows)
    verified(officer)
    forms = [name for name in FAMILY_PAGES if name != "panels:family"]
    client.get(url(forms[0], case))  # the permission ids are read once per process

    for name in forms:
        with django_assert_max_num_queries(LIST_PAGE, info=name):
            response = client.get(url(name, case))
        assert response.status_code == 200, name
    # The last, the tribute's form, offers everyone in the networks as its writer.
    assert f"Relative {rows - 1}" in response.content.decode()


def test_the_independent_chair_reads_and_writes_the_csp_chair_only_reads(client):
    case, officer, chair, independent_chair = family_case()
    add_sister(case, officer)

    client.force_login(independent_chair)
    assert "Name the advocate" in client.get(url("panels:family", case)).content.decode()
    client.force_login(chair)
    page = client.get(url("panels:family", case)).content.decode()
    assert "Sarah Doe" in page and "Name the advocate" not in page


# The forms ---------------------------------------------------------------------------------


def test_the_officer_adds_someone_new_through_the_form(client):
    case, officer, _, _ = family_case()
    client.force_login(officer)

    response = client.post(
        url("panels:family_add_member", case),
        {
            "new_person_name": "Tom Friend",
            "new_person_role": Person.Role.FRIEND,
            "network": NetworkMember.Network.VICTIM,
            "connection": NetworkMember.Connection.FRIEND,
            "relationship": "Friend from work",
        },
    )

    assert response.status_code == 302 and response.url == url("panels:family", case)
    member = NetworkMember.objects.get(case=case)
    assert member.person.real_name == "Tom Friend" and member.person.role == Person.Role.FRIEND


def test_the_independent_chair_is_offered_only_people_in_the_register(client):
    case, _, _, independent_chair = family_case()
    client.force_login(independent_chair)

    page = client.get(url("panels:family_add_member", case)).content.decode()

    assert "new_person_name" not in page and "Jane Doe" in page


def test_honour_based_abuse_without_its_checks_is_refused_next_to_each_field(client):
    case, officer, _, _ = family_case()
    client.force_login(officer)

    response = client.post(
        url("panels:family_decision", case),
        {
            "kind": InvolvementDecision.Kind.NOT_INVOLVE,
            "reason": InvolvementDecision.Reason.HONOUR_BASED_ABUSE,
            "explanation": "Concerns the family was involved.",
            "decided_on_day": str(days_ago(0).day),
            "decided_on_month": str(days_ago(0).month),
            "decided_on_year": str(days_ago(0).year),
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter the practitioner with expertise you consulted." in page
    assert "Enter the confidentiality checks made on interpreters." in page
    assert not InvolvementDecision.objects.exists()


def test_a_contribution_dated_in_the_future_is_refused(client):
    case, officer, _, _ = family_case()
    member = add_sister(case, officer)
    client.force_login(officer)
    tomorrow = days_ago(-1)

    response = client.post(
        url("panels:family_contribution", case),
        {
            "member": member.pk,
            "received_on_day": str(tomorrow.day),
            "received_on_month": str(tomorrow.month),
            "received_on_year": str(tomorrow.year),
            "visibility": Contribution.Visibility.PRIVATE,
            "content": PRIVATE_WORDS,
            "how_it_assisted": "It helped.",
        },
    )

    assert "Date received must be today or in the past." in response.content.decode()
    assert not Contribution.objects.exists()


# Private words stay with the register's readers --------------------------------------------


def test_a_private_contribution_is_on_no_page_a_panel_member_reads(client):
    case, officer, _, _ = family_case()
    contribution(case, officer, add_sister(case, officer))
    client.force_login(case_member(case, CaseRole.PANEL_MEMBER, by=officer))

    for page in ("cases:detail", "cases:timeline", "cases:people"):
        response = client.get(url(page, case))
        assert response.status_code == 200
        assert PRIVATE_WORDS not in response.content.decode(), page
        # The task row names the record but links to it only for those who may open it.
        assert url("panels:family", case) not in response.content.decode(), page
    assert client.get(url("cases:audit", case)).status_code == 404


def test_the_audit_trail_shows_the_record_to_those_who_read_the_register(client):
    case, officer, _, _ = family_case()
    contribution(case, officer, add_sister(case, officer))
    client.force_login(officer)

    page = client.get(url("cases:audit", case)).content.decode()

    assert "Family: contribution" in page


def test_the_admin_lists_no_contribution_words_and_labels_them_on_their_page(client):
    case, officer, _, _ = family_case()
    recorded = contribution(case, officer, add_sister(case, officer))
    client.force_login(administrator())

    listing = client.get(reverse("admin:panels_contribution_changelist"))
    record = client.get(reverse("admin:panels_contribution_change", args=[recorded.pk]))

    assert listing.status_code == 200 and PRIVATE_WORDS not in listing.content.decode()
    assert f"[Private: never to be published] {PRIVATE_WORDS}" in record.content.decode()
    assert AccessLogEntry.objects.filter(
        case=case, what=AccessLogEntry.What.FAMILY, detail__startswith="in the admin"
    ).exists()


def test_the_admin_changes_nothing_in_the_record(client):
    case, officer, _, _ = family_case()
    recorded = contribution(case, officer, add_sister(case, officer))
    client.force_login(administrator())

    response = client.post(
        reverse("admin:panels_contribution_change", args=[recorded.pk]), {"content": "Changed"}
    )

    assert response.status_code == 403
    recorded.refresh_from_db()
    assert recorded.content == PRIVATE_WORDS


def test_the_case_page_links_to_the_record_for_its_readers_only(client):
    case, officer, _, _ = family_case()
    client.force_login(officer)

    assert url("panels:family", case) in client.get(url("cases:detail", case)).content.decode()
