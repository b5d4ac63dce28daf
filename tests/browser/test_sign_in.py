"""Signing in and out in a real browser, with an accessibility check of every page seen."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def person():
    return UserFactory(email="olivia@riverside.example", full_name="Olivia Officer")


def sign_in(page, email, password):
    page.goto("/account/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_the_gov_uk_styles_load(page):
    page.goto("/account/login/")

    heading_font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    header_colour = page.evaluate(
        "getComputedStyle(document.querySelector('header')).backgroundColor"
    )
    assert "arial" in heading_font.lower()
    assert header_colour not in ("rgba(0, 0, 0, 0)", "transparent")


def test_sign_in_see_the_dashboard_and_sign_out(page, person, assert_accessible):
    page.goto("/")
    expect(page).to_have_url("/account/login/?next=/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to DHR Manager")
    assert_accessible(page)

    sign_in(page, person.email, PASSWORD)

    expect(page).to_have_title(re.compile(r"^Dashboard – "))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("OFFICIAL-SENSITIVE", exact=True)).to_be_visible()
    expect(page.get_by_text("Signed in as Olivia Officer")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()

    expect(page).to_have_url("/account/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to DHR Manager")
    expect(page.get_by_text("OFFICIAL-SENSITIVE")).to_have_count(0)
    assert_accessible(page)
    page.goto("/")
    expect(page).to_have_url("/account/login/?next=/")


def test_a_wrong_password_shows_an_accessible_error(page, person, assert_accessible):
    sign_in(page, person.email, "not-the-password")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)
