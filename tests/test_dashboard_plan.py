"""The dashboard's permission filter on PostgreSQL: it reads the direct foreign-key guardian
table (cases_caseuserobjectpermission.content_object_id), never guardian's generic table
with its object_pk text column cast to match the case id.

PostgreSQL only (CI runs on it); SQLite has no comparable plan to check.
"""

import pytest
from django.db import connection

from cases import clocks, selectors
from tests.case_factories import case_under_review, notified_case, partnership_with_staff

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="checks a PostgreSQL query plan"),
]

PERMISSION_TABLE = "cases_caseuserobjectpermission"


@pytest.fixture
def officer():
    partnership, officer, _chair = partnership_with_staff()
    notified_case(partnership, officer)
    case_under_review(partnership, officer)
    return officer


@pytest.mark.parametrize(
    "filters", [{}, {"overdue": True}, {"stage": "imrs"}], ids=["all", "overdue", "stage"]
)
def test_dashboard_filters_on_the_direct_permission_table(officer, filters):
    cases = selectors.dashboard_cases(officer, on=clocks.today(), **filters)
    sql = str(cases.query)

    assert PERMISSION_TABLE in sql
    assert '"content_object_id"' in sql
    assert "::text" not in sql
    assert "object_pk" not in sql
    assert "guardian_userobjectpermission" not in sql


def test_the_plan_reads_the_permission_table(officer):
    cases = selectors.dashboard_cases(officer, on=clocks.today())

    plan = cases.explain()

    assert PERMISSION_TABLE in plan
    assert "object_pk" not in plan


def test_the_officer_sees_both_cases(officer):
    assert selectors.dashboard_cases(officer, on=clocks.today()).count() == 2
