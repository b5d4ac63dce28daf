"""The terms of reference and parallel proceedings pages over HTTP: the permission matrix for
every role, an outsider and another partnership's officer; query ceilings on the lists; what
the pages say."""

import pytest
from django.urls import reverse

from cases import services as case_services
from cases.roles import CaseRole
from panels.services import proceedings as proceeding_services
from panels.urls import urlpatterns as panel_urlpatterns
from tests.case_factories import days_ago, outsider, partnership_with_staff
from tests.design_roles import SHOULD_HOLD
from tests.panels.panel_factories import draft, trial
from tests.test_case_pages import build_case
from tests.test_case_views import date_fields
from tests.test_query_counts import LIST_PAGE

pytestmark = pytest.mark.django_db

DRAFTERS = SHOULD_HOLD["edit_case_file"] | SHOULD_HOLD["manage_panel"]
# URL name → the roles that reach the page (everyone else: 404).
PANEL_PAGES = {
    "panels:terms": SHOULD_HOLD["view_case_file"],
    "panels:draft_terms": DRAFTERS,
    "panels:agree_terms": SHOULD_HOLD["agree_terms_of_reference"],
    "panels:terms_shared": DRAFTERS,
    "panels:compare_terms": SHOULD_HOLD["view_case_file"],
    "panels:proceedings": SHOULD_HOLD["view_case_file"],
    "panels:add_proceeding": SHOULD_HOLD["manage_panel"],
    "panels:edit_proceeding": SHOULD_HOLD["manage_panel"],
    "panels:documents_forwarded": SHOULD_HOLD["manage_panel"],
}


def test_every_panel_url_is_in_the_matrix():
    mine = {
        f"panels:{p.name}"
        for p in panel_urlpatterns
        if "terms" in p.name or "proceeding" in p.name or "forwarded" in p.name
    }
    assert mine == set(PANEL_PAGES)


def review_with_terms_and_a_trial():
    case, people = build_case("review")
    officer = people[CaseRole.CSP_OFFICER]
    proceeding = trial(case, officer)
    draft(case, officer)
    draft(case, officer, proceedings_addressed={str(proceeding.pk): "Interviews wait."})
    return case, people, proceeding


def url_for(name, case, proceeding):
    kwargs = {"reference": case.reference}
    if name in ("panels:edit_proceeding", "panels:documents_forwarded"):
        kwargs["proceeding_id"] = proceeding.pk
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", sorted(PANEL_PAGES))
def test_permission_matrix(client, name):
    case, people, proceeding = review_with_terms_and_a_trial()
    url = url_for(name, case, proceeding)
    answers = {}
    for role, user in people.items():
        client.force_login(user)
        answers[role.label] = client.get(url).status_code
    expected = {role.label: 200 if role in PANEL_PAGES[name] else 404 for role in people}
    assert answers == expected
    for stranger in (outsider(), partnership_with_staff()[1]):
        client.force_login(stranger)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).url.startswith(reverse("two_factor:login"))


def test_the_case_page_links_the_task_rows_and_shows_the_clock(client):
    case, people, _ = review_with_terms_and_a_trial()
    client.force_login(people[CaseRole.CSP_OFFICER])
    page = client.get(case.get_absolute_url()).content.decode()
    assert reverse("panels:terms", kwargs={"reference": case.reference}) in page
    assert reverse("panels:proceedings", kwargs={"reference": case.reference}) in page
    assert "Terms of reference agreed" in page


def test_drafting_over_http_makes_a_version(client):
    case, people, _ = review_with_terms_and_a_trial()
    client.force_login(people[CaseRole.CSP_CHAIR])
    url = reverse("panels:draft_terms", kwargs={"reference": case.reference})
    form = client.get(url).context["form"]
    data = dict(form.initial)
    data["scope"] = "A new scope, after the family's comments."
    response = client.post(url, data)
    assert response.status_code == 302
    assert case.terms_of_reference_versions.count() == 3


def test_an_item_answered_and_marked_not_applicable_is_an_error_next_to_it(client):
    case, people, _ = review_with_terms_and_a_trial()
    client.force_login(people[CaseRole.CSP_OFFICER])
    url = reverse("panels:draft_terms", kwargs={"reference": case.reference})
    response = client.post(
        url,
        {"scope": "Scope", "answer_media": "The press office", "not_applicable_media": "None"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert "The media: answer it or say why it does not apply, not both." in content
    assert case.terms_of_reference_versions.count() == 2


def test_agreeing_over_http(client):
    case, people, _ = review_with_terms_and_a_trial()
    client.force_login(people[CaseRole.INDEPENDENT_CHAIR])
    url = reverse("panels:agree_terms", kwargs={"reference": case.reference})
    response = client.post(url, date_fields("agreed_on", days_ago(-1)))
    assert "Date agreed must be today or in the past." in response.content.decode()
    response = client.post(url, date_fields("agreed_on", days_ago(0)))
    assert response.status_code == 302
    assert case.terms_of_reference_versions.get(number=2).agreed_on == days_ago(0)


def test_agreeing_refused_says_what_is_missing(client):
    case, people, _ = review_with_terms_and_a_trial()
    draft(case, people[CaseRole.CSP_OFFICER], proceedings_addressed={})
    client.force_login(people[CaseRole.INDEPENDENT_CHAIR])
    terms_page = client.get(reverse("panels:terms", kwargs={"reference": case.reference}))
    assert "Say how the review takes account of each parallel proceeding" in (
        terms_page.content.decode()
    )
    url = reverse("panels:agree_terms", kwargs={"reference": case.reference})
    response = client.post(url, date_fields("agreed_on", days_ago(0)))
    assert "Still to do: Prosecution and trial: R v Smith" in response.content.decode()
    assert not case.terms_of_reference_versions.filter(agreed_on__isnull=False).exists()


def test_the_diff_page_marks_changes_in_words(client):
    case, people, _ = review_with_terms_and_a_trial()
    client.force_login(people[CaseRole.PANEL_MEMBER])
    url = reverse("panels:compare_terms", kwargs={"reference": case.reference})
    content = client.get(url, {"older": 1, "newer": 2}).content.decode()
    assert (
        "Removed</strong> <del>Prosecution and trial: R v Smith: (not addressed)</del>" in content
    )
    assert "Added</strong> <ins>Prosecution and trial: R v Smith: Interviews wait.</ins>" in content


def test_recording_a_proceeding_over_http(client):
    case, people, _ = review_with_terms_and_a_trial()
    client.force_login(people[CaseRole.INDEPENDENT_CHAIR])
    url = reverse("panels:add_proceeding", kwargs={"reference": case.reference})
    data = {
        "kind": "inquest",
        "lead_contact_role": "coroners_officer",
        "lead_contact_name": "Sam Coroner",
        "status": "ongoing",
        "effect_on_review": "parallel",
        **date_fields("inquest_opened_on", days_ago(-3)),
    }
    response = client.post(url, data)
    assert (
        "The date the inquest opened must be today or in the past" in response.content.decode()
        or ("Inquest opened must be today or in the past" in response.content.decode())
    )
    data.update(date_fields("inquest_opened_on", days_ago(3)))
    assert client.post(url, data).status_code == 302
    assert case.proceedings.filter(kind="inquest", lead_contact_name="Sam Coroner").exists()


# The proceedings list in production settings, under a list page's ceiling of 8: the
# baseline (session, user, second factor), the case, the proceedings, the documents
# forwarded, and the pauses with the causes that link them to their proceedings.
PROCEEDINGS_PAGE = 7


@pytest.mark.parametrize("rows", [1, 50])
def test_proceedings_list_query_count(client, verified, django_assert_max_num_queries, rows):
    case, people = build_case("review")
    officer = people[CaseRole.CSP_OFFICER]
    for n in range(rows):
        proceeding = trial(case, officer, description=f"Case {n}")
        proceeding_services.record_documents_forwarded(
            proceeding=proceeding, by=officer, what="Chronology", forwarded_on=days_ago(1)
        )
    case_services.pause_case(
        case=case,
        by=officer,
        reason="Trial",
        starts_on=days_ago(1),
        caused_by=f"proceeding-{proceeding.pk}",
    )
    verified(officer)
    url = reverse("panels:proceedings", kwargs={"reference": case.reference})
    client.get(url)  # the permission ids are read once per process

    with django_assert_max_num_queries(PROCEEDINGS_PAGE):
        response = client.get(url)

    page = response.content.decode()
    assert page.count("Forwarded to the disclosure officer") == rows
    assert page.count("(still paused)") == 1


@pytest.mark.parametrize("rows", [1, 50])
def test_terms_page_query_count(client, verified, django_assert_max_num_queries, rows):
    case, people = build_case("review")
    officer = people[CaseRole.CSP_OFFICER]
    for n in range(rows):
        trial(case, officer, description=f"Case {n}")
        draft(case, officer, scope=f"Scope {n}")
    verified(officer)
    url = reverse("panels:terms", kwargs={"reference": case.reference})
    client.get(url)  # the permission ids are read once per process
    with django_assert_max_num_queries(LIST_PAGE):
        response = client.get(url)
    assert response.content.decode().count("Not addressed") == rows
