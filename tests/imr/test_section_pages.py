"""The IMR's sections, sign-off and review pages over HTTP: the permission matrix for every
URL and role (another agency's staff and a panel member on a draft: 404), drafts saved
without JavaScript, refusals next to their field, a double submit landing once, and the
review page's queries the same for 1 or 50 comments."""

import html
import re

import pytest
from django.urls import reverse

from cases.models import AccessLogEntry, Message
from imr.models import Imr, ImrComment
from imr.parts import parts_of
from imr.services import sections as services
from imr.urls import urlpatterns as imr_urlpatterns
from tests.case_factories import days_ago
from tests.imr.section_factories import (
    TEXTS,
    awaiting_sign_off,
    fresh,
    recommendation,
    review_with_imrs,
    submitted_twice,
    written,
)
from tests.test_case_views import date_fields
from tests.test_query_counts import LIST_PAGE

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="form_token" value="([0-9a-f-]{36})"')

AGENCY = {"Senior manager", "IMR author"}
READERS = {"CSP officer", "CSP chair", "Independent chair", "Panel member"} | AGENCY
# URL name → (the IMR's state for the page, the roles that reach it; everyone else: 404).
PAGES = {
    "sections": ("drafting", AGENCY),
    "add_recommendation": ("drafting", AGENCY),
    "change_recommendation": ("drafting", AGENCY),
    "remove_recommendation": ("drafting", AGENCY),
    "send_for_sign_off": ("drafting", {"IMR author"}),
    "sign_off": ("awaiting", {"Senior manager"}),
    "review": ("submitted", READERS),
    "comment": ("submitted", {"Independent chair", "Panel member"}),
    "reply": ("submitted", {"Independent chair", "Panel member"} | AGENCY),
    "resolve": ("submitted", {"Independent chair", "IMR author"}),
    "decide": ("submitted", {"Independent chair"}),
    "compare": ("submitted", READERS),
}
ROLES = [
    "CSP officer",
    "CSP chair",
    "Independent chair",
    "Panel member",
    "Senior manager",
    "IMR author",
    "Another agency's senior manager",
    "Another agency's IMR author",
    "Home Office reviewer",
    "Outsider",
]


def test_every_url_of_the_part_is_in_the_matrix():
    assert {p.name for p in imr_urlpatterns} >= set(PAGES)


def in_state(state):
    review = review_with_imrs()
    if state == "drafting":
        written(review)
    elif state == "awaiting":
        awaiting_sign_off(review)
    else:
        imr = submitted_twice(review)
        services.comment_on(
            imr=imr, by=review.panel_member, section="good_practice", text="Is this all?"
        )
    return review


def url(name, review, **kwargs):
    imr = review.imr
    args = [review.case.reference, imr.pk]
    if name in ("change_recommendation", "remove_recommendation"):
        args.append(imr.recommendations.get().pk)
    if name in ("reply", "resolve"):
        args.append(ImrComment.objects.get(version__imr=imr).pk)
    return reverse(f"imr:{name}", args=args)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_permission_matrix(client, name):
    state, allowed = PAGES[name]
    review = in_state(state)
    where = url(name, review)
    answers = {}
    for role in ROLES:
        client.force_login(review.people[role])
        answers[role] = client.get(where).status_code
    assert answers == {role: 200 if role in allowed else 404 for role in ROLES}
    client.logout()
    assert client.get(where).url.startswith(reverse("two_factor:login"))


def test_the_panel_reads_what_was_signed_off_not_the_draft_being_revised(client):
    review = in_state("submitted")
    where = url("sections", review)
    client.force_login(review.panel_member)
    page = client.get(where).content.decode()
    assert "Version 2, signed off by" in page
    assert "Head of public protection" in page
    assert "Save the draft" not in page
    assert AccessLogEntry.objects.filter(
        user=review.panel_member, detail="The sections of Riverside Police's IMR"
    ).exists()


def test_the_imr_page_links_the_parts_each_person_may_open():
    review = in_state("submitted")
    labels = [label for label, _ in parts_of(fresh(review.imr), lambda need: True)]
    assert {"Sections and recommendations", "The panel's review"} <= set(labels)
    draft = review.other_imr
    assert "The panel's review" not in [label for label, _ in parts_of(draft, lambda n: True)]


def test_a_draft_saves_without_javascript_incomplete_and_says_what_is_missing(client):
    review = review_with_imrs()
    client.force_login(review.author)
    where = url("sections", review)
    token = TOKEN.search(client.get(where).content.decode()).group(1)
    response = client.post(
        where,
        {"practice_analysis": "Four calls in 18 months.", "form_token": token},
        follow=True,
    )
    page = html.unescape(response.content.decode())
    assert "Draft saved." in page
    assert "Four calls in 18 months." in page
    assert "Write the section “Good practice”." in page
    assert "Add the agency's recommendations, or say why it makes none." in page
    assert reverse("imr:send_for_sign_off", args=[review.case.reference, review.imr.pk]) not in (
        page
    )
    assert services.draft_of(review.imr).practice_analysis == "Four calls in 18 months."


def test_a_recommendation_refused_says_why_next_to_its_field(client):
    review = review_with_imrs()
    client.force_login(review.author)
    where = url("add_recommendation", review)
    data = recommendation()
    del data["target_on"]
    response = client.post(where, {**data, **date_fields("target_on", days_ago(1))})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'id="id_target_on_error"' in page or "target_on_error" in page
    assert "The target date must be in the future." in page
    assert not review.imr.recommendations.exists()


def test_the_author_sends_the_imr_and_the_senior_manager_signs_it_off(client):
    review = review_with_imrs()
    written(review)
    client.force_login(review.author)
    where = url("send_for_sign_off", review)
    token = TOKEN.search(client.get(where).content.decode()).group(1)
    client.post(where, {"form_token": token})
    assert fresh(review.imr).status == Imr.Status.AWAITING_SIGN_OFF

    client.force_login(review.senior_manager)
    where = url("sign_off", review)
    page = client.get(where).content.decode()
    assert TEXTS["practice_analysis"] in page
    token = TOKEN.search(page).group(1)
    refused = client.post(where, {"decision": "return", "comments": "", "form_token": token})
    assert "Say what the author should change." in refused.content.decode()
    data = {"decision": "sign_off", "comments": "Checked.", "form_token": token}
    first = client.post(where, data)
    second = client.post(where, data, follow=True)
    assert first.status_code == 302
    assert "You already sent this form" in second.content.decode()
    assert review.imr.versions.count() == 1
    assert fresh(review.imr).status == Imr.Status.SUBMITTED


def test_the_imr_page_offers_the_senior_manager_the_sign_off_only_while_it_waits(client):
    review = review_with_imrs()
    written(review)
    sign_off = url("sign_off", review)
    client.force_login(review.senior_manager)
    assert sign_off not in client.get(url("detail", review)).content.decode()
    services.send_for_sign_off(imr=review.imr, by=review.author)
    assert fresh(review.imr).status == Imr.Status.AWAITING_SIGN_OFF
    assert sign_off in client.get(url("detail", review)).content.decode()
    client.force_login(review.author)
    assert sign_off not in client.get(url("detail", review)).content.decode()


def test_a_comment_posted_twice_lands_once(client):
    review = in_state("submitted")
    client.force_login(review.panel_member)
    page = client.get(url("review", review)).content.decode()
    token = TOKEN.search(page).group(1)
    data = {"section": "practice_analysis", "text": "What of MARAC?", "form_token": token}
    client.post(url("comment", review), data)
    again = client.post(url("comment", review), data, follow=True)
    assert "You already sent this form" in again.content.decode()
    assert ImrComment.objects.filter(text="What of MARAC?").count() == 1
    assert "What of MARAC?" in again.content.decode()


def test_the_chair_is_refused_acceptance_next_to_the_decision_while_comments_are_open(client):
    review = in_state("submitted")
    client.force_login(review.chair)
    response = client.post(url("decide", review), {"decision": "accept"})
    assert "1 comment thread is still open" in response.content.decode()
    assert fresh(review.imr).status == Imr.Status.SUBMITTED
    client.post(url("resolve", review), {})
    client.post(url("decide", review), {"decision": "accept"})
    assert fresh(review.imr).status == Imr.Status.ACCEPTED


def test_the_comparison_shows_what_changed_between_versions(client):
    review = in_state("submitted")
    client.force_login(review.panel_member)
    page = client.get(url("compare", review)).content.decode()
    assert "<ins>And a second finding.</ins>" in page


@pytest.mark.parametrize("comments", [1, 50])
def test_the_review_page_costs_the_same_queries_for_1_or_50_comments(
    client, verified, django_assert_max_num_queries, comments
):
    review = in_state("submitted")
    imr = fresh(review.imr)
    thread = ImrComment.objects.get(version__imr=imr)
    for number in range(comments - 1):
        services.comment_on(
            imr=imr, by=review.panel_member, section="", text=f"More {number}", reply_to=thread
        )
    verified(review.chair)
    client.get(url("review", review))
    # A list page's ceiling and the access log's entry the page writes.
    with django_assert_max_num_queries(LIST_PAGE + 1):
        response = client.get(url("review", review))
    assert response.status_code == 200
    assert response.content.decode().count("replied,") == comments - 1


def test_the_senior_managers_message_leads_to_the_imr_page_before_and_after_the_sign_off(
    client,
):
    # The crawl found the message's link to the sign-off page answering 404 once the IMR
    # was signed off: a message is read later, so it links to the IMR's page, which offers
    # the sign-off only while the IMR waits for one.
    review = review_with_imrs()
    imr = awaiting_sign_off(review)
    link = Message.objects.filter(user=review.senior_manager).latest("id").link
    client.force_login(review.senior_manager)
    sign_off_url = reverse("imr:sign_off", args=[review.case.reference, imr.pk])

    before = client.get(link)

    assert link == reverse("imr:detail", args=[review.case.reference, imr.pk])
    assert f'href="{sign_off_url}"' in before.content.decode()
    services.sign_off(imr=imr, by=review.senior_manager)
    after = client.get(link)
    assert after.status_code == 200
    assert f'href="{sign_off_url}"' not in after.content.decode()
