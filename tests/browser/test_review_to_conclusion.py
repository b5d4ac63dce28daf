"""One review from the partnership's sign-off to its conclusion, in a real browser (issue
12): the CSP chair signs off, the officer sends the package and records the Home Office's
"cleared subject to changes" letter and each area done; the officer agrees the date with
the family (the warning near the anniversary shows), publishes, and an anonymous visitor on
a phone finds the review and downloads its executive summary; each agency reports on its
actions, the officer audits them, the CSP chair agrees a closure and concludes. Every page
is checked with axe. Each stage's walk is its own browser test's."""

import pytest

from cases.workflow import Stage
from tests.browser.test_case_flow import sign_out
from tests.browser.test_monitoring_flow import walk_monitoring_to_conclusion
from tests.browser.test_publication_flow import walk_publication
from tests.browser.test_sign_off_to_clearance import walk_sign_off_to_clearance
from tests.monitoring.factories import review_at_sign_off

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_one_review_from_sign_off_to_conclusion(page, live_server, assert_accessible):
    review = review_at_sign_off()
    case, people = review.case, review.people

    walk_sign_off_to_clearance(page, live_server, case, people, assert_accessible)
    sign_out(page)
    walk_publication(page, live_server, case, people, assert_accessible=assert_accessible)
    case.refresh_from_db()
    assert case.stage == Stage.MONITORING and case.publication.public_id

    page.set_viewport_size({"width": 1280, "height": 800})
    walk_monitoring_to_conclusion(
        page, live_server, case, people, assert_accessible=assert_accessible
    )
    case.refresh_from_db()
    assert case.stage == Stage.CONCLUDED
