"""The action plan's and the before-sign-off pages over HTTP: every role of the review, the
police's senior manager and author, another agency's senior manager, the Home Office
reviewer and an outsider (404 for each refused; sign-in for the anonymous); the forms'
refusals next to their fields; one effect per form; query ceilings of the lists."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from cases.clocks import today
from reports.models import Action, ActionAgreement, ContributorConfirmation
from reports.services import before_sign_off as checks
from tests.factories import AgencyFactory
from tests.reports.action_plan_factories import (
    an_action,
    both_versions,
    date_fields,
    everyone,
    recommendation,
)
from tests.reports.report_factories import review_at_drafting
from tests.test_double_submits import TOKEN

pytestmark = pytest.mark.django_db

ROLES = (
    "CSP officer",
    "CSP chair",
    "independent chair",
    "panel member",
    "senior manager",
    "IMR author",
    "other agency's senior manager",
    "Home Office reviewer",
    "outsider",
)
READ_THE_CASE_FILE = {"CSP officer", "CSP chair", "independent chair", "panel member"}
CHAIR = {"independent chair"}
RECORD = {"CSP officer", "independent chair"}

WHO_OPENS = {
    "reports:recommendations": READ_THE_CASE_FILE,
    "reports:add_recommendation": CHAIR,
    "reports:carry_recommendations": CHAIR,
    "reports:change_recommendation": CHAIR,
    "reports:action_plan": READ_THE_CASE_FILE,
    "reports:add_action": CHAIR,
    "reports:change_action": CHAIR,
    "reports:record_agreement": RECORD,
    # The police's own senior manager only: not its author, nor another agency's.
    "reports:agree_actions": {"senior manager"},
    "reports:contributors": READ_THE_CASE_FILE,
    "reports:ask_contributor": RECORD,
    "reports:ask_every_contributor": RECORD,
    "reports:record_confirmation": RECORD,
    "reports:panel_agreement": READ_THE_CASE_FILE,
    "reports:record_panel_agreement": RECORD,
    # What the family said is as restricted as the register: never the panel members.
    "reports:family_viewing": {"CSP officer", "CSP chair", "independent chair"},
    "reports:record_family_viewing": RECORD,
    "reports:record_no_family": RECORD,
}


def _plan(case, chair, police):
    action = an_action(case, chair, police)
    asked = checks.ask_contributor(case=case, by=chair, asked_on=today(), agency=police)
    return action, asked


def url_for(name, case, action, asked) -> str:
    kwargs = {"reference": case.reference}
    if name in ("reports:change_recommendation", "reports:add_action"):
        kwargs["recommendation_id"] = action.recommendation_id
    if name == "reports:change_action":
        kwargs["action_id"] = action.pk
    if name == "reports:agree_actions":
        kwargs["agency_id"] = action.lead_agency_id
    if name == "reports:record_confirmation":
        kwargs["confirmation_id"] = asked.pk
    return reverse(name, kwargs=kwargs)


def test_every_url_is_in_the_matrix():
    from reports.urls import urlpatterns

    assert {f"reports:{p.name}" for p in urlpatterns} >= set(WHO_OPENS)
    mine = {
        f"reports:{p.name}"
        for p in urlpatterns
        if p.callback.__module__.startswith(
            ("reports.views.action_plan", "reports.views.before_sign_off")
        )
    }
    assert mine == set(WHO_OPENS)


@pytest.mark.parametrize("name", sorted(WHO_OPENS))
def test_permission_matrix(client, name):
    case, officer, chair = review_at_drafting()
    police, people = everyone(case, officer, chair)
    url = url_for(name, case, *_plan(case, chair, police))

    answers = {}
    for role in ROLES:
        client.force_login(people[role])
        answers[role] = client.get(url).status_code
    client.logout()
    anonymous = client.get(url)

    assert answers == {role: 200 if role in WHO_OPENS[name] else 404 for role in ROLES}
    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse(settings.LOGIN_URL))


def _post(client, url, data):
    token = TOKEN.search(client.get(url).content.decode()).group(1)
    return client.post(url, {**data, "form_token": token})


def action_post(agency, **overrides):
    return {
        "lead_agency": agency.pk,
        "owner": "Head of Safeguarding",
        "action": "Brief every officer.",
        "milestones": "",
        **date_fields("target_on", today() + timedelta(weeks=8)),
        "intended_outcome": "Referrals made.",
        "monitored_by": "Dip sample.",
        "scope": "local",
        **overrides,
    }


def test_a_past_target_date_is_refused_next_to_its_field(client):
    case, _, chair = review_at_drafting()
    rec = recommendation(case, chair)
    client.force_login(chair)
    url = reverse("reports:add_action", args=[case.reference, rec.pk])
    response = _post(client, url, action_post(AgencyFactory(), **date_fields("target_on", today())))
    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert "The target date must be in the future." in content
    assert not Action.objects.exists()


def test_an_action_posted_twice_is_added_once(client):
    case, _, chair = review_at_drafting()
    rec = recommendation(case, chair)
    agency = AgencyFactory()
    client.force_login(chair)
    url = reverse("reports:add_action", args=[case.reference, rec.pk])
    token = TOKEN.search(client.get(url).content.decode()).group(1)
    first = client.post(url, {**action_post(agency), "form_token": token})
    second = client.post(url, {**action_post(agency), "form_token": token}, follow=True)
    assert first.status_code == 302
    assert Action.objects.count() == 1
    assert "You already sent this form" in second.content.decode()


def test_the_senior_manager_agrees_on_their_page_and_the_plan_shows_it(client):
    case, officer, chair = review_at_drafting()
    police, people = everyone(case, officer, chair)
    an_action(case, chair, police)
    an_action(case, chair, AgencyFactory(name="Riverside Homes"))
    client.force_login(people["senior manager"])
    case_page = client.get(case.get_absolute_url()).content.decode()
    url = reverse("reports:agree_actions", args=[case.reference, police.pk])
    assert url in case_page

    refused = _post(client, url, {})
    assert "Confirm that you agree the actions" in refused.content.decode()
    assert _post(client, url, {"agree": "on"}).status_code == 302
    assert ActionAgreement.objects.get().agreed_in_service

    client.force_login(chair)
    plan = client.get(reverse("reports:action_plan", args=[case.reference])).content.decode()
    assert "Agreed" in plan and "Not yet agreed" in plan


def test_the_panels_agreement_needs_every_check_ticked(client):
    case, officer, chair = review_at_drafting()
    both_versions(case, chair)
    an_action(case, chair, AgencyFactory())
    client.force_login(officer)
    url = reverse("reports:record_panel_agreement", args=[case.reference])
    response = _post(client, url, {**date_fields("agreed_on", today()), "high_standard": "on"})
    assert "Confirm that the report uses the definition of coercive" in response.content.decode()
    assert not case.panel_agreements.exists()


@pytest.mark.parametrize("rows", [1, 50])
def test_the_action_plan_costs_the_same_at_1_and_50_actions(
    client, django_assert_max_num_queries, rows
):
    case, _, chair = review_at_drafting()
    rec = recommendation(case, chair)
    agencies = [AgencyFactory() for _ in range(min(rows, 5))]
    Action.objects.bulk_create(
        Action(
            recommendation=rec if i % 2 else recommendation(case, chair, f"R{i}"),
            lead_agency=agencies[i % len(agencies)],
            owner="Owner",
            action=f"Action {i}",
            target_on=today() + timedelta(days=30),
            intended_outcome="Outcome",
            monitored_by="Monitor",
        )
        for i in range(rows)
    )
    client.force_login(chair)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reports:action_plan", args=[case.reference]))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 50])
def test_the_contributors_and_recommendations_cost_the_same_at_1_and_50_rows(
    client, django_assert_max_num_queries, rows
):
    case, _, chair = review_at_drafting()
    ContributorConfirmation.objects.bulk_create(
        ContributorConfirmation(
            case=case, individual=f"Dr {i}", asked_on=today(), recorded_by=chair
        )
        for i in range(rows)
    )
    for i in range(rows):
        recommendation(case, chair, f"R{i}")
    client.force_login(chair)
    for name in ("reports:contributors", "reports:recommendations"):
        with django_assert_max_num_queries(14):
            assert client.get(reverse(name, args=[case.reference])).status_code == 200
