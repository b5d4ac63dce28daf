"""A review's panel set-up, walked in a real browser (issue 9).

The CSP chair appoints the independent chair; the independent chair adds the panel's
members, drafts the terms of reference and agrees them, and commissions the IMRs. Every
form is filled through its labels, and every page a person fills in is checked with axe.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cases import clocks
from cases.models import Agency
from cases.workflow import Stage
from panels.models import CHECKLIST
from tests.browser.test_case_flow import expect_success_banner, fill_date, sign_in, sign_out
from tests.case_factories import case_with_letters_sent, partnership_with_staff
from tests.factories import AgencyFactory
from tests.panels.panel_factories import independent_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set SCREENSHOT_DIR to keep pictures of the refusal and of the case once the IMRs are
# commissioned.
SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")

# The checklist item the draft marks not applicable; every other one is answered.
NOT_APPLICABLE = "honour_based_abuse"


def keep_picture(page, name):
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(SCREENSHOT_DIR) / f"{name}.png", full_page=True)


def open_task(page, case, name):
    """Go to the case page and follow one row of its task list."""
    page.goto(case.get_absolute_url())
    page.locator(".govuk-task-list").get_by_role("link", name=name, exact=True).click()


def add_panel_member(page, agency, name, role, *, sector, specialist=False):
    page.get_by_role("link", name="Add a panel member").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a panel member")
    page.get_by_label("Agency", exact=True).select_option(label=agency.name)
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_role("radio", name=sector, exact=True).check()
    page.get_by_label("Role", exact=True).fill(role)
    page.get_by_role("radio", name="Senior manager: can commit the agency").check()
    if specialist:
        page.get_by_label("An IDVA or specialist domestic abuse worker").check()
    fill_date(page, "Date joined", clocks.today())
    page.get_by_label("They declare no direct involvement").check()
    page.get_by_label("They give the confidentiality undertaking").check()
    page.get_by_role("button", name="Add the member").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Independent chair and panel")
    expect_success_banner(page, "Panel member added.")


def test_the_independent_chair_sets_up_the_panel_and_commissions_the_imrs(page, assert_accessible):
    partnership, officer, csp_chair = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    independent_chair = independent_person(full_name="Imogen Independent")
    police = AgencyFactory(
        name="Riverside Police", kind=Agency.Kind.POLICE, sector=Agency.Sector.STATUTORY
    )
    refuge = AgencyFactory(
        name="Safe Haven Domestic Abuse Service",
        kind=Agency.Kind.SPECIALIST_DOMESTIC_ABUSE,
        sector=Agency.Sector.VOLUNTARY,
    )
    today = clocks.today()

    # 1. The CSP chair appoints the independent chair --------------------------------------
    sign_in(page, csp_chair)
    open_task(page, case, "Independent chair appointed")
    expect(page.get_by_role("heading", level=1)).to_have_text("Independent chair and panel")
    expect(page.get_by_text("No independent chair is appointed yet.")).to_be_visible()
    page.get_by_role("link", name="Appoint the independent chair").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Appoint the independent chair")
    assert_accessible(page)
    page.get_by_label("The chair's e-mail address").fill(independent_chair.email)
    fill_date(page, "Date appointed", today)
    page.get_by_label("The chair declares that they are not").check()
    page.get_by_label("Knowledge of domestic violence and coercive control").check()
    page.get_by_role("button", name="Appoint the chair").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Independent chair and panel")
    expect_success_banner(page, "Independent chair appointed.")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Imogen Independent")
    sign_out(page)

    # 2. The independent chair adds a statutory member and a specialist voluntary one -----
    sign_in(page, independent_chair)
    open_task(page, case, "Panel members")
    expect(page.get_by_text("No one sits on the panel yet.")).to_be_visible()
    page.get_by_role("link", name="Add a panel member").click()
    assert_accessible(page)
    page.go_back()
    add_panel_member(page, police, "Marcus Hale", "Detective chief inspector", sector="Statutory")
    add_panel_member(
        page,
        refuge,
        "Priya Panel",
        "Service manager",
        sector="Voluntary",
        specialist=True,
    )
    members = page.get_by_role("table", name="Panel members, current first")
    expect(members).to_contain_text("Marcus Hale")
    expect(members).to_contain_text("Priya Panel")
    # A statutory member, a voluntary one, a specialist service, no IMR authors: no warning.
    expect(page.locator(".govuk-warning-text")).to_have_count(0)
    assert_accessible(page)

    # 3. Too early: the page lists what the set-up still lacks, and offers no button -------
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="Commission the IMRs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Commission the IMRs")
    missing = page.locator("#missing")
    expect(missing).to_contain_text("Draft the terms of reference and have the independent chair")
    expect(missing).to_contain_text("Name the family liaison lead in the terms of reference")
    # The chair and the panel are done, so they are not listed.
    expect(missing).not_to_contain_text("Appoint the independent chair")
    expect(missing).not_to_contain_text("Add the panel's members")
    expect(page.get_by_role("button", name="Commission the IMRs")).to_have_count(0)
    assert_accessible(page)
    keep_picture(page, "flow_panel_too_early")

    # 4. The chair drafts the terms of reference, every checklist item dealt with ----------
    open_task(page, case, "Terms of reference agreed")
    expect(page.get_by_role("heading", level=1)).to_have_text("Terms of reference")
    page.get_by_role("link", name="Draft the terms of reference").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft the terms of reference")
    assert_accessible(page)
    page.get_by_label("Scope and purpose of the review").fill(
        "What the agencies knew of the coercive control Adult A lived with."
    )
    page.get_by_label("Family liaison lead").fill("Fran Liaison")
    page.get_by_label("Media lead").fill("Council press office")
    for item in CHECKLIST:
        group = page.get_by_role("group", name=f"{item.text} ({item.source})", exact=True)
        if item.key == NOT_APPLICABLE:
            group.get_by_label("Or why it does not apply").fill("No sign of honour-based abuse.")
        else:
            group.get_by_label("Answer").fill(f"The review covers {item.text.lower()}.")
    page.get_by_role("button", name="Save as a new version").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Terms of reference")
    expect_success_banner(page, "New version of the terms of reference saved.")
    expect(page.get_by_text("Draft: not agreed")).to_be_visible()
    expect(page.get_by_text("Not answered")).to_have_count(0)
    expect(page.get_by_text("Not applicable: No sign of honour-based abuse.")).to_be_visible()

    # 5. ...and agrees them ----------------------------------------------------------------
    page.get_by_role("link", name="Agree version 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Agree version 1 of the terms of reference"
    )
    assert_accessible(page)
    fill_date(page, "Date agreed", today)
    page.get_by_role("button", name="Agree the terms of reference").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Terms of reference")
    expect_success_banner(page, "Version 1 of the terms of reference is agreed.")
    expect(page.locator("#main-content .govuk-tag").first).to_have_text("Agreed")

    # 6. Nothing is missing now: the chair commissions the IMRs ---------------------------
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="Commission the IMRs").click()
    expect(page.get_by_text("Everything the panel's set-up needs is recorded.")).to_be_visible()
    expect(page.locator("#missing")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("button", name="Commission the IMRs").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(case.reference)
    expect_success_banner(page, "The IMRs are commissioned")
    expect(page.locator("#main-content .govuk-tag").first).to_have_text(Stage.IMRS.label)
    expect(page.get_by_role("link", name="Commission the IMRs")).to_have_count(0)
    expect(page.get_by_role("listitem").filter(has_text="Commission the IMRs")).to_contain_text(
        "Imogen Independent"
    )
    assert_accessible(page)

    keep_picture(page, "flow_panel_set_up")
