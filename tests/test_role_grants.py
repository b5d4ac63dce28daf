"""Who may give which role to whom (cases.rules), tried as an attacker would: through the
members page and the admin, by each role, for each kind of person."""

import pytest
from django.urls import reverse

from cases import services
from cases.models import CaseMembership
from cases.roles import CaseRole
from cases.rules import NO_SUCH_PERSON
from cases.services import CaseActionRefused
from tests.case_factories import (
    administrator,
    agency_staff,
    case_member,
    case_under_review,
    officer_of,
    partnership_with_staff,
)
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    partnership, officer, _chair = partnership_with_staff()
    return case_under_review(partnership, officer)


def add_member(client, case, email, role, agency=None):
    data = {"email": email, "role": role}
    if agency:
        data["agency"] = agency.pk
    return client.post(reverse("cases:members", kwargs={"reference": case.reference}), data)


def is_member(case, user, role) -> bool:
    return CaseMembership.objects.filter(case=case, user=user, role=role, ended_at=None).exists()


def test_an_independent_chair_cannot_make_a_stranger_independent_chair(client, case):
    chair = case_member(case, CaseRole.INDEPENDENT_CHAIR)
    stranger = UserFactory(other_organisation="Anywhere")
    client.force_login(chair)

    response = add_member(client, case, stranger.email, CaseRole.INDEPENDENT_CHAIR)

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not is_member(case, stranger, CaseRole.INDEPENDENT_CHAIR)


def test_an_independent_chair_cannot_add_another_partnerships_staff_to_the_panel(client, case):
    chair = case_member(case, CaseRole.INDEPENDENT_CHAIR)
    _other, other_officer, _ = partnership_with_staff()
    client.force_login(chair)

    response = add_member(client, case, other_officer.email, CaseRole.PANEL_MEMBER)

    assert NO_SUCH_PERSON in response.content.decode()
    assert not is_member(case, other_officer, CaseRole.PANEL_MEMBER)


def test_an_independent_chair_adds_agency_staff_to_the_panel(client, case):
    chair = case_member(case, CaseRole.INDEPENDENT_CHAIR)
    member = agency_staff()
    client.force_login(chair)

    response = add_member(client, case, member.email, CaseRole.PANEL_MEMBER)

    assert response.status_code == 302
    assert is_member(case, member, CaseRole.PANEL_MEMBER)


def test_an_independent_chair_cannot_end_the_officers_or_their_own_role(client, case):
    chair = case_member(case, CaseRole.INDEPENDENT_CHAIR)
    client.force_login(chair)
    for membership in case.memberships.filter(
        role__in=[CaseRole.INDEPENDENT_CHAIR, CaseRole.CSP_OFFICER]
    ):
        url = reverse(
            "cases:end_membership",
            kwargs={"reference": case.reference, "membership_id": membership.pk},
        )
        assert client.post(url).status_code == 404
        membership.refresh_from_db()
        assert membership.ended_at is None


def test_an_agency_role_goes_only_to_a_person_of_that_agency(client, case):
    police, health = AgencyFactory(), AgencyFactory()
    nurse = agency_staff(agency=health)
    client.force_login(officer_of(case))

    response = add_member(client, case, nurse.email, CaseRole.IMR_AUTHOR, agency=police)

    assert NO_SUCH_PERSON in response.content.decode()
    assert not CaseMembership.objects.filter(user=nurse).exists()
    assert (
        add_member(client, case, nurse.email, CaseRole.IMR_AUTHOR, agency=health).status_code == 302
    )


def test_the_form_says_the_same_for_an_unknown_address_and_an_ineligible_account(client, case):
    chair = case_member(case, CaseRole.INDEPENDENT_CHAIR)
    independent = UserFactory(other_organisation="Independent")  # may not sit on a panel
    client.force_login(chair)

    unknown = add_member(client, case, "nobody@example.org", CaseRole.PANEL_MEMBER)
    known = add_member(client, case, independent.email, CaseRole.PANEL_MEMBER)

    def errors(response):
        return response.context["form"].errors.get_json_data()

    assert errors(unknown) == errors(known) == {"email": [{"message": NO_SUCH_PERSON, "code": ""}]}


@pytest.mark.parametrize("appointer", ["officer", "chair"])
def test_the_partnership_appoints_one_independent_chair_at_a_time(client, case, appointer):
    by = officer_of(case) if appointer == "officer" else case.memberships.get(role="csp_chair").user
    first, second = (UserFactory(other_organisation="Independent") for _ in range(2))
    client.force_login(by)

    assert add_member(client, case, first.email, CaseRole.INDEPENDENT_CHAIR).status_code == 302
    response = add_member(client, case, second.email, CaseRole.INDEPENDENT_CHAIR)

    assert "End their role before appointing another" in response.content.decode()
    assert is_member(case, first, CaseRole.INDEPENDENT_CHAIR)
    assert not is_member(case, second, CaseRole.INDEPENDENT_CHAIR)


def test_a_chair_who_works_for_an_agency_is_not_independent(client, case):
    client.force_login(officer_of(case))
    police_officer = agency_staff()

    response = add_member(client, case, police_officer.email, CaseRole.INDEPENDENT_CHAIR)

    assert NO_SUCH_PERSON in response.content.decode()


@pytest.mark.parametrize(
    "role", [CaseRole.PANEL_MEMBER, CaseRole.SENIOR_MANAGER, CaseRole.IMR_AUTHOR]
)
def test_roles_without_a_grant_cannot_post_to_the_members_page(client, case, role):
    person = case_member(case, role)
    client.force_login(person)

    response = add_member(client, case, agency_staff().email, CaseRole.PANEL_MEMBER)

    assert response.status_code == 404


def test_the_service_refuses_what_the_form_would(case):
    chair = case_member(case, CaseRole.INDEPENDENT_CHAIR)
    with pytest.raises(CaseActionRefused, match="You may not give the role Independent chair"):
        services.grant_membership(
            case=case,
            user=UserFactory(other_organisation="Anywhere"),
            role=CaseRole.INDEPENDENT_CHAIR,
            by=chair,
        )


def test_partnership_roles_are_given_only_by_an_administrator_to_the_partnerships_staff():
    partnership, officer, _chair = partnership_with_staff()
    stranger = UserFactory()
    with pytest.raises(CaseActionRefused, match="Only an administrator"):
        services.grant_partnership_role(
            partnership=partnership, user=stranger, role="csp_officer", by=officer
        )
    with pytest.raises(CaseActionRefused, match="its own staff"):
        services.grant_partnership_role(
            partnership=partnership, user=stranger, role="csp_officer", by=administrator()
        )


# The admin asks the same rule --------------------------------------------------------------


def test_the_admin_refuses_an_agency_role_for_someone_of_another_agency(client, case):
    admin = administrator()
    client.force_login(admin)
    nurse = agency_staff()

    response = client.post(
        reverse("admin:cases_casemembership_add"),
        {
            "case": case.pk,
            "user": nurse.pk,
            "role": CaseRole.IMR_AUTHOR,
            "agency": AgencyFactory().pk,
        },
    )

    assert response.status_code == 200
    assert NO_SUCH_PERSON in response.content.decode()
    assert not CaseMembership.objects.filter(user=nurse).exists()


def test_the_admin_refuses_partnership_roles_for_strangers(client):
    partnership, _officer, _chair = partnership_with_staff()
    client.force_login(administrator())
    stranger = UserFactory()

    response = client.post(
        reverse("admin:cases_partnershiprole_add"),
        {"partnership": partnership.pk, "user": stranger.pk, "role": "csp_chair"},
    )

    assert response.status_code == 200
    assert "must be its own staff" in response.content.decode()
    assert not stranger.partnership_roles.exists()


def test_ending_a_role_asks_for_confirmation_first(client, case):
    member = case_member(case, CaseRole.PANEL_MEMBER)
    membership = case.memberships.get(user=member)
    client.force_login(officer_of(case))
    url = reverse(
        "cases:end_membership",
        kwargs={"reference": case.reference, "membership_id": membership.pk},
    )

    page = client.get(url)

    assert page.status_code == 200
    assert "End the role" in page.content.decode()
    assert is_member(case, member, CaseRole.PANEL_MEMBER)
    assert client.post(url).status_code == 302
    assert not is_member(case, member, CaseRole.PANEL_MEMBER)
