"""Every link in the admin leads somewhere (issue 16, item 2): an administrator following
any link on the index, a change list, a change form or a history page, or one hop out of
the admin, never meets a "not found" or a server error. The crawl starts at the index and
follows links, on the demo data with a row for every model the admin lists
(tests/admin_rows.py), so a model registered later is walked the day it lands."""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib import admin
from django.urls import resolve, reverse

from cases.models import AccessLogEntry, CaseLetter, Person
from tests.admin_rows import load_demo_with_a_row_for_every_admin_model, models_without_rows
from tests.case_factories import administrator, case_with_letters_sent, partnership_with_staff

pytestmark = pytest.mark.django_db

# Signing out ends the crawl; delete confirmations are no reading pages (and most are refused).
SKIPPED = ("/logout/", "/delete/")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href is not None:
            self.hrefs.append(href)


def links_on(url: str, html: str) -> set[str]:
    parser = Links()
    parser.feed(html)
    found = set()
    for href in parser.hrefs:
        if href.startswith(("#", "mailto:", "javascript:")):
            continue
        target = urlsplit(urljoin(url, href))
        if target.netloc not in ("", "testserver"):
            continue
        found.add(target.path + (f"?{target.query}" if target.query else ""))
    return found


@pytest.fixture
def superuser_client(client):
    client.force_login(administrator())
    # A server error is a finding to list with the others, not an exception that ends the crawl.
    client.raise_request_exception = False
    return client


def test_no_link_in_the_admin_leads_to_not_found_or_an_error(superuser_client, settings):
    load_demo_with_a_row_for_every_admin_model(settings)
    assert models_without_rows() == [], "give these a row in tests/admin_rows.py"
    start = reverse("admin:index")
    to_visit, seen, broken = [start], {start}, []
    while to_visit:
        url = to_visit.pop()
        response = superuser_client.get(url, follow=True)
        if response.status_code in (404, 500):
            broken.append(f"{response.status_code} {url}")
            continue
        # Pages of the admin are read for more links (filters and sort orders only once per
        # page, as they lead to the same page); a page outside it is one hop out, a leaf.
        landed_on = response.request["PATH_INFO"]
        if not landed_on.startswith(start) or "?" in url:
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        for link in links_on(landed_on, response.content.decode()) - seen:
            if not any(part in link for part in SKIPPED):
                seen.add(link)
                to_visit.append(link)

    assert not broken, "Links that lead nowhere:\n" + "\n".join(sorted(broken))
    # The crawl reached, by links alone, every model's list, a row of it and its history.
    pages_reached = {resolve(urlsplit(url).path).view_name for url in seen if url.startswith(start)}
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        for page in ("changelist", "change", "history"):
            assert f"{name}_{page}" in pages_reached, f"no link leads to a {name}_{page} page"


def test_the_admin_hands_a_letter_over_as_a_logged_download(superuser_client):
    partnership, officer, _chair = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    letter = case.letters.first()
    change_page = superuser_client.get(reverse("admin:cases_caseletter_change", args=[letter.pk]))
    download = reverse("admin:cases_caseletter_copy", args=[letter.pk])
    assert download in change_page.content.decode()
    assert letter.copy.url not in change_page.content.decode()

    response = superuser_client.get(download)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == letter.copy.open("rb").read()
    assert AccessLogEntry.objects.filter(
        case=case, what=AccessLogEntry.What.DOCUMENT, detail__startswith="in the admin"
    ).exists()


def test_a_letter_download_needs_the_permission_to_view_letters(client):
    partnership, officer, _chair = partnership_with_staff()
    letter = CaseLetter.objects.filter(case=case_with_letters_sent(partnership, officer)).first()
    staff = administrator()
    staff.is_superuser = False
    staff.save()
    client.force_login(staff)

    response = client.get(reverse("admin:cases_caseletter_copy", args=[letter.pk]))

    assert response.status_code == 403


class DescribedBy(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.described_by: set[str] = set()
        self.govuk_classes = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        self.described_by.update((attrs.get("aria-describedby") or "").split())
        self.govuk_classes += "govuk-" in (attrs.get("class") or "")


@pytest.mark.parametrize(
    "page",
    [
        "admin:cases_case_change",
        "admin:cases_person_change",
        "admin:cases_user_change",
        "admin:auth_user_password_change",
        "admin:cases_casemembership_add",
        "admin:cases_partnershiprole_add",
        "admin:cases_agency_add",
        "admin:cases_case_changelist",
    ],
)
def test_admin_forms_are_rendered_the_django_way(superuser_client, page):
    partnership, officer, _chair = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    args = {
        "admin:cases_case_change": [case.pk],
        "admin:cases_person_change": [case.people.first().pk],
        "admin:cases_user_change": [officer.pk],
        "admin:auth_user_password_change": [officer.pk],
    }.get(page, [])
    response = superuser_client.get(reverse(page, args=args))
    assert response.status_code == 200
    html = DescribedBy()
    html.feed(response.content.decode())

    assert html.described_by <= html.ids, f"no such ids: {html.described_by - html.ids}"
    assert html.govuk_classes == 0


def test_the_people_on_a_case_are_shown_each_field_with_its_label(superuser_client):
    partnership, officer, _chair = partnership_with_staff()
    case = case_with_letters_sent(partnership, officer)
    victim = case.people.get(role=Person.Role.VICTIM)

    page = superuser_client.get(reverse("admin:cases_case_change", args=[case.pk]))

    html = page.content.decode()
    people = html[html.index('id="people-group"') : html.index('id="memberships-group"')]
    # Stacked: each value sits in a row with its label, not in a cell under a column heading.
    assert "stacked" in people
    assert "<label>Real name:</label>" in people
    assert f"{victim.real_name}</div>" in people


def test_a_history_version_that_is_not_a_number_is_not_found(superuser_client):
    _partnership, officer, _chair = partnership_with_staff()
    url = reverse("admin:cases_user_history", args=[officer.pk])

    response = superuser_client.get(f"{url}password/")

    assert response.status_code == 404
