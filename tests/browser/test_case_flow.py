"""A case from notification to the letter to the Home Office, walked in a real browser.

The CSP officer records the notification and the standing panel's recommendation; the
CSP chair decides to hold a review and records the letter to the Home Office. Every form
is filled through its labels, as a person (or a screen reader) finds it, and every page
a person fills in is checked with axe.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cases import clocks
from tests.case_factories import PDF_BYTES, notified_case, partnership_with_staff
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set SCREENSHOT_DIR to keep a picture of the finished case page.
SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")


def long_date(day) -> str:
    """A date as the case page shows it: 7 March 2026."""
    return f"{day:%-d %B %Y}"


def sign_in(page, person):
    page.goto("/")
    page.get_by_label("Email address").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your cases")
    expect(page.get_by_text(f"Signed in as {person.full_name}")).to_be_visible()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to DHR Manager")


def fill_date(page, legend, day):
    """Type a date into the Day, Month and Year boxes of the fieldset with this legend."""
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def deadline(page, name):
    """The row of the Deadlines table for one clock."""
    table = page.get_by_role("table", name="Deadlines and their status")
    return table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=name, exact=True))


def expect_success_banner(page, text):
    banner = page.get_by_role("alert").filter(has_text="Success")
    expect(banner).to_contain_text(text)


def test_a_case_from_notification_to_the_letter_to_the_home_office(
    page, assert_accessible, tmp_path
):
    partnership, officer, chair = partnership_with_staff()
    today = clocks.today()
    notified_on = today - timedelta(days=5)
    died_on = notified_on - timedelta(days=4)
    reference = f"DHR-{partnership.code}-{notified_on.year}-001"

    # 1. The CSP officer records the notification ------------------------------------------
    sign_in(page, officer)
    page.get_by_role("link", name="Record a notification").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a notification")
    assert_accessible(page)

    # Sent empty, the form says what is missing and links to each field.
    page.get_by_role("button", name="Record notification").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    for message in (
        "Enter date the partnership was notified.",
        "Select where the notification came from.",
        "Enter date of death.",
        "Enter victim's full name.",
    ):
        expect(summary.get_by_role("link", name=message)).to_be_visible()
    # The suspect is optional (a suspected suicide has none): no error for the blank part.
    expect(summary).not_to_contain_text("Suspect")
    assert_accessible(page)
    summary.get_by_role("link", name="Enter date the partnership was notified.").click()
    notified_group = page.get_by_role("group", name="Date the partnership was notified")
    expect(notified_group.get_by_label("Day")).to_be_focused()
    summary.get_by_role("link", name="Select where the notification came from.").click()
    expect(page.get_by_role("radio", name="Police notification in writing")).to_be_focused()

    fill_date(page, "Date the partnership was notified", notified_on)
    # Each source asks only its own questions (a conditional reveal).
    expect(page.get_by_label("Police force")).to_be_hidden()
    page.get_by_role("radio", name="Police notification in writing").check()
    expect(page.get_by_label("Police force")).to_be_visible()
    expect(page.get_by_label("Referring professional")).to_be_hidden()
    page.get_by_label("Police force").fill("Riverside Police")
    page.get_by_label("Police reference").fill("OP-BRIAR-01")
    fill_date(page, "Date of death", died_on)
    page.get_by_label("Area where the death occurred").fill("Riverside")
    page.get_by_label("Circumstances").fill("Found dead at home; her partner was arrested.")

    # The victim's fields come first on the page, the suspect's second.
    page.get_by_label("Victim's full name").fill("Jane Doe")
    victim_birth = page.get_by_role("group", name="Date of birth").first
    victim_birth.get_by_label("Day").fill("17")
    victim_birth.get_by_label("Month").fill("5")
    victim_birth.get_by_label("Year").fill("1984")
    page.get_by_label("Pseudonym").first.fill("Adult A")

    page.get_by_label("Suspect's full name").fill("John Roe")
    page.get_by_label("Relationship to victim").select_option(label="Intimate partner (current)")
    page.get_by_label("Pseudonym").last.fill("Adult B")
    page.get_by_role("button", name="Record notification").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(reference)
    expect(page).to_have_title(re.compile(f"^{reference} – "))
    expect_success_banner(page, f"Notification recorded as case {reference}.")
    expect(page.locator("#main-content .govuk-tag").first).to_have_text("Notified")
    tasks = page.locator(".govuk-task-list__item")
    expect(tasks.first).to_contain_text("Notified")
    expect(tasks.first).to_contain_text("In progress")
    expect(tasks.nth(1)).to_contain_text("Decision")
    expect(tasks.nth(1)).to_contain_text("Cannot start yet")
    decision_row = deadline(page, "Decision")
    expect(decision_row).to_contain_text(long_date(clocks.decision_due(notified_on)))
    expect(decision_row).to_contain_text("On track")
    expect(deadline(page, "Overview report")).to_contain_text("Not set")
    assert_accessible(page)

    # 2. The officer records the standing panel's recommendation ---------------------------
    page.get_by_role("link", name="Record the standing panel recommendation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Standing panel recommendation")
    fill_date(page, "Date the standing panel met", today)
    page.get_by_role("radio", name="Meets the criteria for a review").check()
    page.get_by_role("button", name="Refer to the CSP chair").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(reference)
    expect_success_banner(page, "The case is with the CSP chair for a decision.")
    expect(page.locator("#main-content .govuk-tag").first).to_have_text("Decision")
    expect(page.get_by_text("Meets the criteria for a review")).to_be_visible()
    sign_out(page)

    # 3. The CSP chair decides to hold a review -------------------------------------------
    sign_in(page, chair)
    cases_table = page.get_by_role("table")
    expect(cases_table.get_by_role("row").filter(has_text=reference)).to_contain_text("Decision")
    cases_table.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(reference)
    page.get_by_role("link", name="Record the decision").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Record the decision")
    expect(page.get_by_text("meets the criteria for a review")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("radio", name="Hold a review", exact=True).check()
    fill_date(page, "Date of the decision", today)
    page.get_by_role("button", name="Record decision").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(reference)
    expect_success_banner(page, "Decision recorded.")
    expect(page.locator("#main-content .govuk-tag").first).to_have_text("Panel set-up")
    expect(deadline(page, "Decision")).to_contain_text("Met on time")
    overview_row = deadline(page, "Overview report")
    expect(overview_row).to_contain_text(long_date(clocks.overview_report_due(today)))
    expect(overview_row).to_contain_text("On track")
    expect(page.get_by_text("No letter recorded yet.")).to_be_visible()

    # 4. The chair records the letter to the Home Office ----------------------------------
    page.get_by_role(
        "link", name="Record the letters to the Home Office and the victim's family"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a letter about the decision")
    assert_accessible(page)
    letter = tmp_path / "decision-letter.pdf"
    letter.write_bytes(PDF_BYTES)
    page.get_by_role("radio", name="Home Office", exact=True).check()
    fill_date(page, "Date sent", today)
    page.get_by_role("radio", name="E-mail").check()
    page.get_by_label("A copy of the letter").set_input_files(letter)
    page.get_by_role("button", name="Record letter").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(reference)
    expect_success_banner(page, "Letter recorded as sent.")
    home_office_row = deadline(page, "Letter to the Home Office")
    expect(home_office_row).to_contain_text("Met on time")
    expect(home_office_row).to_contain_text(long_date(today))
    expect(
        page.get_by_role("listitem").filter(has_text=f"Home Office: sent {long_date(today)}")
    ).to_contain_text("(e-mail, Charles Chair)")
    expect(
        page.get_by_role("link", name="download the copy of the letter to the Home Office")
    ).to_be_visible()
    # The family's letter is still to record.
    expect(
        page.get_by_role("link", name="Record the letter to the victim's family")
    ).to_be_visible()
    assert_accessible(page)

    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(SCREENSHOT_DIR) / "flow_case.png", full_page=True)


def test_an_officer_corrects_a_persons_details_and_withdraws_a_case_recorded_twice(
    page, assert_accessible
):
    partnership, officer, _chair = partnership_with_staff()
    first = notified_case(partnership, officer)
    twice = notified_case(partnership, officer)
    sign_in(page, officer)

    # Correct the victim's name from the people register.
    page.goto(first.get_absolute_url())
    page.get_by_role("link", name="People register").click()
    page.get_by_role("link", name="Correct the details of victim Adult A").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Correct the details")
    assert_accessible(page)
    page.get_by_label("Full name").fill("Jane Doe-Smith")
    page.get_by_label("Why are you correcting these details? (optional)").fill(
        "Spelling from the coroner's report"
    )
    page.get_by_role("button", name="Save the correction").click()
    expect_success_banner(page, "Details corrected.")
    expect(page.get_by_role("table")).to_contain_text("Jane Doe-Smith")

    # Withdraw the second case, recorded in error.
    page.goto(twice.get_absolute_url())
    page.get_by_role("link", name="Withdraw the case (recorded in error)").click()
    assert_accessible(page)
    page.get_by_role("button", name="Withdraw the case").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter reason.")
    page.get_by_label("Reason").fill(f"Recorded twice: the same death as {first.reference}.")
    page.get_by_role("button", name="Withdraw the case").click()
    expect_success_banner(page, "The case is withdrawn.")
    expect(page.locator("#main-content .govuk-tag").first).to_have_text(
        "Withdrawn: recorded in error"
    )
    expect(page.locator(".govuk-inset-text")).to_contain_text(
        f"the same death as {first.reference}"
    )
    assert_accessible(page)
