"""A CSP officer corrects what was recorded, withdraws a case recorded in error, and is
warned before recording the same death twice (issue 8, section 2)."""

from datetime import timedelta

import pytest
from django.urls import reverse

from cases import clocks, reminders, services
from cases.models import Case, CaseEvent, Person
from cases.services import CaseActionRefused
from cases.workflow import Stage
from tests.case_factories import (
    case_awaiting_decision,
    case_member,
    days_ago,
    notified_case,
    officer_of,
    partnership_with_staff,
)
from tests.test_case_views import date_fields, notification_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    partnership, officer, _chair = partnership_with_staff()
    return notified_case(partnership, officer)


def correction_post(case, **changes):
    data = {
        **date_fields("notified_on", case.notified_on),
        **date_fields("date_of_death", case.date_of_death),
        "source": case.source,
        "police_force": case.police_force,
        "police_reference": case.police_reference,
        "place_of_death": case.place_of_death,
        "circumstances": case.circumstances,
        "reason": "",
    }
    data.update(changes)
    return data


# Correcting the notification ---------------------------------------------------------------


def test_a_corrected_notification_date_moves_the_decision_clock_and_keeps_the_reason(client, case):
    client.force_login(officer_of(case))
    new_date = case.notified_on - timedelta(days=2)
    url = reverse("cases:correct_notification", args=[case.reference])

    response = client.post(
        url,
        correction_post(
            case, **date_fields("notified_on", new_date), reason="Informal notice came first."
        ),
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.notified_on == new_date
    assert case.decision_due_on == clocks.decision_due(new_date)
    assert case.home_office_letter_due_on == clocks.home_office_letter_due(new_date)
    event = case.events.get(name="case.notification.corrected")
    assert event.reason == "Informal notice came first."
    assert case.history.first().history_change_reason == "Informal notice came first."


def test_moving_the_notification_date_needs_a_reason(client, case):
    client.force_login(officer_of(case))
    url = reverse("cases:correct_notification", args=[case.reference])

    response = client.post(
        url, correction_post(case, **date_fields("notified_on", case.notified_on - timedelta(1)))
    )

    assert response.status_code == 200
    assert "Say why the date the partnership was notified has changed" in response.content.decode()
    assert Case.objects.get(pk=case.pk).notified_on == case.notified_on


def test_other_corrections_need_no_reason(client, case):
    client.force_login(officer_of(case))
    url = reverse("cases:correct_notification", args=[case.reference])

    response = client.post(url, correction_post(case, place_of_death="Riverside Park"))

    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).place_of_death == "Riverside Park"


def test_a_panel_member_cannot_correct_the_notification(client, case):
    client.force_login(case_member(case, "panel_member"))
    url = reverse("cases:correct_notification", args=[case.reference])
    assert client.post(url, correction_post(case, place_of_death="X")).status_code == 404


# Correcting a person -------------------------------------------------------------------------


def test_an_officer_corrects_a_persons_details_and_the_audit_trail_keeps_both(client, case):
    officer = officer_of(case)
    client.force_login(officer)
    suspect = case.people.get(role=Person.Role.SUSPECT)
    url = reverse("cases:correct_person", args=[case.reference, suspect.pk])
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(date_fields("date_of_birth", suspect.date_of_birth))
    data.update(real_name="John Roe-Smith", charged="true", reason="Name on the charge sheet")

    response = client.post(url, data)

    assert response.status_code == 302
    suspect.refresh_from_db()
    assert suspect.real_name == "John Roe-Smith"
    assert list(suspect.history.values_list("real_name", flat=True)[:2]) == [
        "John Roe-Smith",
        "John Roe",
    ]
    assert case.events.filter(name="case.person.corrected", actor=officer).exists()


def test_a_date_of_birth_in_1066_is_refused(client, case):
    client.force_login(officer_of(case))
    victim = case.people.get(role=Person.Role.VICTIM)
    url = reverse("cases:correct_person", args=[case.reference, victim.pk])

    response = client.post(
        url,
        {
            "real_name": "Jane Doe",
            "pseudonym": "Adult A",
            "date_of_birth_day": "14",
            "date_of_birth_month": "10",
            "date_of_birth_year": "1066",
        },
    )

    assert "Date of birth must be in 1900 or later" in response.content.decode()


def test_adding_a_person_checks_the_actors_permission(case):
    panel_member = case_member(case, "panel_member")
    with pytest.raises(CaseActionRefused, match="You may not add people"):
        services.add_person(
            case=case, by=panel_member, role=Person.Role.FAMILY, details={"real_name": "X"}
        )


# Withdrawing ----------------------------------------------------------------------------------


def test_a_case_recorded_in_error_is_withdrawn_with_its_reason_and_sends_no_reminders(client):
    partnership, officer, _chair = partnership_with_staff()
    case = case_awaiting_decision(partnership, officer, notified_on=days_ago(40))
    client.force_login(officer)

    response = client.post(
        reverse("cases:withdraw", args=[case.reference]), {"reason": "Recorded twice."}
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.WITHDRAWN
    assert case.is_closed
    assert CaseEvent.objects.get(case=case, name="case.withdrawn").reason == "Recorded twice."
    assert reminders.scan(on=case.decision_due_on + timedelta(days=7)) == []
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Recorded twice." in page


def test_a_withdrawn_case_cannot_be_withdrawn_again():
    partnership, officer, _chair = partnership_with_staff()
    case = notified_case(partnership, officer)
    services.withdraw_case(case=case, by=officer, reason="Duplicate")
    with pytest.raises(CaseActionRefused, match="still waiting for its decision"):
        services.withdraw_case(case=Case.objects.get(pk=case.pk), by=officer, reason="Again")


# Recording the same death twice -------------------------------------------------------------


def test_a_double_submitted_notification_warns_instead_of_opening_a_second_case(client):
    partnership, officer, _chair = partnership_with_staff()
    client.force_login(officer)
    url = reverse("cases:record_notification", kwargs={"code": partnership.code})

    first = client.post(url, notification_post())
    second = client.post(url, notification_post())

    assert first.status_code == 302
    assert second.status_code == 200
    first_case = Case.objects.get()
    assert f"This death may already be recorded as {first_case.reference}" in (
        second.content.decode()
    )

    confirmed = client.post(url, notification_post(**{"duplicate-confirm_new_death": "on"}))
    assert confirmed.status_code == 302
    assert Case.objects.count() == 2


def test_the_same_victim_and_date_of_death_under_another_police_reference_warns(client):
    partnership, officer, _chair = partnership_with_staff()
    client.force_login(officer)
    url = reverse("cases:record_notification", kwargs={"code": partnership.code})
    client.post(url, notification_post())

    response = client.post(
        url,
        notification_post(
            **{"notification-police_reference": "OTHER-1", "victim-real_name": "mary major"}
        ),
    )

    assert "may already be recorded" in response.content.decode()
    assert Case.objects.count() == 1


def test_a_notification_without_a_suspect_is_recorded(client):
    partnership, officer, _chair = partnership_with_staff()
    client.force_login(officer)
    url = reverse("cases:record_notification", kwargs={"code": partnership.code})
    data = notification_post(
        **{
            "suspect-real_name": None,
            "suspect-relationship_to_victim": None,
            "suspect-charged": None,
            "suspect-pseudonym": None,
            "notification-suspected_suicide": "on",
        }
    )

    response = client.post(url, data)

    assert response.status_code == 302
    assert list(Case.objects.get().people.values_list("role", flat=True)) == ["victim"]


# Forms and pages ------------------------------------------------------------------------------


def test_the_recommendation_form_has_no_blank_radio(client, case):
    client.force_login(officer_of(case))
    page = client.get(reverse("cases:recommendation", args=[case.reference])).content.decode()
    assert 'name="meets_criteria" value=""' not in page
    assert "checked" not in page.split('name="meets_criteria"', 1)[1].split("</fieldset>")[0]


def test_later_stages_say_what_starts_them(client, case):
    client.force_login(officer_of(case))
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Starts with “Commission the IMRs”" in page


def test_the_victim_part_of_the_notification_form_has_no_second_date_of_death(client):
    partnership, officer, _chair = partnership_with_staff()
    client.force_login(officer)
    url = reverse("cases:record_notification", kwargs={"code": partnership.code})
    page = client.get(url).content.decode()
    assert 'name="victim-date_of_death_day"' not in page
    assert 'name="suspect-date_of_death_day"' in page


def test_every_field_of_the_notification_can_be_corrected(client, case):
    """The fields added to the notification form later (adult services, other reviews) were
    shown on the correction form but silently dropped by the service."""
    client.force_login(officer_of(case))
    url = reverse("cases:correct_notification", args=[case.reference])

    response = client.post(
        url,
        correction_post(
            case,
            known_to_adult_services="on",
            other_reviews_under_way="Safeguarding adults review",
        ),
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.known_to_adult_services
    assert case.other_reviews_under_way == "Safeguarding adults review"
