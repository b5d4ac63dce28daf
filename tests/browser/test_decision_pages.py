"""The decision's own pages in a real browser, each checked with axe: a joint review over
its two pages, a reopening on the Home Office's letter, the case page of a reopened case,
and a transfer to the lead partnership."""

import pytest
from playwright.sync_api import expect

from cases import clocks
from tests.browser.test_case_flow import expect_success_banner, fill_date, long_date, sign_in
from tests.case_factories import (
    PDF_BYTES,
    case_awaiting_decision,
    case_deferred_to_other_review,
    days_ago,
    notified_case,
    partnership_with_staff,
    record_decision_letters,
)
from tests.factories import PartnershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_records_a_joint_review_over_two_pages(page, assert_accessible):
    partnership, officer, chair = partnership_with_staff()
    case = case_awaiting_decision(partnership, officer)
    sign_in(page, chair)
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="Record the decision").click()
    assert_accessible(page)

    page.get_by_role("radio", name="Hold a review jointly, or in coordination").check()
    fill_date(page, "Date of the decision", clocks.today())
    page.get_by_role("button", name="Record decision").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("About the joint review")
    assert_accessible(page)
    page.get_by_role("button", name="Record decision").click()
    summary = page.locator(".govuk-error-summary")
    summary.get_by_role("link", name="Enter which body leads the joint review.").click()
    expect(page.get_by_label("Which body leads the joint review")).to_be_focused()
    summary.get_by_role("link", name="Select whether the review is held with").click()
    # The link lands on the group's first radio.
    expect(page.get_by_role("radio", name="Child safeguarding practice review")).to_be_focused()
    assert_accessible(page)

    page.get_by_role("radio", name="Safeguarding adults review").check()
    page.get_by_label("Which body leads the joint review").fill("Riverside Adults Board")
    page.get_by_label("Who chairs the joint review").fill("Jo Independent")
    page.get_by_role("button", name="Record decision").click()

    expect_success_banner(page, "Decision recorded.")
    expect(page.locator("#main-content .govuk-tag").first).to_have_text("Panel set-up")
    expect(page.get_by_text("Riverside Adults Board")).to_be_visible()
    assert_accessible(page)


def test_the_chair_reopens_a_case_on_the_home_offices_letter(page, assert_accessible, tmp_path):
    partnership, officer, chair = partnership_with_staff()
    case = case_deferred_to_other_review(partnership, officer, notified_on=days_ago(60))
    record_decision_letters(case, officer)
    received_on = days_ago(2)
    sign_in(page, chair)
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="Reopen on the Home Office's advice").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Reopen on the Home Office's advice")
    assert_accessible(page)
    page.get_by_role("radio", name="A letter from the Home Office advising a review").check()
    fill_date(page, "Date received", received_on)
    page.get_by_label("What does it say?").fill("The QA panel advises that a review is held.")
    copy = tmp_path / "home-office.pdf"
    copy.write_bytes(PDF_BYTES)
    page.get_by_label("A copy of the letter or direction (optional)").set_input_files(copy)
    page.get_by_role("button", name="Reopen the case").click()

    expect_success_banner(page, "The case is reopened and waits for a new decision.")
    expect(page.get_by_text("Reopened on the Home Office's advice")).to_be_visible()
    due_on = clocks.add_calendar_months(received_on, 1)
    decision_row = page.get_by_role("table", name="Deadlines and their status").get_by_role(
        "row", name="Decision"
    )
    expect(decision_row).to_contain_text(long_date(due_on))
    expect(decision_row).to_contain_text("On track")
    expect(page.get_by_text("Letters about an earlier decision")).to_be_visible()
    assert_accessible(page)


def test_the_officer_transfers_a_case_to_the_lead_partnership(page, assert_accessible):
    partnership, officer, _chair = partnership_with_staff()
    partnership_with_staff(PartnershipFactory(name="Northvale CSP"))
    case = notified_case(partnership, officer)
    sign_in(page, officer)
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="Transfer to the lead partnership").click()

    page.get_by_role("button", name="Transfer the case").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("radio", name="Northvale CSP").check()
    fill_date(page, "Date transferred", clocks.today())
    page.get_by_label("Why does that partnership lead?").fill("The victim lived in Northvale.")
    page.get_by_role("button", name="Transfer the case").click()

    expect_success_banner(page, "The case is transferred.")
    expect(page.locator("#main-content .govuk-tag").first).to_have_text(
        "Transferred to the lead partnership"
    )
    assert_accessible(page)
