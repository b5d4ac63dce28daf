"""The overview report drafted in a real browser (issue 11): the chair writes a section,
makes a version, a panel member comments on a section, the chair resolves the thread.
Every page is checked with axe."""

import pytest
from playwright.sync_api import expect

from cases.roles import CaseRole
from tests.browser.test_case_flow import expect_success_banner, sign_in, sign_out
from tests.browser.test_imr_flow import keep_picture
from tests.case_factories import case_member
from tests.reports.report_factories import review_at_drafting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_drafts_a_version_the_panel_comments_and_the_chair_resolves(
    page, assert_accessible
):
    case, _officer, chair = review_at_drafting()
    panel_member = case_member(case, CaseRole.PANEL_MEMBER, by=chair, full_name="Priya Panel")

    # 1. The chair opens the overview report from the case's task list, and writes --------
    sign_in(page, chair)
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="Draft the overview report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview report")
    assert_accessible(page)
    page.get_by_label("Introduction").fill("Zoë Brontë-Fávero's sister died in March.")
    page.get_by_role("button", name="Save the draft").click()
    expect_success_banner(page, "Draft saved.")

    # 2. ...and makes a version, saying what changed --------------------------------------
    page.get_by_label("What changed (optional)").fill("First draft")
    page.get_by_role("button", name="Save and make a version").click()
    expect_success_banner(page, "Draft saved as version 1.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview report: version 1")
    assert_accessible(page)
    keep_picture(page, "report_1_version")

    # 3. Asked for another version of the same text, the form says nothing changed -------
    page.get_by_role("link", name="Back to the versions").click()
    assert_accessible(page)
    page.get_by_role("link", name="Back to the report").click()
    assert_accessible(page)
    page.get_by_role("link", name="Write the overview report").click()
    page.get_by_role("button", name="Save and make a version").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing has changed since version 1")
    assert_accessible(page)
    sign_out(page)

    # 4. A panel member comments on the introduction ----------------------------------------
    sign_in(page, panel_member)
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="Read the report's drafts, versions and comments").click()
    assert_accessible(page)
    page.get_by_role("link", name="Version 1 of the overview report").click()
    page.get_by_label("Comment on introduction").fill("Say who else contributed.")
    page.get_by_role("button", name="Add the comment on introduction").click()
    expect_success_banner(page, "Comment added.")
    expect(page.get_by_text("Say who else contributed.")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # 5. The chair resolves the thread --------------------------------------------------------
    sign_in(page, chair)
    page.goto(f"/cases/{case.reference}/report/overview-report/versions/1/")
    page.get_by_role("link", name="Resolve the comment of Priya Panel on introduction").click()
    assert_accessible(page)
    page.get_by_role("button", name="Mark as resolved").click()
    expect_success_banner(page, "Comment resolved.")
    expect(page.locator(".govuk-tag", has_text="Resolved")).to_be_visible()
    assert_accessible(page)
    keep_picture(page, "report_2_resolved")
