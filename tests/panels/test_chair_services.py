"""Appointing the independent chair and changing them (DOMAIN.md 2.1 item 1), through
panels.services.chair on PostgreSQL."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from cases.models import CaseMembership
from cases.roles import CaseRole
from cases.rules import independent_chair_of
from cases.services import CaseActionRefused
from panels.models import ChairAppointment
from tests.case_factories import (
    agency_staff,
    case_member,
    case_with_letters_sent,
    chair_of,
    days_ago,
    partnership_with_staff,
)
from tests.panels.panel_factories import appoint, independent_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    partnership, officer, chair = partnership_with_staff()
    return case_with_letters_sent(partnership, officer), officer, chair


def test_the_csp_chair_appoints_and_the_chair_gets_the_role(review):
    case, _officer, csp_chair = review
    chair = independent_person(full_name="Imogen Independent")

    appointment = appoint(case, chair, overview_author_name="Alex Author")

    assert (appointment.appointed_by, appointment.chair) == (csp_chair, chair)
    assert appointment.membership.role == CaseRole.INDEPENDENT_CHAIR
    assert independent_chair_of(case) == chair
    assert appointment.knowledge_areas == [
        "Knowledge of domestic violence and coercive control",
        "Knowledge of the Equality Act 2010",
    ]
    assert appointment.overview_author_name == "Alex Author"
    event = case.events.get(name="panel.chair.appointed")
    assert (event.actor, event.description) == (csp_chair, f"{chair} appointed independent chair")
    assert appointment.history.get().history_user == csp_chair


def test_the_officer_may_appoint_and_a_panel_member_may_not(review):
    case, officer, _ = review
    assert appoint(case, by=officer).appointed_by == officer
    member = case_member(case, CaseRole.PANEL_MEMBER, by=officer)
    with pytest.raises(CaseActionRefused, match="You may not appoint"):
        appoint(case, by=member, change_reason="Moved on")


def test_no_chair_is_appointed_without_the_declaration_of_independence(review):
    case, _, _ = review
    with pytest.raises(CaseActionRefused, match="must declare") as refusal:
        appoint(case, declared_independent=False)
    assert refusal.value.field == "declared_independent"
    assert not ChairAppointment.objects.exists()
    assert independent_chair_of(case) is None


def test_the_chair_works_for_no_agency(review):
    """Seed 000 l.139: the chair is independent of the agencies; cases.rules refuses agency
    staff the role, and nothing of the appointment is kept."""
    case, _, _ = review
    with pytest.raises(CaseActionRefused, match="No one with that e-mail address"):
        appoint(case, agency_staff())
    assert not ChairAppointment.objects.exists()


@pytest.mark.parametrize(
    ("field", "overrides", "message"),
    [
        ("appointed_on", {"appointed_on": days_ago(-1)}, "today or in the past"),
        ("appointed_on", {"appointed_on": days_ago(30)}, "before the decision"),
        (
            "home_office_training_completed_on",
            {"home_office_training_completed_on": days_ago(-3)},
            "today or in the past",
        ),
    ],
)
def test_dates_are_checked(review, field, overrides, message):
    case, _, _ = review
    with pytest.raises(CaseActionRefused, match=message) as refusal:
        appoint(case, **overrides)
    assert refusal.value.field == field


def test_changing_the_chair_needs_a_reason_and_keeps_both(review):
    case, _officer, csp_chair = review
    first = appoint(case, independent_person(full_name="First Chair"))
    second_chair = independent_person(full_name="Second Chair")

    with pytest.raises(CaseActionRefused, match="Say why First Chair") as refusal:
        appoint(case, second_chair)
    assert refusal.value.field == "change_reason"
    assert independent_chair_of(case) == first.chair

    second = appoint(case, second_chair, change_reason="Ill health")

    first.refresh_from_db()
    assert first.ended_at is not None and first.end_reason == "Ill health"
    assert first.ended_by == csp_chair
    assert CaseMembership.objects.get(pk=first.membership_id).ended_at is not None
    assert independent_chair_of(case) == second_chair
    assert list(case.chair_appointments.order_by("id")) == [first, second]
    event = case.events.get(name="panel.chair.changed")
    assert event.reason == "Ill health"
    assert "in place of First Chair" in event.description


def test_the_same_chair_is_not_appointed_twice(review):
    case, _, _ = review
    appointment = appoint(case)
    with pytest.raises(CaseActionRefused, match="already the independent chair"):
        appoint(case, appointment.chair, change_reason="Again")


def test_a_closed_case_gets_no_chair():
    partnership, officer, _chair = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    case.stage = "not_reviewed"
    case.save(update_fields=["stage"])
    with pytest.raises(CaseActionRefused, match="not appointed while the case is at"):
        appoint(case, by=chair_of(partnership))


def test_the_database_holds_one_current_appointment_per_case(review):
    """Should two appointments race past the service's lock, the partial unique constraint
    still keeps one current chair."""
    case, officer, csp_chair = review
    first = appoint(case)
    other = CaseMembership.objects.create(
        case=case, user=independent_person(), role=CaseRole.PANEL_MEMBER, granted_by=officer
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ChairAppointment.objects.create(
            case=case,
            membership=other,
            appointed_by=csp_chair,
            appointed_on=first.appointed_on,
            declared_independent=True,
        )


def test_the_database_refuses_an_appointment_without_the_declaration(review):
    case, officer, csp_chair = review
    membership = CaseMembership.objects.create(
        case=case, user=independent_person(), role=CaseRole.PANEL_MEMBER, granted_by=officer
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ChairAppointment.objects.create(
            case=case,
            membership=membership,
            appointed_by=csp_chair,
            appointed_on=case.decided_on + timedelta(days=1),
            declared_independent=False,
        )
