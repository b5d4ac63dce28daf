"""The action plan and the checks before sign-off, walked in a real browser (issue 11).

The independent chair adds a recommendation and a SMART action; the police's senior
manager agrees the police's actions from the short case page; the CSP officer asks the
contributors and records the panel's agreement. Every page is checked with axe."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cases.clocks import today
from tests.browser.test_case_flow import expect_success_banner, fill_date, sign_in, sign_out
from tests.reports.action_plan_factories import both_versions, everyone
from tests.reports.report_factories import review_at_drafting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")


def keep_picture(page, name):
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(SCREENSHOT_DIR) / f"{name}.png", full_page=True)


def test_the_action_plan_is_written_agreed_and_before_the_panel(page, assert_accessible):
    case, officer, chair = review_at_drafting()
    police, people = everyone(case, officer, chair)
    both_versions(case, chair)
    base = f"/cases/{case.reference}/report/"

    sign_in(page, chair)
    page.goto(base + "recommendations/")
    page.get_by_role("link", name="Add an overview recommendation").click()
    assert_accessible(page)
    page.get_by_label("Recommendation").fill("Train response officers on escalating risk.")
    page.get_by_role("button", name="Add the recommendation").click()
    expect_success_banner(page, "Recommendation added.")
    assert_accessible(page)
    keep_picture(page, "recommendations")

    page.goto(base + "action-plan/")
    page.get_by_role("link", name="Add an action for recommendation 1").click()
    page.get_by_label("Lead agency").select_option(label=str(police))
    page.get_by_label("Owner (the post responsible)").fill("Head of Public Protection")
    page.get_by_label("Action", exact=True).fill("Brief every response officer.")
    fill_date(page, "Target date", today())
    page.get_by_label("Intended outcome").fill("Repeat call-outs are referred to MARAC.")
    page.get_by_label("How it is monitored").fill("Quarterly dip sample.")
    page.get_by_role("radio", name="Regional").check()
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("link", name="The target date must be in the future.")).to_be_visible()
    assert_accessible(page)
    keep_picture(page, "action-refused")
    fill_date(page, "Target date", today() + timedelta(weeks=10))
    page.get_by_role("button", name="Add the action").click()
    expect_success_banner(page, "Action added.")
    expect(page.get_by_text("Not yet agreed")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    sign_in(page, people["senior manager"])
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name=f"Agree {police}'s actions in the action plan").click()
    assert_accessible(page)
    keep_picture(page, "agree-actions")
    page.get_by_label("I agree these actions on behalf of my agency").check()
    page.get_by_role("button", name="Agree the actions").click()
    expect_success_banner(page, "You agreed your agency's actions.")
    sign_out(page)

    sign_in(page, officer)
    page.goto(base + "action-plan/")
    expect(page.locator(".govuk-tag", has_text="Agreed")).to_be_visible()
    keep_picture(page, "action-plan")
    page.goto(base + "contributors/")
    page.get_by_role("link", name="Ask a contributor").click()
    page.get_by_label("Or a named individual").fill("Dr Gill, GP, Riverside Practice")
    fill_date(page, "Date asked", today())
    page.get_by_role("button", name="Record that they were asked").click()
    expect_success_banner(page, "Contributor asked.")
    assert_accessible(page)
    keep_picture(page, "contributors")

    page.goto(base + "panel-agreement/")
    page.get_by_role("link", name="Record the panel's agreement").click()
    fill_date(page, "Date of the panel meeting", today())
    for box in page.get_by_role("checkbox").all():
        box.check()
    page.get_by_role("button", name="Record the agreement").click()
    expect_success_banner(page, "The panel's agreement is recorded.")
    expect(page.get_by_text("The panel agreed the report as it stands")).to_be_visible()
    assert_accessible(page)
    keep_picture(page, "panel-agreement")

    page.goto(base + "family/")
    page.get_by_role("link", name="Record the family's viewing").click()
    fill_date(page, "Date shown", today())
    page.get_by_label("How it was shown").fill("In person with the advocate.")
    page.get_by_role("radio", name="They disagree with part of it").check()
    page.get_by_role("button", name="Record the viewing").click()
    expect(page.get_by_role("link", name="Enter what the family disagree with")).to_be_visible()
    page.get_by_label("What they disagree with").fill("She was never a burden to anyone.")
    page.get_by_role("button", name="Record the viewing").click()
    expect_success_banner(page, "The family's viewing is recorded.")
    assert_accessible(page)
    keep_picture(page, "family")
