"""From the CSP sign-off to the Home Office's clearance, walked in a real browser (issue
12): the CSP chair signs off; the CSP officer sends the package, records a "cleared subject
to changes" letter with two areas for final development, records each done, and the review
reaches Publication. Every page is checked with axe."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cases.clocks import today
from cases.roles import CaseRole
from cases.workflow import Stage
from tests.browser.test_case_flow import expect_success_banner, fill_date, sign_in, sign_out
from tests.case_factories import PDF_BYTES, case_member
from tests.publication.home_office_factories import review_at_sign_off

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")


def keep_picture(page, name):
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(SCREENSHOT_DIR) / f"{name}.png", full_page=True)


def _pdf(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}


def walk_sign_off_to_clearance(page, live_server, case, people, assert_accessible) -> None:
    """The walk from a review at CSP sign-off to Publication, for chaining after the
    drafting walk and before the publication walk. Leaves the officer signed in."""
    sign_off_url = f"{live_server.url}/cases/{case.reference}/sign-off/"

    sign_in(page, people["CSP chair"])
    page.goto(sign_off_url)
    assert_accessible(page)
    keep_picture(page, "sign-off")
    page.get_by_role("link", name="Record the sign-off").click()
    page.get_by_label("The meeting that considered it").fill(
        "Extraordinary meeting of the Safer Riverside Partnership"
    )
    fill_date(page, "Date of the meeting", today())
    page.get_by_label("Who attended").fill("Chris Chair, CSP chair\nOlive Officer, CSP officer")
    page.get_by_role("button", name="Record the sign-off").click()
    expect(page.get_by_role("link", name="Confirm that the partnership agrees")).to_be_visible()
    assert_accessible(page)
    keep_picture(page, "sign-off-refused")
    for label in (
        "The partnership agrees the content",
        "The report is fully anonymised",
        "The data collection form is completed",
        "Debriefing is arranged",
    ):
        page.get_by_label(label).check()
    page.get_by_role("button", name="Record the sign-off").click()
    expect_success_banner(page, "The partnership's sign-off is recorded.")
    assert_accessible(page)
    sign_out(page)

    sign_in(page, people["CSP officer"])
    page.goto(sign_off_url)
    page.get_by_role("link", name="Send the package to the Home Office").click()
    page.get_by_role("link", name="Send the package").click()
    assert_accessible(page)
    fill_date(page, "Date sent", today())
    page.get_by_label("How it was sent").fill("E-mail to DHREnquiries@homeoffice.gov.uk")
    page.get_by_label("The data collection form").set_input_files(_pdf("dcf.pdf"))
    page.get_by_role("button", name="Record the package as sent").click()
    expect_success_banner(page, "The package is recorded as sent to the Home Office.")
    assert_accessible(page)
    keep_picture(page, "home-office-sent")

    page.get_by_role("link", name="Record the QA panel's answer").click()
    page.get_by_role("radio", name="Cleared: may be published").check()
    fill_date(page, "Date of the QA panel", today())
    fill_date(page, "Date the letter was received", today())
    page.get_by_label("The Home Office's letter").set_input_files(_pdf("qa-letter.pdf"))
    page.get_by_role("button", name="Record the answer").click()
    expect(page.get_by_role("link", name="Enter the areas for final development")).to_be_visible()
    assert_accessible(page)
    keep_picture(page, "qa-outcome-refused")
    page.get_by_label("The Home Office's letter").set_input_files(_pdf("qa-letter.pdf"))
    page.get_by_label("Areas for final development").fill(
        "Set out how each agency understood coercive control.\nMake recommendation 3 measurable."
    )
    page.get_by_role("button", name="Record the answer").click()
    expect_success_banner(page, "The QA panel's answer is recorded.")
    assert_accessible(page)
    keep_picture(page, "qa-outcome")

    for number in (1, 2):
        page.get_by_role("link", name=f"Record area {number} as done").click()
        assert_accessible(page)
        fill_date(page, "Date done", today())
        page.get_by_label("What was changed, and where").fill(f"Section {number} of version 2.")
        page.get_by_role("button", name="Record it as done").click()
        expect_success_banner(page, f"Area {number} is recorded as done.")
    page.get_by_role("link", name="Record that the family was told").click()
    fill_date(page, "Date told", today())
    page.get_by_label("How they were told").fill("By the family's advocate.")
    page.get_by_role("button", name="Record it").click()
    expect_success_banner(page, "The family's being told of the QA letter is recorded.")
    assert_accessible(page)
    keep_picture(page, "qa-done")
    page.goto(case.get_absolute_url())
    assert_accessible(page)
    keep_picture(page, "case-at-publication")


NARROW = {"width": 320, "height": 640}


def _fits_320_px(page, url, assert_accessible):
    page.goto(url)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"{url} is {width} px wide"
    assert_accessible(page)


def test_from_sign_off_to_clearance(page, live_server, assert_accessible):
    case, people = review_at_sign_off()
    reviewer = case_member(case, CaseRole.HOME_OFFICE_REVIEWER, by=people["CSP officer"])
    walk_sign_off_to_clearance(page, live_server, case, people, assert_accessible)
    case.refresh_from_db()
    assert case.stage == Stage.PUBLICATION

    page.set_viewport_size(NARROW)
    for path in ("sign-off/", "home-office/"):
        _fits_320_px(page, f"{case.get_absolute_url()}{path}", assert_accessible)
    keep_picture(page, "home-office-320")
    sign_out(page)
    sign_in(page, reviewer)
    _fits_320_px(page, case.get_absolute_url(), assert_accessible)
    page.get_by_role("link", name="Read the submitted package").click()
    _fits_320_px(page, page.url, assert_accessible)
    keep_picture(page, "submitted-package-320")
