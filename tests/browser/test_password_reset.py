"""The password reset pages, as an anonymous visitor sees them in a browser."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def email_box(page):
    # Django labels the reset field "Email"; the sign-in form says "Email address".
    return page.get_by_role("textbox", name=re.compile(r"^e-?mail", re.IGNORECASE))


def test_the_reset_request_and_confirmation_pages_are_accessible(page, assert_accessible):
    page.goto("/account/login/")
    page.get_by_role("link", name="Forgotten your password?").click()

    expect(page).to_have_url("/account/password/reset/")
    assert_accessible(page)

    email_box(page).fill("nobody@example.org")
    page.get_by_role("button").filter(has_text="reset").first.click()

    expect(page).to_have_url("/account/password/reset/sent/")
    assert_accessible(page)


def test_an_invalid_address_shows_an_accessible_error(page, assert_accessible):
    page.goto("/account/password/reset/")
    email_box(page).fill("not an address")
    page.get_by_role("button").filter(has_text="reset").first.click()

    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
