"""Publication, walked in a real browser (issue 12): from a review at publication, the CSP
officer agrees a date near the anniversary of the death (and sees the warning), records the
family forewarned, checks the QA letter and publishes; then an anonymous visitor on a 375 px
phone finds the review on the public list, opens it and downloads the executive summary.
axe on every page. walk_publication is a function of its own, so the lead can chain it."""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cases.clocks import today
from publication.services.publishing import next_anniversary
from tests.browser.test_case_flow import expect_success_banner, fill_date, sign_in, sign_out
from tests.publication.publishing_factories import review_at_publication

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")
PHONE = {"width": 375, "height": 812}


def keep_picture(page, name):
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(SCREENSHOT_DIR) / f"{name}.png", full_page=True)


def _near_the_anniversary(case):
    """Two days after the next anniversary of the death: inside the warning window."""
    return next_anniversary(case.date_of_death, today()) + timedelta(days=2)


def walk_publication(page, live_server, case, people, *, assert_accessible):
    officer = people["CSP officer"]
    sign_in(page, officer)
    page.goto(f"/cases/{case.reference}/publication/")
    assert_accessible(page)

    page.get_by_role("link", name="Record the publication date").click()
    fill_date(page, "Publication date", _near_the_anniversary(case))
    page.get_by_label("Who agreed it for the family").fill("The victim's sister")
    page.get_by_label("How it was agreed").fill("By telephone, with the advocate")
    page.get_by_role("button", name="Record the date").click()
    expect(page.get_by_text("after the anniversary of the death")).to_be_visible()
    assert_accessible(page)
    keep_picture(page, "publication-date-warning")
    page.get_by_role("button", name="Record this date").click()
    expect_success_banner(page, "Publication date recorded.")
    expect(page.get_by_text("after the anniversary of the death")).to_be_visible()
    keep_picture(page, "publication-warned")
    # The family asks for it sooner: today, so that it can be published now (not before the
    # day agreed with them).
    page.get_by_role("link", name="Change the publication date").click()
    fill_date(page, "Publication date", today())
    page.get_by_role("button", name="Record the date").click()
    warned = page.get_by_role("button", name="Record this date")
    expect(warned.or_(page.get_by_role("alert").filter(has_text="Success"))).to_be_visible()
    if warned.count():  # today may be near a key date of the review chained before
        warned.click()
    expect_success_banner(page, "Publication date recorded.")

    page.get_by_role("link", name="Record that the family was forewarned").click()
    fill_date(page, "Date forewarned", today())
    page.get_by_label("Who was told").fill("The victim's sister")
    page.get_by_label("How they were told").fill("In person")
    page.get_by_label("What they were told to expect").fill("Press interest on the day.")
    page.get_by_role("button", name="Record it").click()
    expect_success_banner(page, "Recorded that the family was forewarned.")

    page.get_by_role("link", name="Check the QA letter for leaks").click()
    assert_accessible(page)
    page.get_by_role("button", name="Check the letter").click()
    expect_success_banner(page, "The QA letter was checked.")
    assert_accessible(page)
    keep_picture(page, "publication-ready")

    page.get_by_role("link", name="Publish", exact=True).click()
    page.get_by_role("button", name="Publish").click()
    expect_success_banner(page, "Published.")
    assert_accessible(page)
    keep_picture(page, "publication-published")
    sign_out(page)

    page.set_viewport_size(PHONE)
    page.goto("/published-reviews/")
    expect(page.get_by_text("OFFICIAL-SENSITIVE")).to_have_count(0)
    assert_accessible(page)
    keep_picture(page, "public-list-375")
    page.get_by_role("link", name=re.compile("into the death of Adult A")).click()
    expect(page.get_by_text("Adult A lived in Riverside")).to_be_visible()
    assert case.reference not in page.content()
    assert_accessible(page)
    keep_picture(page, "public-review-375")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^Executive summary")).click()
    assert download.value.suggested_filename == "executive-summary.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")


def test_a_review_is_published_and_found_on_the_public_pages(page, live_server, assert_accessible):
    case, officer, chair = review_at_publication()
    people = {"CSP officer": officer, "independent chair": chair}
    walk_publication(page, live_server, case, people, assert_accessible=assert_accessible)
