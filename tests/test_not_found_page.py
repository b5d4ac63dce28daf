"""A missing page is the service's own 404 page, in demo mode too.

Demo mode runs with DEBUG on, and Django then answers every 404 with its technical page,
which lists the service's URL patterns ("Using the URLconf ..."). Case references must not
be probeable (DESIGN §5), and the page someone sees must not depend on the mode.
"""

import pytest
from django.urls import reverse

from tests.case_factories import notified_case, outsider, partnership_with_staff

pytestmark = pytest.mark.django_db

TECHNICAL_PAGE = "Using the URLconf"


@pytest.fixture(params=[True, False], ids=["demo mode", "production"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


def assert_the_service_404_page(response):
    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    body = response.content.decode()
    assert TECHNICAL_PAGE not in body
    assert "Page not found" in body


def test_an_unknown_address_shows_the_service_404_page(client, debug):
    assert_the_service_404_page(client.get("/no-such-page/"))


def test_an_unknown_address_shows_the_service_404_page_when_signed_in(client, user, debug):
    client.force_login(user)
    response = client.get("/no-such-page/")
    assert_the_service_404_page(response)
    assert reverse("home") in response.content.decode()  # "Go to your dashboard"


def test_a_case_one_may_not_see_shows_the_service_404_page(client, debug):
    partnership, officer, _chair = partnership_with_staff()
    case = notified_case(partnership, officer)
    client.force_login(outsider())
    response = client.get(reverse("cases:detail", kwargs={"reference": case.reference}))
    assert_the_service_404_page(response)
    assert case.reference not in response.content.decode()
