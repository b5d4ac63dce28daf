"""The anonymisation and leak-gate pages over HTTP: every role of the review, the agencies'
staff, the Home Office reviewer, an outsider (404 for each refused) and anonymous (sign in);
the preview's marks and decisions; the sign-off guard; query ceilings."""

import re

import pytest
from django.urls import reverse

from cases.models import AccessLogEntry
from reports.models import AnonymisationDecision, LeakCheck
from reports.services.anonymisation import not_anonymised
from tests.reports.anonymisation_factories import (
    READ_THE_REGISTER,
    everyone,
    pdf_of,
    rendering,
    version,
)
from tests.reports.report_factories import registered, review_at_drafting
from tests.test_double_submits import TOKEN

pytestmark = pytest.mark.django_db

WHO_OPENS = {
    "reports:anonymisation": READ_THE_REGISTER,
    "reports:anonymised_version": READ_THE_REGISTER,
    "reports:leak_gate": READ_THE_REGISTER,
}
# Running the gate: the chair (write_overview_report), the officer and the CSP chair
# (send_to_home_office).
WHO_RUNS_THE_GATE = READ_THE_REGISTER


def test_every_url_of_the_part_is_in_the_matrix():
    from reports.urls import urlpatterns

    mine = {f"reports:{pattern.name}" for pattern in urlpatterns}
    assert {"reports:anonymisation", "reports:anonymised_version", "reports:leak_gate"} <= mine
    assert "reports:run_leak_check" in mine


def _url(name, case, the_version=None):
    if name == "reports:anonymised_version":
        return reverse(name, args=[case.reference, the_version.pk])
    return reverse(name, args=[case.reference])


@pytest.mark.parametrize("name", sorted(WHO_OPENS))
def test_permission_matrix(client, name):
    case, officer, chair = review_at_drafting()
    people = everyone(case, officer, chair)
    url = _url(name, case, version(case, chair, "Jane Smith"))

    answers = {}
    for role, person in people.items():
        client.force_login(person)
        answers[role] = client.get(url).status_code
    client.logout()
    answers["anonymous"] = client.get(url).status_code

    expected = {role: 200 if role in WHO_OPENS[name] else 404 for role in people}
    assert answers == {**expected, "anonymous": 302}


def test_run_the_gate_permission_matrix(client):
    case, officer, chair = review_at_drafting()
    people = everyone(case, officer, chair)
    pdf = rendering(case, chair, pdf_of("<p>Adult A</p>"))
    url = reverse("reports:run_leak_check", args=[case.reference, pdf.pk])

    answers = {}
    for role, person in people.items():
        client.force_login(person)
        answers[role] = client.post(url).status_code
    client.logout()
    answers["anonymous"] = client.post(url).status_code

    expected = {role: 302 if role in WHO_RUNS_THE_GATE else 404 for role in people}
    assert answers == {**expected, "anonymous": 302}
    assert LeakCheck.objects.filter(pdf=pdf).count() == len(WHO_RUNS_THE_GATE)


def test_the_preview_marks_swaps_and_flags_and_counts_them(client):
    case, _, chair = review_at_drafting()
    registered(case, "Jane Smith", "Adult A")
    the_version = version(case, chair, "Jane Smith lived on Acacia Avenue. Jane's GP rang.")
    client.force_login(chair)

    response = client.get(_url("reports:anonymised_version", case, the_version))
    page = response.content.decode()
    assert re.search(r'id="swap-count">\s*2<', page)
    assert re.search(r'id="open-count">\s*1<', page)
    assert (
        '<mark class="dhr-swap">Adult A <span class="govuk-body-s">(replaced: Jane Smith)' in page
    )
    assert "(Street name, to decide)" in page
    assert AccessLogEntry.objects.filter(
        case=case, user=chair, what=AccessLogEntry.What.PEOPLE_REGISTER
    ).exists()


def test_deciding_a_flag_records_it_and_clears_the_guard(client):
    case, _, chair = review_at_drafting()
    registered(case, "Jane Smith", "Adult A")
    the_version = version(case, chair, "Jane Smith lived on Acacia Avenue.")
    version(case, chair, "Adult A.", document="executive_summary")
    assert "Decide every flag" in not_anonymised(case)
    url = _url("reports:anonymised_version", case, the_version)
    client.force_login(chair)
    token = TOKEN.search(client.get(url).content.decode())[1]

    response = client.post(
        url,
        {
            "flag": "street:acacia avenue",
            "form_token": token,
            "flag-1-decision": "replace",
            "flag-1-replacement": "a residential street",
            "flag-1-reason": "The street would identify the family.",
        },
    )

    assert response.status_code == 302
    decision = AnonymisationDecision.objects.get(case=case)
    assert (decision.decision, decision.replacement) == ("replace", "a residential street")
    assert not_anonymised(case) is None
    page = client.get(url).content.decode()
    assert "published as “a residential street”" in page
    assert re.search(r'id="open-count">\s*0<', page)


def test_a_replacement_is_asked_for_next_to_its_field(client):
    case, _, chair = review_at_drafting()
    the_version = version(case, chair, "She lived on Acacia Avenue.")
    url = _url("reports:anonymised_version", case, the_version)
    client.force_login(chair)

    response = client.post(url, {"flag": "street:acacia avenue", "flag-1-decision": "replace"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Enter the text to publish instead." in page
    assert not AnonymisationDecision.objects.exists()


def test_a_replacement_may_not_be_a_registered_name(client):
    case, _, chair = review_at_drafting()
    registered(case, "Jane Smith", "Adult A")
    the_version = version(case, chair, "She lived on Acacia Avenue.")
    url = _url("reports:anonymised_version", case, the_version)
    client.force_login(chair)

    response = client.post(
        url,
        {
            "flag": "street:acacia avenue",
            "flag-1-decision": "replace",
            "flag-1-replacement": "Jane Smith's street",
        },
    )

    assert "contains a registered real name" in response.content.decode()
    assert not AnonymisationDecision.objects.exists()


def test_the_guard_needs_a_version_of_each_document():
    case, _, chair = review_at_drafting()
    assert "Fix a version of the overview report" in not_anonymised(case)
    version(case, chair, "Adult A.")
    assert "Fix a version of the executive summary" in not_anonymised(case)
    version(case, chair, "Adult A.", document="executive_summary")
    assert not_anonymised(case) is None


def test_the_guard_is_registered_on_submit_for_sign_off():
    from cases.workflow import ADDED_GUARDS

    assert not_anonymised in ADDED_GUARDS["submit_for_sign_off"]


def test_the_anonymisation_page_lists_open_flags(client):
    case, _, chair = review_at_drafting()
    the_version = version(case, chair, "On 3 March 2024 at RS1 2AB.")
    client.force_login(chair)
    page = client.get(_url("reports:anonymisation", case)).content.decode()
    assert "2 open" in page
    assert _url("reports:anonymised_version", case, the_version) in page
    assert "No version yet" in page
    assert "Overview report<span" in page and "Executive summary" in page


def test_the_task_list_row_under_drafting_leads_to_the_open_flags():
    """The row reads no text (the case page scans none): it stays in progress while the
    report is drafted, and the guard checks every flag."""
    from cases import selectors
    from cases.clocks import today
    from reports.registrations.anonymisation import anonymisation_tasks

    case, _, chair = review_at_drafting()
    version(case, chair, "Adult A.")
    version(case, chair, "Adult A.", document="executive_summary")
    [row] = anonymisation_tasks(selectors.case_file(case, on=today()).case)
    assert (row.name, row.status) == ("Anonymise the report: decide every flag", "in progress")
    assert row.url == _url("reports:anonymisation", case)


def test_the_leak_gate_page_shows_hits_with_their_pages(client):
    case, _, chair = review_at_drafting()
    registered(case, "Jane Smith", "Adult A")
    pdf = rendering(case, chair, pdf_of('<p>One</p><p style="break-before: page">Jane Smith</p>'))
    url = reverse("reports:leak_gate", args=[case.reference])
    client.force_login(chair)
    token = TOKEN.search(client.get(url).content.decode())[1]

    response = client.post(
        reverse("reports:run_leak_check", args=[case.reference, pdf.pk]),
        {"form_token": token},
        follow=True,
    )

    page = response.content.decode()
    assert "Not publishable: registered names or dates of birth were found on page 2" in page
    assert '<td class="govuk-table__cell">Jane Smith</td>' in page
    pdf.refresh_from_db()
    assert pdf.publishable_at is None


@pytest.mark.parametrize("rows", [1, 50])
def test_the_leak_gate_page_costs_the_same_at_1_and_50_renderings(
    client, django_assert_max_num_queries, rows
):
    case, _, chair = review_at_drafting()
    data = pdf_of("<p>Adult A</p>")
    for _ in range(rows):
        pdf = rendering(case, chair, data)
        LeakCheck.objects.create(pdf=pdf, hits=[], ran_by=chair)
    client.force_login(chair)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reports:leak_gate", args=[case.reference]))
    assert response.content.decode().count("Clean</strong>") == rows


@pytest.mark.parametrize("rows", [1, 50])
def test_the_anonymisation_pages_cost_the_same_at_1_and_50_people(
    client, django_assert_max_num_queries, rows
):
    case, _, chair = review_at_drafting()
    for number in range(rows):
        registered(case, f"Person{number} Surname{number}", f"Adult {number}")
    the_version = version(case, chair, "Person0 met Surname1 on 3 March 2024.")
    client.force_login(chair)
    with django_assert_max_num_queries(14):
        assert client.get(_url("reports:anonymisation", case)).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(_url("reports:anonymised_version", case, the_version)).status_code == 200
