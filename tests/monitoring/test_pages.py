"""Monitoring's pages over HTTP: every role of the review, the police's senior manager and
author, another agency's senior manager, the Home Office reviewer and an outsider (404 for
each refused; sign-in for the anonymous); the forms' refusals next to their fields; one
effect per form; logged evidence downloads; query ceilings of the lists."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.clocks import today
from cases.models import AccessLogEntry
from cases.workflow import Stage
from monitoring.models import ActionUpdate, Dissemination, Status
from monitoring.services import actions, records
from tests.case_factories import PDF_BYTES
from tests.monitoring.factories import (
    ROLES,
    date_fields,
    evidence_pdf,
    past_target,
    review_in_monitoring,
)
from tests.test_double_submits import TOKEN
from tests.test_query_counts import LIST_PAGE

pytestmark = pytest.mark.django_db

READ_THE_CASE_FILE = {"CSP officer", "CSP chair", "independent chair", "panel member"}
CSP = {"CSP officer", "CSP chair"}

WHO_OPENS = {
    "monitoring:overview": READ_THE_CASE_FILE,
    # The police's own senior manager only: not its author, nor another agency's.
    "monitoring:agency_actions": {"senior manager"},
    "monitoring:action": READ_THE_CASE_FILE | {"senior manager"},
    "monitoring:evidence": READ_THE_CASE_FILE | {"senior manager"},
    # The CSP (its officer, or its chair in the officer's place) may post for the agency.
    "monitoring:post_update": CSP | {"senior manager"},
    "monitoring:audit": CSP,
    "monitoring:agree_closure": {"CSP chair"},
    "monitoring:challenges": READ_THE_CASE_FILE,
    "monitoring:record_meeting": CSP,
    "monitoring:add_challenge": CSP,
    "monitoring:record_response": CSP,
    "monitoring:home_office_requests": READ_THE_CASE_FILE,
    "monitoring:record_home_office_request": CSP,
    "monitoring:record_home_office_answer": CSP,
    "monitoring:dissemination": READ_THE_CASE_FILE,
    "monitoring:record_dissemination": CSP,
    "monitoring:conclude": {"CSP chair"},
}


def url_for(name, review) -> str:
    """The page's URL on the review, with a row of each kind it names."""
    case, action = review.case, review.actions[0]
    kwargs = {"reference": case.reference}
    if name in ("monitoring:action", "monitoring:post_update", "monitoring:audit"):
        kwargs["action_id"] = action.pk
    if name == "monitoring:agree_closure":
        kwargs["action_id"] = review.actions[2].pk
    if name == "monitoring:agency_actions":
        kwargs["agency_id"] = review.police.pk
    if name == "monitoring:evidence":
        update = actions.post_update(
            action=action,
            by=review.officer,
            progress="Briefed.",
            status="in_progress",
            rag="green",
            evidence=evidence_pdf(),
        )
        kwargs.update(action_id=action.pk, update_id=update.pk)
    if name == "monitoring:add_challenge":
        kwargs["meeting_id"] = records.record_challenge_meeting(
            case=case, by=review.officer, held_on=today(), attendees="The panel."
        ).pk
    if name == "monitoring:record_response":
        meeting = records.record_challenge_meeting(
            case=case, by=review.officer, held_on=today(), attendees="The panel."
        )
        challenge = records.add_challenge(meeting=meeting, by=review.officer, challenge="Why?")
        kwargs.update(meeting_id=meeting.pk, challenge_id=challenge.pk)
    if name == "monitoring:record_home_office_answer":
        kwargs["request_id"] = records.record_home_office_request(
            case=case, by=review.officer, received_on=today(), asked="Progress?"
        ).pk
    return reverse(name, kwargs=kwargs)


def test_every_url_is_in_the_matrix():
    from monitoring.urls import urlpatterns

    assert {f"monitoring:{p.name}" for p in urlpatterns} == set(WHO_OPENS)


@pytest.mark.parametrize("name", sorted(WHO_OPENS))
def test_permission_matrix(client, name):
    review = review_in_monitoring()
    url = url_for(name, review)

    answers = {}
    for role in ROLES:
        client.force_login(review.people[role])
        answers[role] = client.get(url).status_code
    client.logout()
    anonymous = client.get(url)

    assert answers == {role: 200 if role in WHO_OPENS[name] else 404 for role in ROLES}
    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse(settings.LOGIN_URL))


def _post(client, url, data):
    token = TOKEN.search(client.get(url).content.decode()).group(1)
    return client.post(url, {**data, "form_token": token})


def update_post(**overrides):
    return {
        "progress": "Every officer briefed.",
        "status": "in_progress",
        "rag": "green",
        **overrides,
    }


def test_the_senior_manager_finds_their_actions_from_the_case_page_and_posts_evidence(client):
    review = review_in_monitoring()
    client.force_login(review.people["senior manager"])
    case_page = client.get(review.case.get_absolute_url()).content.decode()
    mine = reverse("monitoring:agency_actions", args=[review.case.reference, review.police.pk])
    assert mine in case_page
    listed = client.get(mine).content.decode()
    assert "Audit MARAC referrals." in listed and "Train housing officers." not in listed

    url = url_for("monitoring:post_update", review)
    response = _post(client, url, update_post(evidence=evidence_pdf()))
    assert response.status_code == 302
    update = ActionUpdate.objects.get()
    assert update.evidence_name == "briefing-register.pdf" and not update.on_behalf_of_agency

    download = reverse(
        "monitoring:evidence", args=[review.case.reference, review.actions[0].pk, update.pk]
    )
    assert download in client.get(response.url).content.decode()
    got = client.get(download)
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF_BYTES
    assert AccessLogEntry.objects.filter(
        what=AccessLogEntry.What.DOCUMENT, detail__contains="briefing-register.pdf"
    ).exists()


def test_complete_without_a_date_is_refused_next_to_its_field_and_keeps_nothing(client):
    review = review_in_monitoring()
    client.force_login(review.people["senior manager"])
    url = url_for("monitoring:post_update", review)
    response = _post(client, url, update_post(status="complete", evidence=evidence_pdf()))
    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert "Enter the date completed." in content
    assert "Every officer briefed." in content  # what was typed is kept
    assert not ActionUpdate.objects.exists()


def test_an_impossible_date_completed_is_refused(client):
    review = review_in_monitoring()
    client.force_login(review.people["senior manager"])
    url = url_for("monitoring:post_update", review)
    response = _post(
        client,
        url,
        update_post(
            status="complete",
            completed_on_day="31",
            completed_on_month="2",
            completed_on_year="2026",
        ),
    )
    assert "Date completed must be a real date." in response.content.decode()
    assert not ActionUpdate.objects.exists()


def test_evidence_of_the_wrong_kind_is_refused_next_to_its_field(client):
    review = review_in_monitoring()
    client.force_login(review.people["senior manager"])
    url = url_for("monitoring:post_update", review)
    fake = SimpleUploadedFile("evidence.pdf", b"not a pdf at all")
    content = _post(client, url, update_post(evidence=fake)).content.decode()
    assert 'href="#id_evidence"' in content
    assert not ActionUpdate.objects.exists()


def test_an_update_posted_twice_is_kept_once(client):
    review = review_in_monitoring()
    client.force_login(review.people["senior manager"])
    url = url_for("monitoring:post_update", review)
    token = TOKEN.search(client.get(url).content.decode()).group(1)
    first = client.post(url, {**update_post(), "form_token": token})
    second = client.post(url, {**update_post(), "form_token": token}, follow=True)
    assert first.status_code == 302
    assert ActionUpdate.objects.count() == 1
    assert "You already sent this form" in second.content.decode()


def test_not_verified_without_a_note_is_refused_next_to_the_note(client):
    review = review_in_monitoring()
    actions.post_update(
        action=review.actions[0],
        by=review.officer,
        progress="Done.",
        status=Status.COMPLETE,
        rag="green",
        completed_on=today(),
    )
    client.force_login(review.officer)
    url = url_for("monitoring:audit", review)
    content = _post(
        client, url, {"result": "not_verified", **date_fields("verified_on", today())}
    ).content.decode()
    assert "Enter why the evidence was not verified." in content
    assert 'href="#id_note"' in content


def test_the_overview_shows_the_target_dates_overdue_and_the_summary(client):
    review = review_in_monitoring()
    past_target(review.actions[1])
    client.force_login(review.people["panel member"])
    content = client.get(url_for("monitoring:overview", review)).content.decode()
    assert "1 overdue" in content
    assert "Not started: 3" in content
    assert f"{review.actions[0].target_on:%-d %b %Y}" in content


def test_the_chair_concludes_from_the_conclusion_page_once_nothing_holds_it_up(client):
    review = review_in_monitoring()
    client.force_login(review.csp_chair)
    url = url_for("monitoring:conclude", review)
    refused = _post(client, url, {}).content.decode()
    assert "Action 1.1 (Riverside Police) is not started" in refused
    for action in review.actions:
        actions.post_update(
            action=action,
            by=review.officer,
            progress="Done.",
            status=Status.COMPLETE,
            rag="green",
            completed_on=today(),
        )
        actions.audit_action(
            action=action, by=review.officer, verified_on=today(), result="verified"
        )
    assert _post(client, url, {}).status_code == 302
    review.case.refresh_from_db()
    assert review.case.stage == Stage.CONCLUDED


def test_a_dissemination_to_another_audience_names_it(client):
    review = review_in_monitoring()
    client.force_login(review.officer)
    url = url_for("monitoring:record_dissemination", review)
    data = {
        **date_fields("shared_on", today()),
        "learning": "both",
        "what": "The IDVA's persistence; the missed referral.",
        "audience": "other",
        "how": "Briefing note.",
        "decided_by": "Councillor Chair",
    }
    assert "Enter who the learning was shared with." in _post(client, url, data).content.decode()
    assert _post(client, url, {**data, "audience_detail": "The GP forum"}).status_code == 302
    assert Dissemination.objects.get().audience_detail == "The GP forum"


def _many_actions(review, rows):
    from reports.models import Action

    rec = review.actions[0].recommendation
    Action.objects.bulk_create(
        Action(
            recommendation=rec,
            lead_agency=review.police,
            owner="Owner",
            action=f"Action {i}",
            target_on=today(),
            intended_outcome="Outcome",
            monitored_by="Monitor",
        )
        for i in range(rows - 1)
    )
    for action in Action.objects.filter(recommendation=rec)[:rows]:
        ActionUpdate.objects.create(
            action=action,
            case=review.case,
            progress="p",
            status="in_progress",
            rag="amber",
            posted_by=review.officer,
        )


@pytest.mark.parametrize("rows", [1, 50])
def test_the_action_lists_cost_the_same_at_1_and_50_actions(
    client, verified, django_assert_max_num_queries, rows
):
    review = review_in_monitoring()
    _many_actions(review, rows)
    pages = [
        (review.csp_chair, ["monitoring:overview"]),
        (review.officer, ["monitoring:action"]),
        (review.people["senior manager"], ["monitoring:agency_actions", "monitoring:action"]),
    ]
    for user, names in pages:
        verified(user)
        for name in names:
            client.get(url_for(name, review))  # the permission ids are read once per process
            with django_assert_max_num_queries(LIST_PAGE):
                assert client.get(url_for(name, review)).status_code == 200


@pytest.mark.parametrize("rows", [1, 50])
def test_the_records_cost_the_same_at_1_and_50_rows(
    client, verified, django_assert_max_num_queries, rows
):
    review = review_in_monitoring()
    case, officer = review.case, review.officer
    for i in range(rows):
        meeting = records.record_challenge_meeting(
            case=case, by=officer, held_on=today(), attendees=f"Panel {i}"
        )
        records.add_challenge(
            meeting=meeting, by=officer, action=review.actions[0], challenge="Why?"
        )
        records.record_home_office_request(case=case, by=officer, received_on=today(), asked="?")
        records.record_dissemination(
            case=case,
            by=officer,
            shared_on=today(),
            learning="good_practice",
            what="w",
            audience="marac",
            how="h",
            decided_by="d",
        )
    verified(review.csp_chair)
    client.get(url_for("monitoring:challenges", review))
    with django_assert_max_num_queries(LIST_PAGE):
        assert client.get(url_for("monitoring:challenges", review)).status_code == 200
    for name in (
        "monitoring:home_office_requests",
        "monitoring:dissemination",
    ):
        with django_assert_max_num_queries(LIST_PAGE):
            assert client.get(url_for(name, review)).status_code == 200


def test_the_task_list_leads_to_monitoring_and_the_chairs_conclusion(client):
    review = review_in_monitoring()
    client.force_login(review.csp_chair)
    content = client.get(review.case.get_absolute_url()).content.decode()
    for name in ("overview", "challenges", "home_office_requests", "dissemination", "conclude"):
        assert reverse(f"monitoring:{name}", args=[review.case.reference]) in content
    client.force_login(review.people["panel member"])
    content = client.get(review.case.get_absolute_url()).content.decode()
    assert reverse("monitoring:overview", args=[review.case.reference]) in content
    assert reverse("monitoring:conclude", args=[review.case.reference]) not in content


def test_a_response_given_after_the_meeting_is_recorded_once(client):
    review = review_in_monitoring()
    url = url_for("monitoring:record_response", review)
    client.force_login(review.officer)
    challenges = client.get(reverse("monitoring:challenges", args=[review.case.reference]))
    assert url in challenges.content.decode()
    assert "Enter the response." in _post(client, url, {"response": ""}).content.decode()
    assert _post(client, url, {"response": "New date agreed."}).status_code == 302
    assert client.get(url).status_code == 404  # answered: the form is gone
