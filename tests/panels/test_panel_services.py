"""The panel's members, its warnings, agencies declining, and the start_imrs guards
(DOMAIN.md 2.1 items 2 to 4 and 9), through panels.services on PostgreSQL."""

import pytest

from cases import clocks, selectors, services, workflow
from cases.models import Agency, CaseMembership, Message
from cases.roles import CaseRole
from cases.services import CaseActionRefused
from panels import panel_selectors
from panels.models import PanelMember
from panels.registrations.chair_and_panel import chair_appointed, panel_constituted
from panels.services import panel as panel_services
from tests.case_factories import (
    agency_staff,
    case_member,
    case_with_letters_sent,
    days_ago,
    partnership_with_staff,
)
from tests.factories import AgencyFactory
from tests.panels.panel_factories import add_member, appoint, balanced_panel

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    partnership, officer, _chair = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    return case, officer, appoint(case).chair


def test_a_member_with_an_account_holds_the_panel_role_while_on_the_panel(review):
    case, _officer, chair = review
    person = agency_staff(full_name="Priya Panel")

    member = add_member(case, chair, agency=person.agency, user=person, also_imr_author=True)

    assert member.membership.role == CaseRole.PANEL_MEMBER
    assert member.membership.ended_at is None
    assert case.events.get(name="panel.member.joined").actor == chair

    panel_services.record_member_left(member=member, by=chair, left_on=days_ago(0))

    member.refresh_from_db()
    assert member.left_on == days_ago(0)
    assert CaseMembership.objects.get(pk=member.membership_id).ended_at is not None
    assert not case.memberships.filter(user=person, ended_at__isnull=True).exists()
    assert PanelMember.objects.filter(pk=member.pk).exists()  # the row stays
    assert case.events.filter(name="panel.member.left").exists()


def test_a_member_without_an_account_is_a_row_only(review):
    case, officer, _ = review
    member = add_member(case, officer)
    assert (member.user, member.membership) == (None, None)


@pytest.mark.parametrize("declaration", ["declared_no_involvement", "confidentiality_undertaking"])
def test_both_declarations_are_required_at_joining(review, declaration):
    case, _, chair = review
    with pytest.raises(CaseActionRefused) as refusal:
        add_member(case, chair, **{declaration: False})
    assert refusal.value.field == declaration
    assert not PanelMember.objects.exists()


def test_the_member_sits_for_their_own_agency(review):
    case, _, chair = review
    person = agency_staff()
    with pytest.raises(CaseActionRefused, match="Choose their own agency"):
        add_member(case, chair, user=person, agency=AgencyFactory())


def test_a_person_sits_once(review):
    case, _, chair = review
    person = agency_staff()
    add_member(case, chair, agency=person.agency, user=person)
    with pytest.raises(CaseActionRefused, match="already on the panel"):
        add_member(case, chair, agency=person.agency, user=person)


def test_dates_are_checked(review):
    case, _, chair = review
    with pytest.raises(CaseActionRefused, match="today or in the past"):
        add_member(case, chair, joined_on=days_ago(-1))
    member = add_member(case, chair, joined_on=days_ago(0))
    with pytest.raises(CaseActionRefused, match="before they joined"):
        panel_services.record_member_left(member=member, by=chair, left_on=days_ago(1))


def test_only_the_panel_managers_change_the_panel(review):
    case, officer, _chair = review
    panel_member = case_member(case, CaseRole.PANEL_MEMBER, by=officer)
    csp_chair = case.memberships.get(role=CaseRole.CSP_CHAIR).user
    for not_allowed in (panel_member, csp_chair):
        with pytest.raises(CaseActionRefused, match="You may not add panel members"):
            add_member(case, not_allowed)


def counts(case):
    return panel_selectors.counts_of(list(panel_selectors.panel_members(case)))


def task_list_counts(case):
    """The counts the task list's rows read with the case (panel_set_up_reads)."""
    return panel_selectors.panel_counts(selectors.case_file(case, on=clocks.today()).case)


def test_a_balanced_panel_has_no_warnings(review):
    case, _, chair = review
    balanced_panel(case, chair)
    assert panel_selectors.panel_warnings(counts(case)) == []
    assert task_list_counts(case) == counts(case)


def test_warnings_name_what_the_panel_lacks(review):
    case, _, chair = review
    housing = AgencyFactory(kind=Agency.Kind.HOUSING, sector=Agency.Sector.STATUTORY)
    add_member(case, chair, agency=housing, also_imr_author=True)

    warnings = panel_selectors.panel_warnings(counts(case))

    assert [warning.split(".")[0] for warning in warnings] == [
        "No member comes from an agency with a statutory duty to take part (s",
        "No member comes from the voluntary sector",
        "No IDVA or specialist domestic abuse service sits on the panel",
        "Every member is also an IMR author",
    ]
    assert task_list_counts(case) == counts(case)


def test_the_statutory_duty_comes_from_configuration(review, settings):
    case, _, chair = review
    housing = AgencyFactory(kind=Agency.Kind.HOUSING, sector=Agency.Sector.STATUTORY)
    add_member(case, chair, agency=housing)
    statutory = "No member comes from an agency with a statutory duty"
    assert any(statutory in w for w in panel_selectors.panel_warnings(counts(case)))

    settings.DHR_STATUTORY_AGENCY_KINDS = ["housing"]

    assert not any(statutory in w for w in panel_selectors.panel_warnings(counts(case)))
    assert task_list_counts(case).statutory == 1


def test_members_who_left_do_not_count(review):
    case, _, chair = review
    _police, refuge = balanced_panel(case, chair)
    panel_services.record_member_left(member=refuge, by=chair, left_on=days_ago(0))
    assert task_list_counts(case).current == 1
    assert len(panel_selectors.panel_warnings(counts(case))) == 2


def test_an_agency_declining_is_escalated_to_the_officers(review):
    case, officer, chair = review
    agency = AgencyFactory(name="Riverside Homes")

    declined = panel_services.record_agency_declined(
        case=case, by=chair, agency=agency, declined_on=days_ago(1), reason="No capacity"
    )

    [message] = Message.objects.filter(case=case, user=officer, text__contains="declined")
    assert f"An agency declined to take part in {case.reference}" in message.text
    assert "Riverside Homes" not in message.text  # the e-mail copy names no one
    assert "Home Office" in message.text and "s.9(2)" in message.text
    assert case.events.get(name="panel.agency.declined").reason == "No capacity"

    with pytest.raises(CaseActionRefused, match="before the agency declined"):
        panel_services.record_home_office_told_of_declining(
            declined=declined, by=officer, told_on=days_ago(2)
        )
    with pytest.raises(CaseActionRefused, match="You may not record what the Home Office"):
        panel_services.record_home_office_told_of_declining(
            declined=declined, by=chair, told_on=days_ago(0)
        )
    panel_services.record_home_office_told_of_declining(
        declined=declined, by=officer, told_on=days_ago(0)
    )
    declined.refresh_from_db()
    assert declined.home_office_told_on == days_ago(0)


# start_imrs ---------------------------------------------------------------------------


def test_start_imrs_waits_for_a_chair_and_a_panel(monkeypatch):
    """DOMAIN.md 2.1 item 9. The other parts of the set-up add guards of their own; this
    test holds start_imrs to the declared guard and this part's two."""
    monkeypatch.setitem(workflow.ADDED_GUARDS, "start_imrs", [chair_appointed, panel_constituted])
    partnership, officer, _ = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    stand_in = case_member(case, CaseRole.INDEPENDENT_CHAIR, by=officer)

    # A role given on the members page is not an appointment: no declaration recorded.
    with pytest.raises(CaseActionRefused, match="Appoint the independent chair, with their"):
        services.perform_transition(case=case, name="start_imrs", by=stand_in)
    assert "Independent chair and panel" in chair_appointed(case)

    services.end_membership(membership=case.memberships.get(user=stand_in), by=officer)
    chair = appoint(case).chair
    with pytest.raises(CaseActionRefused, match="Add the panel's members, at least one"):
        services.perform_transition(case=case, name="start_imrs", by=chair)

    [member] = [add_member(case, chair)]
    panel_services.record_member_left(member=member, by=chair, left_on=days_ago(0))
    with pytest.raises(CaseActionRefused, match="Add the panel's members"):
        services.perform_transition(case=case, name="start_imrs", by=chair)

    add_member(case, chair, name="Fiona Marsh")
    case = services.perform_transition(case=case, name="start_imrs", by=chair)
    assert case.stage == workflow.Stage.IMRS


def test_a_chair_whose_role_ended_no_longer_counts(review):
    case, officer, chair = review
    assert chair_appointed(case) is None
    services.end_membership(membership=case.memberships.get(user=chair), by=officer)
    assert chair_appointed(case).startswith("Appoint the independent chair")
