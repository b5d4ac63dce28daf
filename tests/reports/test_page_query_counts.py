"""What the report's pages cost the database in production settings (issue 13 item 2): at
most LIST_PAGE statements whatever the number of rows, or the page's own lower count where
it shows more kinds of record than that allows."""

import pytest
from django.urls import reverse

from tests.reports.action_plan_factories import an_action, ready_to_submit, recommendation
from tests.reports.anonymisation_factories import version
from tests.reports.report_factories import registered, review_at_drafting
from tests.test_query_counts import LIST_PAGE

pytestmark = pytest.mark.django_db

# The anonymised version: the baseline, the case, the version, the register (its people,
# the names kept as written, the decisions on flags) and the access log's entry.
ANONYMISED_VERSION = 9
# The action plan: the baseline, the case, each agency's actions' hashes, the agencies,
# their agreements, the recommendations and their actions.
ACTION_PLAN = 9


def busy_review(rows: int):
    """A review ready to submit for sign-off, with `rows` more people and actions."""
    case, officer, chair = review_at_drafting()
    agency = ready_to_submit(case, officer, chair)
    for number in range(rows):
        registered(case, f"Person{number} Surname{number}", f"Adult {number}")
        an_action(case, chair, agency, action=f"Action {number}")
    recommendation(case, chair)
    return case, officer, chair


@pytest.mark.parametrize("rows", [1, 50])
@pytest.mark.parametrize(
    ("name", "ceiling"),
    [
        ("reports:panel_agreement", LIST_PAGE),
        ("reports:family_viewing", LIST_PAGE),
        ("reports:anonymisation", LIST_PAGE),
        ("reports:action_plan", ACTION_PLAN),
    ],
)
def test_the_reports_pages_cost_the_same_at_1_and_50_rows(
    client,
    verified,
    django_assert_max_num_queries,
    rows,
    name,
    ceiling,
):
    case, officer, _ = busy_review(rows)
    verified(officer)
    url = reverse(name, args=[case.reference])
    client.get(url)  # warm-up
    with django_assert_max_num_queries(ceiling):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("rows", [1, 50])
def test_the_anonymised_version_costs_the_same_at_1_and_50_people(
    client,
    verified,
    django_assert_max_num_queries,
    rows,
):
    case, officer, chair = busy_review(rows)
    text = " ".join(f"Person{number} Surname{number} was seen." for number in range(rows))
    fixed = version(case, chair, text)
    verified(officer)
    url = reverse("reports:anonymised_version", args=[case.reference, fixed.pk])
    client.get(url)  # warm-up
    with django_assert_max_num_queries(ANONYMISED_VERSION):
        assert client.get(url).status_code == 200
