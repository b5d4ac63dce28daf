"""Two requests at once (issue 15, items 1 and 2): where only one may succeed, one does and
the other gets a message, never a bare 500; a step already done says who did it and when."""

import re
import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from cases import clocks, services
from cases.models import Case, Decision, FormSubmission, PartnershipRole, Pause
from cases.submissions import CONCURRENT_CHANGE
from tests.case_factories import (
    case_awaiting_decision,
    case_under_review,
    notified_case,
    partnership_with_staff,
)
from tests.factories import UserFactory
from tests.test_case_views import notification_post

TOKEN = re.compile(r'name="form_token" value="([0-9a-f-]{36})"')


def date_fields(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def rendered_form(user, where) -> tuple[Client, dict]:
    """A browser session with the form open: its client and the form's token."""
    client = Client()
    client.force_login(user)
    token = TOKEN.search(client.get(where).content.decode()).group(1)
    return client, {"form_token": token}


def post_at_once(*posts) -> list:
    """Send each (client, url, data) from its own thread, all at the same moment."""
    start = threading.Barrier(len(posts))
    responses = [None] * len(posts)

    def send(index, client, url, data):
        try:
            start.wait()
            responses[index] = client.post(url, data, follow=True)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i, *post)) for i, post in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


def second_chair(partnership):
    deputy = UserFactory(full_name="Dana Deputy", partnership=partnership)
    services.grant_partnership_role(
        partnership=partnership, user=deputy, role=PartnershipRole.Role.CHAIR, by=None
    )
    return deputy


@pytest.mark.django_db(transaction=True)
def test_two_chairs_deciding_at_once_get_one_decision_and_a_message():
    partnership, officer, chair = partnership_with_staff()
    deputy = second_chair(partnership)
    case = case_awaiting_decision(partnership, officer)
    where = reverse("cases:decision", kwargs={"reference": case.reference})
    decision = {"decision": "review", **date_fields("decided_on", clocks.today())}
    posts = []
    for user in (chair, deputy):
        client, token = rendered_form(user, where)
        posts.append((client, where, {**decision, "reasons": f"Decided by {user}", **token}))

    responses = post_at_once(*posts)

    assert Decision.objects.filter(case=case).count() == 1
    assert [response.status_code for response in responses] == [200, 200]
    pages = sorted(response.content.decode() for response in responses)
    assert sum("Decision recorded." in page for page in pages) == 1
    assert (
        sum(
            "The case is not waiting for a decision." in page
            or "The decision was recorded by" in page
            for page in pages
        )
        == 1
    )


@pytest.mark.django_db(transaction=True)
def test_two_pauses_at_once_make_one_pause_and_a_message():
    partnership, officer, chair = partnership_with_staff()
    case = case_under_review(partnership, officer)
    where = reverse("cases:pause", kwargs={"reference": case.reference})
    pause = {"reason": "Trial listed.", **date_fields("starts_on", clocks.today())}
    posts = []
    for user in (officer, chair):
        client, token = rendered_form(user, where)
        posts.append((client, where, {**pause, **token}))

    responses = post_at_once(*posts)

    assert Pause.objects.filter(case=case).count() == 1
    pages = [response.content.decode() for response in responses]
    assert sum("The review is paused." in page for page in pages) == 1
    assert (
        sum(
            "The case is already paused." in page or "The pause was recorded by" in page
            for page in pages
        )
        == 1
    )


@pytest.mark.django_db(transaction=True)
def test_two_recommendations_at_once_make_one_and_a_message():
    partnership, officer, chair = partnership_with_staff()
    case = notified_case(partnership, officer)
    where = reverse("cases:recommendation", kwargs={"reference": case.reference})
    data = {
        **date_fields("met_on", clocks.today()),
        "meets_criteria": "met",
        "suggested_membership": "Police, health",
        "draft_terms_of_reference": "What lessons are to be learned.",
    }
    posts = []
    for user in (officer, chair):
        client, token = rendered_form(user, where)
        posts.append((client, where, {**data, **token}))

    responses = post_at_once(*posts)

    assert Case.objects.get(pk=case.pk).stage == "decision"
    pages = [response.content.decode() for response in responses]
    assert sum("Recommendation recorded." in page for page in pages) == 1
    assert (
        sum(
            "is not possible while the case is at “Decision”" in page
            or "The recommendation was recorded by" in page
            for page in pages
        )
        == 1
    )


def post_while_token_is_taken(client, where, data, *, token, taken_by):
    """Post while another transaction holds the token, uncommitted (the first of a double
    click still writing): the post waits for it, then meets the unique constraint."""
    response = {}

    def send():
        try:
            response["page"] = client.post(where, {**data, "form_token": token}, follow=True)
        finally:
            connection.close()

    with transaction.atomic():
        FormSubmission.objects.create(
            token=token, user=taken_by, result_url="/", outcome="Notification recorded."
        )
        thread = threading.Thread(target=send)
        thread.start()
        time.sleep(1)  # the post is now waiting on the token's unique index
    thread.join(timeout=60)
    return response["page"]


@pytest.mark.django_db(transaction=True)
def test_a_double_click_racing_the_first_post_lands_where_the_first_did():
    partnership, officer, _ = partnership_with_staff()
    where = reverse("cases:record_notification", kwargs={"code": partnership.code})
    client, token = rendered_form(officer, where)

    page = post_while_token_is_taken(
        client, where, notification_post(), token=token["form_token"], taken_by=officer
    )

    assert Case.objects.count() == 0  # the first post (held by the test) made nothing here
    assert page.status_code == 200
    assert "You already sent this form" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_constraint_that_still_fires_is_a_message_on_the_page_not_a_500():
    partnership, officer, _ = partnership_with_staff()
    where = reverse("cases:record_notification", kwargs={"code": partnership.code})
    client, token = rendered_form(officer, where)

    page = post_while_token_is_taken(
        client, where, notification_post(), token=token["form_token"], taken_by=UserFactory()
    )

    assert Case.objects.count() == 0
    assert page.status_code == 200
    assert CONCURRENT_CHANGE in page.content.decode()
    assert '<h2 class="govuk-error-summary__title"' in page.content.decode()


@pytest.mark.django_db
def test_a_decision_posted_after_it_was_recorded_says_who_recorded_it_and_when(client):
    partnership, officer, chair = partnership_with_staff()
    deputy = second_chair(partnership)
    case = case_awaiting_decision(partnership, officer)
    where = reverse("cases:decision", kwargs={"reference": case.reference})
    client.force_login(deputy)
    token = TOKEN.search(client.get(where).content.decode()).group(1)
    services.record_decision(case=case, by=chair, decision="review", decided_on=clocks.today())

    response = client.post(
        where,
        {"decision": "review", **date_fields("decided_on", clocks.today()), "form_token": token},
        follow=True,
    )

    assert response.redirect_chain == [(case.get_absolute_url(), 302)]
    assert (
        f"The decision was recorded by Charles Chair on {clocks.today():%-d %B %Y}."
        in response.content.decode()
    )
    assert Decision.objects.filter(case=case).count() == 1
