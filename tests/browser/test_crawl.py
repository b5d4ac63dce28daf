"""Reflow (WCAG 2.2 SC 1.4.10) and axe on every page a role reaches by following links.

At 320 x 640 CSS px (a 1280 px window at 400 % zoom), each role signs in on the demo data,
starts at the dashboard and follows every same-origin link it finds, so pages added later
are covered without a list. No page may be wider than the window, and axe must find no
WCAG 2.2 A or AA failure on any of them, nor content outside every landmark.

The roles are those of DESIGN §5 that the demo gives a case, an outsider (signed in, on no
case) and the administrator, whose crawl goes on into the Django admin by its links."""

from io import StringIO
from urllib.parse import parse_qs, urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve
from playwright.sync_api import expect

from cases.demo import DEMO_PASSWORD
from cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 320, "height": 640}
# Enough for every kind of page the demo data gives one role, with room to grow (the CSP
# officer's walk of every page was 662 before the demo reviews reached publication and
# monitoring, and took five minutes; the administrator's walk of the admin, about six pages
# per model, was 344 with the panels); a crawl that hits the bound fails, so the bound is
# raised knowingly rather than pages going unchecked.
MOST_PAGES = 1000
# Signing out would end the crawl; the admin's delete pages delete nothing until confirmed,
# and are refused where the services own the rows.
SKIPPED_PREFIXES = ("/account/sign-out/", "/admin/logout/")
SKIPPED_PARTS = ("/delete/",)
ADMIN = "/admin/"
CASE_PAGE = "cases:detail"
ROLES = {
    "CSP officer": "officer@riverside.example",
    "CSP chair": "chair@riverside.example",
    "independent chair": "independent.chair@example.org",
    "panel member": "panel.member@safehaven.example",
    "agency senior manager": "senior.manager@police.example",
    "IMR author": "imr.author@police.example",
    "Home Office QA reviewer": "qa.reviewer@homeoffice.example",
    "outsider": "outsider@example.org",
    "administrator": "admin@dhr.example",
}
# axe's best-practice rule that all content sits in a landmark, so that screen-reader users
# who move by landmark miss nothing (the OFFICIAL-SENSITIVE strip once sat outside them all).
IN_LANDMARKS = """async () => {
    const results = await axe.run(document, {runOnly: {type: "rule", values: ["region"]}});
    return results.violations.flatMap(violation => violation.nodes.map(node => node.html));
}"""


@pytest.fixture
def demo(settings):
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=StringIO())


def links_on(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)")
    found = []
    for href in hrefs:
        url, _fragment = urldefrag(href)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != origin:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith(SKIPPED_PREFIXES) and not any(p in path for p in SKIPPED_PARTS):
            found.append(path)
    return found


def page_kind(path: str, stages: dict[str, str]):
    """What makes a page worth a visit. A service page is one view with the words of its
    address (a document's name) and its query (a filter); the case's own page is one per
    stage, since its task list and actions are the stage's. The same view of another case,
    or of another of a case's records (an IMR, a version, an action: the numbers in its
    address), is the same template again, so it is visited once: with the demo's reviews at
    every stage, visiting each was 660 pages and five minutes a role. What a stage changes on
    the other pages is walked by that stage's own browser test. The admin shows every row of
    a model through one template, so there one page per view and query parameter (a filter,
    a sort order) will do: every row of every model is
    tests/browser/test_admin_accessibility.py's. Filters combined are the same page again,
    and their combinations grow as a power of the filters, so an admin link with more than
    one parameter is no page of its own (None); nor is the list's filters carried to a row's
    page (_changelist_filters), which only fills a back link."""
    parts = urlsplit(path)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return path
    if not path.startswith(ADMIN):
        words = frozenset(
            (name, value)
            for name, value in match.kwargs.items()
            if name != "reference" and not str(value).isdigit()
        )
        stage = stages.get(match.kwargs.get("reference")) if match.view_name == CASE_PAGE else ""
        return match.view_name, stage, words, parts.query
    parameters = frozenset(parse_qs(parts.query)) - {"_changelist_filters"}
    if len(parameters) > 1:
        return None
    return match.view_name, parameters


@pytest.mark.parametrize("email", ROLES.values(), ids=ROLES.keys())
def test_every_page_a_role_reaches_fits_320_px_and_passes_axe(
    demo, page, live_server, assert_accessible, email
):
    page.set_viewport_size(NARROW)
    page.goto("/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your cases")

    stages = dict(Case.objects.values_list("reference", "stage"))
    to_visit, seen, visited = ["/"], {page_kind("/", stages)}, []
    while to_visit:
        path = to_visit.pop(0)
        # Ask first, without the tab, so that a download is skipped rather than started.
        answer = page.request.get(path)
        if "attachment" in answer.headers.get("content-disposition", ""):
            continue
        assert answer.ok, f"{path} answered {answer.status}"
        if not answer.headers.get("content-type", "").startswith("text/html"):
            continue
        page.goto(path)
        visited.append(path)
        assert len(visited) <= MOST_PAGES, f"more than {MOST_PAGES} pages: raise the bound"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= NARROW["width"], f"{path} is {width} px wide at 320 px"
        assert_accessible(page)
        assert page.evaluate(IN_LANDMARKS) == [], f"{path} has content outside every landmark"
        for link in links_on(page, live_server.url):
            kind = page_kind(link, stages)
            if kind is not None and kind not in seen:
                seen.add(kind)
                to_visit.append(link)
    if email == ROLES["administrator"]:
        assert any(path.startswith(ADMIN) for path in visited), "the admin was not reached"
