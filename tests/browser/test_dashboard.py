"""The dashboard on a phone: at 375 px wide the page never scrolls sideways; the table of
cases scrolls inside its own region instead, and the page stays accessible."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_case_flow import sign_in
from tests.case_factories import (
    case_awaiting_decision,
    case_under_review,
    days_ago,
    notified_case,
    partnership_with_staff,
)
from tests.factories import PartnershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


def test_the_dashboard_fits_a_phone(page, assert_accessible):
    partnership = PartnershipFactory(name="Riverside and Northvale Community Safety Partnership")
    partnership, officer, chair = partnership_with_staff(partnership)
    overdue = notified_case(partnership, officer, notified_on=days_ago(40))
    awaiting = case_awaiting_decision(partnership, officer)
    case_under_review(partnership, officer)

    page.set_viewport_size(PHONE)
    sign_in(page, chair)

    waiting = page.get_by_role("list").filter(has_text="Record the decision")
    expect(
        waiting.get_by_role("link", name=f"Record the decision on {awaiting.reference}")
    ).to_be_visible()
    cases = page.get_by_role("region", name="3 cases, most urgent first")
    expect(cases.get_by_role("row").nth(1)).to_contain_text(overdue.reference)
    expect(cases.get_by_role("row").nth(1)).to_contain_text("Adult A")

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The table is wider than the phone and scrolls within its region.
    assert cases.evaluate("region => region.scrollWidth > region.clientWidth")
    assert_accessible(page)
