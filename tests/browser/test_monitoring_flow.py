"""Action-plan monitoring to the conclusion, walked in a real browser (issue 12).

The police's senior manager posts an update with evidence and marks the action complete;
the CSP officer audits it and finishes the second on the agency's behalf; the housing
association's senior manager closes its action without completion; the CSP chair agrees
the closure and concludes. Every page is checked with axe. The walk is a function of its
own so that a longer walk (the CSP sign-off to conclusion) can chain it."""

import os
import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cases.clocks import today
from tests.browser.test_case_flow import expect_success_banner, fill_date, sign_in, sign_out
from tests.case_factories import PDF_BYTES
from tests.monitoring.factories import review_in_monitoring

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")


def keep_picture(page, name):
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(SCREENSHOT_DIR) / f"monitoring-{name}.png", full_page=True)


def _open(page, number):
    """The action's page, from a list of actions (its link reads "1.1", then the action)."""
    page.get_by_role("link", name=re.compile(rf"^{re.escape(number)}\b")).click()


def _post_update(page, check, *, status, rag, what, evidence=None, reason=""):
    page.get_by_role("link", name="Post an update").click()
    check(page)
    page.get_by_label("What was done").fill(what)
    page.get_by_role("radio", name=status, exact=True).check()
    page.get_by_role("radio", name=rag, exact=True).check()
    if status == "Complete":
        fill_date(page, "Date completed", today())
    if reason:
        page.get_by_label("Why it closes without completion").fill(reason)
    if evidence:
        page.get_by_label("Evidence (optional)").set_input_files(evidence)
    page.get_by_role("button", name="Post the update").click()
    expect_success_banner(page, "Update posted.")
    check(page)


def _audit(page, check, number):
    _open(page, number)
    page.get_by_role("link", name="Audit the completed action").click()
    check(page)
    page.get_by_role("radio", name="Verified", exact=True).check()
    fill_date(page, "Date the evidence was checked", today())
    page.get_by_role("button", name="Record the audit").click()
    expect_success_banner(page, "Audit recorded.")
    check(page)


def walk_monitoring_to_conclusion(page, live_server, case, people, *, assert_accessible):
    """From `case` at Monitoring, whose plan has the police's two actions (1.1, 1.2) and the
    housing association's one (1.3), to Concluded. `people` names the police's "senior
    manager", the "other agency's senior manager", the "CSP officer" and the "CSP chair"."""
    check = assert_accessible
    monitoring = f"{live_server.url}/cases/{case.reference}/monitoring/"
    with tempfile.TemporaryDirectory() as folder:
        evidence = Path(folder) / "briefing-attendance.pdf"
        evidence.write_bytes(PDF_BYTES)

        sign_in(page, people["senior manager"])
        page.goto(case.get_absolute_url())
        page.get_by_role("link", name="Update Riverside Police's actions").click()
        check(page)
        keep_picture(page, "agency-actions")
        _open(page, "1.1")
        _post_update(
            page,
            check,
            status="In progress",
            rag="Green",
            what="Two of the three response teams briefed.",
            evidence=str(evidence),
        )
        expect(page.get_by_role("link", name="briefing-attendance.pdf")).to_be_visible()
        _post_update(page, check, status="Complete", rag="Green", what="Every team briefed.")
        keep_picture(page, "action")
        sign_out(page)

    sign_in(page, people["other agency's senior manager"])
    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="Update Riverside Homes's actions").click()
    _open(page, "1.3")
    _post_update(
        page,
        check,
        status="Closed without completion",
        rag="Amber",
        what="The service moved to another provider.",
        reason="The housing service is now run by the county; its training covers this.",
    )
    sign_out(page)

    sign_in(page, people["CSP officer"])
    page.goto(monitoring)
    check(page)
    _audit(page, check, "1.1")
    page.goto(monitoring)
    _open(page, "1.2")
    _post_update(page, check, status="Complete", rag="Green", what="Referrals audited.")
    page.goto(monitoring)
    _audit(page, check, "1.2")
    sign_out(page)

    sign_in(page, people["CSP chair"])
    page.goto(monitoring)
    _open(page, "1.3")
    page.get_by_role("link", name="Agree the closure").click()
    check(page)
    fill_date(page, "Date agreed", today())
    page.get_by_role("button", name="Agree the closure").click()
    expect_success_banner(page, "You agreed that the action closes without completion.")
    page.goto(monitoring)
    keep_picture(page, "overview")
    page.get_by_role("link", name="Conclude the review").click()
    check(page)
    keep_picture(page, "conclude")
    page.get_by_role("button", name="Conclude the review").click()
    expect_success_banner(page, "The review is concluded.")
    check(page)
    sign_out(page)


def test_a_review_is_monitored_to_its_conclusion(page, live_server, assert_accessible):
    review = review_in_monitoring()
    walk_monitoring_to_conclusion(
        page, live_server, review.case, review.people, assert_accessible=assert_accessible
    )
    review.case.refresh_from_db()
    assert review.case.stage == "concluded"
