"""Reflow (WCAG 2.2 SC 1.4.10): at 320 CSS px wide no page of a case scrolls sideways; wide
tables scroll inside their own named, focusable region."""

import pytest

from cases import services
from cases.models import AccessLogEntry
from tests.browser.test_case_flow import sign_in
from tests.case_factories import case_with_letters_sent, partnership_with_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 320, "height": 640}


def test_the_case_pages_fit_320_px(page, assert_accessible):
    partnership, officer, _chair = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    services.log_access(case=case, user=officer, what=AccessLogEntry.What.AUDIT_TRAIL)
    sign_in(page, officer)
    page.set_viewport_size(NARROW)

    for path in ("people/", "members/", "timeline/", "access-log/", "", "audit/"):
        page.goto(f"{case.get_absolute_url()}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= NARROW["width"], f"{path or 'case page'} is {width} px wide"
        assert_accessible(page)
    page.goto("/messages/")
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
