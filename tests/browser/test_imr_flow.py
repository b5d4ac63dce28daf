"""An IMR's whole course, walked in a real browser (issue 10).

The author writes three chronology entries and every section, uploads a PDF and sends the
IMR for sign-off; the senior manager signs it off; a panel member comments on a section;
the author resolves the thread; the chair accepts. Every form is filled through its labels,
and every page a person fills in or reads is checked with axe.
"""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cases import clocks
from cases.models import Agency
from cases.roles import CaseRole
from imr.models import SECTIONS
from tests.browser.test_case_flow import expect_success_banner, fill_date, sign_in, sign_out
from tests.case_factories import case_member, pdf_bytes
from tests.factories import AgencyFactory
from tests.imr.imr_factories import commissioned, review_at_imrs, with_author

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set SCREENSHOT_DIR to keep pictures of each page of the IMR's course.
SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")

AGENCY = "Riverside Police"


def keep_picture(page, name):
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(SCREENSHOT_DIR) / f"{name}.png", full_page=True)


def expect_status(page, text):
    """The IMR's status, shown as a tag on its pages."""
    expect(page.locator("#main-content .govuk-tag", has_text=text)).to_be_visible()


def open_imr(page, case):
    """From the case page, whose "Your work on this review" lists the author's IMR, to the
    IMR's page."""
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name=f"{AGENCY} IMR", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{AGENCY} IMR")


def add_entry(page, day, what, *, precision="Exact date"):
    page.get_by_role("link", name="Add an entry").click()
    fill_date(page, "Date", day)
    page.get_by_role("radio", name=precision, exact=True).check()
    page.get_by_label("Source record reference").fill(f"Log {day:%Y%m%d}")
    page.get_by_label("What happened").fill(what)
    page.get_by_role("button", name="Add the entry").click()
    expect_success_banner(page, "Chronology entry added.")


def test_an_imr_from_the_first_chronology_entry_to_the_chairs_acceptance(
    page, assert_accessible, tmp_path
):
    case, _officer, chair = review_at_imrs()
    police = AgencyFactory(name=AGENCY, kind=Agency.Kind.POLICE, sector=Agency.Sector.STATUTORY)
    imr = with_author(commissioned(case, chair, agency=police), full_name="Ana Author")
    author, senior_manager = imr.author, imr.senior_manager
    panel_member = case_member(case, CaseRole.PANEL_MEMBER, by=chair, full_name="Priya Panel")
    today = clocks.today()

    # 1. The author opens their IMR from the case page -------------------------------------
    sign_in(page, author)
    open_imr(page, case)
    expect(page.locator(".govuk-summary-list")).to_contain_text("Ana Author")
    assert_accessible(page)
    keep_picture(page, "imr_1_detail")

    # 2. ...and writes three chronology entries, one known only to the month --------------
    page.get_by_role("link", name="Chronology", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Chronology of {AGENCY}'s IMR")
    assert_accessible(page)
    page.get_by_role("link", name="Add an entry").click()
    assert_accessible(page)
    page.go_back()
    add_entry(
        page,
        today.replace(day=1) - timedelta(days=300),
        "Neighbour reported shouting; officers attended.",
        precision="Month only",
    )
    add_entry(page, today - timedelta(days=200), "Adult A disclosed coercive control.")
    add_entry(page, today - timedelta(days=100), "DASH assessment completed.")
    entries = page.locator("#main-content")
    expect(entries).to_contain_text("Neighbour reported shouting")
    expect(entries).to_contain_text("Adult A disclosed coercive control.")
    expect(entries).to_contain_text("DASH assessment completed.")
    assert_accessible(page)
    keep_picture(page, "imr_2_chronology")

    # 3. ...uploads the whole IMR's PDF on the documents page ------------------------------
    open_imr(page, case)
    page.get_by_role("link", name="Documents", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Documents")
    page.get_by_role("link", name="Add a document").click()
    assert_accessible(page)
    page.get_by_role("radio", name="A supporting document").check()
    page.get_by_label("Description").fill("The force's domestic abuse policy at the time")
    pdf = tmp_path / "policy.pdf"
    pdf.write_bytes(pdf_bytes())
    page.get_by_label("The document").set_input_files(pdf)
    page.get_by_role("button", name="Add the document").click()
    expect_success_banner(page, "Document added.")
    expect(page.locator("#main-content")).to_contain_text("domestic abuse policy at the time")
    assert_accessible(page)
    keep_picture(page, "imr_3_documents")

    # 4. ...writes every section the "still missing" list asks for, and says why no
    #    recommendation ---------------------------------------------------------------------
    open_imr(page, case)
    page.get_by_role("link", name="Sections and recommendations", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"{AGENCY}'s IMR: sections and recommendations"
    )
    assert_accessible(page)
    expect(page.get_by_text("Still missing:")).to_be_visible()
    expect(page.get_by_role("link", name="Send for sign-off")).to_have_count(0)
    for section in SECTIONS:
        page.get_by_label(section.title, exact=True).fill(f"What the force found: {section.title}.")
    page.get_by_label("If the agency makes no recommendation, say why").fill(
        "The force's own review already changed the practice."
    )
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("Every section is written.")).to_be_visible()
    assert_accessible(page)
    keep_picture(page, "imr_4_sections")

    # 5. ...and sends it for sign-off ------------------------------------------------------
    page.get_by_role("link", name="Send for sign-off").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Send the IMR for sign-off")
    assert_accessible(page)
    page.get_by_role("button", name="Send for sign-off").click()
    expect_success_banner(page, f"Sent to {senior_manager} for sign-off.")
    expect_status(page, "Waiting for the senior manager's sign-off")
    sign_out(page)

    # 6. The senior manager signs it off ---------------------------------------------------
    sign_in(page, senior_manager)
    open_imr(page, case)
    expect(page.locator(".govuk-summary-list")).to_contain_text(
        "Waiting for the senior manager's sign-off"
    )
    page.get_by_role("link", name="Sign off the IMR").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Sign off {AGENCY}'s IMR")
    expect(page.locator("#main-content")).to_contain_text("The force's own review already")
    assert_accessible(page)
    keep_picture(page, "imr_5_sign_off")
    page.get_by_role(
        "radio", name="Quality-assured: sign it off and submit it to the panel"
    ).check()
    page.get_by_role("button", name="Record your decision").click()
    expect_success_banner(page, "Your decision on the IMR is recorded.")
    expect_status(page, "Submitted to the panel")
    sign_out(page)

    # 7. A panel member reads it and comments on a section ---------------------------------
    sign_in(page, panel_member)
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="IMRs written and signed off", exact=True).click()
    page.get_by_role("link", name=f"{AGENCY} IMR", exact=True).click()
    page.get_by_role("link", name="The panel's review", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"The panel's review of {AGENCY}'s IMR"
    )
    expect_status(page, "Submitted to the panel")
    assert_accessible(page)
    first = SECTIONS[0]
    page.get_by_label(f"Comment on {first.title.lower()}", exact=True).fill(
        "Were the officers trained in coercive control then?"
    )
    page.get_by_role("button", name=f"Add the comment on {first.title.lower()}").click()
    expect_success_banner(page, "Comment added.")
    expect(page.locator("#main-content")).to_contain_text("Were the officers trained")
    assert_accessible(page)
    keep_picture(page, "imr_6_review_comment")
    sign_out(page)

    # 8. The chair resolves the open thread, and accepts the IMR ---------------------------
    sign_in(page, chair)
    page.goto(case.get_absolute_url())
    page.get_by_role(
        "link", name=f"{AGENCY}'s IMR: review it and accept it or ask for a revision"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"The panel's review of {AGENCY}'s IMR"
    )
    page.get_by_role(
        "link", name=f"Resolve the comment of Priya Panel on {first.title.lower()}"
    ).click()
    assert_accessible(page)
    page.get_by_role("button", name="Mark as resolved").click()
    expect_success_banner(page, "Comment resolved.")
    expect(page.locator("#main-content")).to_contain_text("Resolved")
    page.get_by_role("link", name="Accept it or ask for a revision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Accept {AGENCY}'s IMR or ask for a revision"
    )
    assert_accessible(page)
    page.get_by_role("radio", name="Accept the IMR").check()
    page.get_by_role("button", name="Record your decision").click()
    expect_success_banner(page, "Your decision on the IMR is recorded.")
    expect_status(page, "Accepted")
    assert_accessible(page)
    keep_picture(page, "imr_7_accepted")

    page.goto(case.get_absolute_url())
    expect(page.get_by_role("link", name=f"{AGENCY}'s IMR: accepted")).to_be_visible()
    keep_picture(page, "imr_8_case")
