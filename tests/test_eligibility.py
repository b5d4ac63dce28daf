"""Eligibility situations the first pass missed (DOMAIN 1.2 M6, L4): several victims, a
victim who was a parent, adult services involved, other reviews under way, and the
reference prefix from configuration."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from cases import services
from cases.eligibility import eligibility_prompts
from cases.models import Person
from tests.case_factories import days_ago, notified_case, partnership_with_staff

pytestmark = pytest.mark.django_db


def prompt_texts(case):
    return [prompt.text for prompt in eligibility_prompts(case, list(case.people.all()))]


def test_a_double_homicide_has_two_victims_each_with_an_age_test(client):
    partnership, officer, _chair = partnership_with_staff()
    case = notified_case(partnership, officer)
    client.force_login(officer)

    response = client.post(
        reverse("cases:add_person", args=[case.reference]),
        {
            "role": "victim",
            "real_name": "Lily Doe",
            "date_of_birth_day": "1",
            "date_of_birth_month": "6",
            "date_of_birth_year": str(case.date_of_death.year - 17),
            "pseudonym": "Child C",
        },
    )

    assert response.status_code == 302
    second = case.people.get(real_name="Lily Doe")
    assert second.deceased
    texts = prompt_texts(case)
    assert any(text.startswith("The victim Adult A was") for text in texts)
    assert any(
        text.startswith("The victim Child C was 16") or text.startswith("The victim Child C was 17")
        for text in texts
    )
    assert any("child safeguarding practice review takes precedence" in text for text in texts)


def test_a_second_victim_who_died_another_day_is_aged_on_that_day():
    partnership, officer, _chair = partnership_with_staff()
    case = notified_case(partnership, officer)
    died = case.date_of_death - timedelta(days=1)
    services.add_person(
        case=case,
        by=officer,
        role=Person.Role.VICTIM,
        details={
            "real_name": "Ann Other",
            "pseudonym": "Adult C",
            "date_of_birth": date(died.year - 16, died.month, died.day),
            "date_of_death": died,
        },
    )
    assert "The victim Adult C was 16: a child safeguarding" in " ".join(prompt_texts(case))


def test_children_in_the_register_prompt_a_child_safeguarding_review_as_well():
    partnership, officer, _chair = partnership_with_staff()
    case = notified_case(partnership, officer)
    assert not any("victim was a parent" in text for text in prompt_texts(case))

    services.add_person(
        case=case, by=officer, role=Person.Role.CHILD, details={"real_name": "Kid Doe"}
    )

    assert any("victim was a parent" in text for text in prompt_texts(case))


def test_adult_services_and_other_reviews_are_prompted():
    partnership, officer, _chair = partnership_with_staff()
    case = notified_case(
        partnership,
        officer,
        known_to_adult_services=True,
        other_reviews_under_way="Safeguarding adults review",
    )
    texts = " ".join(prompt_texts(case))
    assert "known to mental health or adult social care" in texts
    assert "Other reviews are under way (Safeguarding adults review)" in texts


def test_the_reference_prefix_comes_from_configuration(settings):
    settings.DHR_REFERENCE_PREFIX = "DARDR"
    partnership, officer, _chair = partnership_with_staff()
    case = notified_case(partnership, officer, notified_on=days_ago(3))
    assert case.reference == f"DARDR-{partnership.code}-{days_ago(3).year}-001"
