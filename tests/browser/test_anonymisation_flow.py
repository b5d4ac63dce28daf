"""The anonymisation and the leak gate walked in a real browser (issue 11): the chair opens
the anonymised version, is told what is missing, decides each flag until none is open; the
officer runs the leak gate and sees the hit with its page. Every page is checked with axe."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_case_flow import expect_success_banner, sign_in, sign_out
from tests.reports.anonymisation_factories import pdf_of, rendering, version
from tests.reports.report_factories import registered, review_at_drafting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_resolves_every_flag_and_the_officer_runs_the_gate(page, assert_accessible):
    case, officer, chair = review_at_drafting()
    registered(case, "Zoë Brennan-Hughes", "Sister A")
    version(case, chair, "Zoe Brennan-Hughes lived on Acacia Avenue, RS1 2AB.")
    version(case, chair, "Sister A.", document="executive_summary")
    rendering(case, chair, pdf_of('<p>x</p><p style="break-before: page">Zoë Brennan-Hughes</p>'))

    sign_in(page, chair)
    page.goto(reverse("reports:anonymisation", args=[case.reference]))
    expect(page.get_by_text("2 open")).to_be_visible()
    assert_accessible(page)
    # (GOV.UK's visually hidden text is padded with no-break spaces in the link's name.)
    page.get_by_role("link", name=re.compile(r"^Overview report\W+anonymised")).click()
    expect(page.locator(".dhr-anonymised .dhr-swap")).to_contain_text(
        "Sister A (replaced: Zoe Brennan-Hughes)"
    )
    expect(page.locator("#open-count")).to_have_text("2")
    assert_accessible(page)

    street = page.locator("section", has=page.get_by_role("heading", name="Street name"))
    street.get_by_role("radio", name="Replace").check()
    street.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the text to publish")
    assert_accessible(page)
    street = page.locator("section", has=page.get_by_role("heading", name="Street name"))
    street.get_by_label("Publish this instead").fill("a residential street")
    street.get_by_role("button", name="Record the decision").click()
    expect_success_banner(page, "Decision recorded.")

    postcode = page.locator("section", has=page.get_by_role("heading", name="Postcode"))
    postcode.get_by_role("radio", name="Keep as written").check()
    postcode.get_by_role("button", name="Record the decision").click()
    expect_success_banner(page, "Decision recorded.")
    expect(page.locator("#open-count")).to_have_text("0")
    assert_accessible(page)
    sign_out(page)

    sign_in(page, officer)
    page.goto(reverse("reports:leak_gate", args=[case.reference]))
    assert_accessible(page)
    page.get_by_role(
        "button", name=re.compile(r"Run the leak gate\W+on the overview report")
    ).click()
    expect(page.get_by_text("Not publishable")).to_contain_text("page 2")
    expect(page.get_by_role("cell", name="Zoë Brennan-Hughes")).to_be_visible()
    assert_accessible(page)
