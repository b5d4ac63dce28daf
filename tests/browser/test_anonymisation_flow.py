"""The anonymisation, the PDFs and the leak gate walked in a real browser (issue 11): the chair
opens the anonymised version, is told what is missing, decides each flag until none is open,
and asks for the public PDF, which a worker renders; the officer runs the leak gate, sees the
planted hit with its page, and marks the clean rendering publishable. Every page is checked
with axe."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reports.models import RenderedPdf
from reports.services import pdfs
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

    page.goto(reverse("reports:pdfs", args=[case.reference]))
    assert_accessible(page)
    page.get_by_role("link", name="Ask for a PDF").click()
    page.get_by_label("Overview report").check()
    page.get_by_label("Public (anonymised)").check()
    assert_accessible(page)
    page.get_by_role("button", name="Ask for the PDF").click()
    expect(page.get_by_role("status")).to_contain_text("waiting to be rendered")
    assert_accessible(page)
    # The worker's part, run here: the task queued on commit would do the same.
    asked = RenderedPdf.objects.filter(case=case).latest("requested_at")
    pdfs.render(rendering_id=asked.pk)
    page.reload()
    expect(page.get_by_role("status")).to_contain_text("The PDF is ready")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Download the PDF")).click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    sign_out(page)

    sign_in(page, officer)
    page.goto(reverse("reports:leak_gate", args=[case.reference]))
    assert_accessible(page)
    planted, asked_for = (
        page.locator("section", has=page.get_by_role("heading", name=heading, exact=True))
        for heading in ("Overview report", "Overview report, version 1")
    )
    planted.get_by_role("button", name=re.compile(r"^Run the leak gate")).click()
    expect(page.get_by_text("Not publishable")).to_contain_text("page 2")
    expect(page.get_by_role("cell", name="Zoë Brennan-Hughes")).to_be_visible()
    assert_accessible(page)

    # The service's own public rendering, anonymised and its flags decided, is clean.
    asked_for.get_by_role("button", name=re.compile(r"^Run the leak gate")).click()
    expect(asked_for.get_by_text("Yes, since")).to_be_visible()
    assert_accessible(page)
    asked.refresh_from_db()
    assert asked.publishable_at is not None
