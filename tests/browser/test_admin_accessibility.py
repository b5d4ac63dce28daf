"""The Django admin, where administrators read real names, passes axe (WCAG 2.2 AA) on its
index, the case list and the main change and add forms (issue 16, item 2). What only Django
can fix is listed, with its ticket, in docs/accessibility.md under "Django admin"."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from cases.models import Person
from tests.case_factories import administrator, case_with_letters_sent, partnership_with_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def admin_page(browser, live_server):
    """A browser tab like `page`'s, except that it lets the Content-Security-Policy block
    inline styles without failing: the jQuery Django's admin ships tries some on every change
    form, harmlessly (docs/accessibility.md, "Django admin"). Script errors and files that
    do not load still fail the test."""
    context = browser.new_context(base_url=live_server.url)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    problems: list[str] = []

    def on_response(response):
        if response.request.resource_type == "document" or response.url.endswith("/favicon.ico"):
            return
        if response.status >= 400:
            problems.append(f"{response.status} for {response.url}")

    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    tab.on("response", on_response)
    yield tab
    context.close()
    assert not problems, "The browser reported problems:\n" + "\n".join(problems)


def signed_in_as(page, live_server, person):
    """The admin has no sign-in form of its own (dhr.views.admin_sign_in): the browser gets
    the session of a test client signed in as the person."""
    client = Client()
    client.force_login(person)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_the_admin_pages_administrators_use_pass_axe(admin_page, live_server, assert_accessible):
    page = admin_page
    partnership, officer, _chair = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    signed_in_as(page, live_server, administrator())

    for url in (
        reverse("admin:index"),
        reverse("admin:cases_case_changelist"),
        reverse("admin:cases_case_change", args=[case.pk]),
        reverse("admin:cases_person_change", args=[case.people.get(role=Person.Role.VICTIM).pk]),
        reverse("admin:cases_user_change", args=[officer.pk]),
        reverse("admin:cases_casemembership_add"),
    ):
        response = page.goto(url)
        assert response.status == 200, url
        assert_accessible(page)
