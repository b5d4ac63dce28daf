"""The accessibility statement the 2018 accessibility regulations require: public, on the
GOV.UK model, and linked from the footer of every page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

STATEMENT = "/accessibility/"


def test_anyone_can_read_the_statement_and_how_to_report_a_problem(client, settings):
    settings.DHR_ACCESSIBILITY_CONTACT = "access@riverside.example"

    page = client.get(STATEMENT)

    assert page.status_code == 200
    text = page.content.decode()
    assert "Accessibility statement for DHR Manager" in text
    assert 'href="mailto:access@riverside.example"' in text
    for heading in (
        "Feedback and contact information",
        "Enforcement procedure",
        "Non-accessible content",
        "How we tested this service",
    ):
        assert heading in text


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_links_to_the_statement_in_its_footer(client, user, signed_in):
    if signed_in:
        client.force_login(user)
    page = client.get(reverse("home"), follow=True)

    footer = page.content.decode().split('<footer class="govuk-footer">', 1)[1]
    assert f'href="{STATEMENT}">Accessibility statement</a>' in footer
