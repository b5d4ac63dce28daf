"""The IMR's sections, sign-off and review through imr.services.sections: every state change
and every refusal, on PostgreSQL."""

import pytest

from cases import reminders, selectors, workflow
from cases.models import CaseEvent, Message, Reminder
from cases.services import CaseActionRefused
from imr.models import Imr, ImrComment, ImrStep
from imr.registrations.sections import imr_tasks
from imr.services import sections as services
from tests.case_factories import days_ago
from tests.imr.imr_factories import on_its_page
from tests.imr.section_factories import (
    TEXTS,
    awaiting_sign_off,
    fresh,
    recommendation,
    review_with_imrs,
    revised,
    submitted,
    written,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    return review_with_imrs()


def test_a_draft_keeps_what_is_written_and_says_what_is_missing(review):
    services.save_sections(
        imr=review.imr, by=review.author, texts={"practice_analysis": "  Half a thought.  "}
    )
    assert services.draft_of(review.imr).practice_analysis == "Half a thought."
    missing = [item.field for item in services.what_is_missing(review.imr)]
    assert missing == [
        "what_should_have_happened",
        "good_practice",
        "equality_and_diversity",
        "lessons_learned",
        "no_recommendations_reason",
    ]
    with pytest.raises(CaseActionRefused, match="Write the section “Good practice”"):
        services.send_for_sign_off(imr=review.imr, by=review.author)
    assert fresh(review.imr).status == Imr.Status.DRAFTING


def test_saying_why_there_is_no_recommendation_completes_the_draft(review):
    services.save_sections(
        imr=review.imr,
        by=review.author,
        texts=TEXTS,
        no_recommendations_reason="Practice followed policy throughout.",
    )
    assert services.what_is_missing(review.imr) == []
    services.send_for_sign_off(imr=review.imr, by=review.author)
    version = services.sign_off(imr=review.imr, by=review.senior_manager)
    assert version.sections["recommendations"] == (
        "No recommendation: Practice followed policy throughout."
    )


def test_a_recommendation_needs_a_future_target_date(review):
    with pytest.raises(CaseActionRefused, match="must be in the future") as refusal:
        services.add_recommendation(
            imr=review.imr, by=review.author, **recommendation(target_on=days_ago(0))
        )
    assert refusal.value.field == "target_on"
    with pytest.raises(CaseActionRefused, match="Say how the agency will know") as refusal:
        services.add_recommendation(imr=review.imr, by=review.author, **recommendation(measure=""))
    assert refusal.value.field == "measure"


def test_a_recommendation_is_changed_and_removed_while_the_draft_is_open(review):
    added = services.add_recommendation(imr=review.imr, by=review.author, **recommendation())
    services.change_recommendation(
        recommendation=added, by=review.author, **recommendation(owner="Chief inspector")
    )
    assert review.imr.recommendations.get().owner == "Chief inspector"
    services.remove_recommendation(recommendation=added, by=review.author)
    assert not review.imr.recommendations.exists()


@pytest.mark.parametrize(
    "who", ["Another agency's IMR author", "Panel member", "Independent chair", "CSP officer"]
)
def test_only_the_agency_writes_its_imr(review, who):
    with pytest.raises(CaseActionRefused, match="You may not write this IMR"):
        services.save_sections(imr=review.imr, by=review.people[who], texts=TEXTS)


def test_the_author_sends_it_for_sign_off_and_the_senior_manager_is_told(review):
    written(review)
    with pytest.raises(CaseActionRefused, match="Only the IMR's author sends it"):
        services.send_for_sign_off(imr=review.imr, by=review.senior_manager)
    services.send_for_sign_off(imr=review.imr, by=review.author)
    imr = fresh(review.imr)
    assert imr.status == Imr.Status.AWAITING_SIGN_OFF
    assert imr.steps.get().kind == ImrStep.Kind.SENT_FOR_SIGN_OFF
    assert Message.objects.filter(user=review.senior_manager, text__contains="sign-off").exists()
    assert CaseEvent.objects.filter(case=review.case, name="imr.sent_for_sign_off").exists()
    with pytest.raises(CaseActionRefused, match="cannot be changed while it is waiting"):
        services.save_sections(imr=imr, by=review.author, texts=TEXTS)
    with pytest.raises(CaseActionRefused, match="cannot be changed"):
        services.send_for_sign_off(imr=imr, by=review.author)


def test_signing_off_fixes_a_version_and_submits_it_to_the_panel(review):
    imr = awaiting_sign_off(review)
    for who in ("IMR author", "Another agency's senior manager", "Independent chair"):
        with pytest.raises(CaseActionRefused, match="You may not sign off this IMR"):
            services.sign_off(imr=imr, by=review.people[who])
    version = services.sign_off(imr=imr, by=review.senior_manager, comments="Checked.")
    imr = fresh(imr)
    assert imr.status == Imr.Status.SUBMITTED
    assert (version.number, version.signed_off_by) == (1, review.senior_manager)
    assert version.sections["practice_analysis"] == TEXTS["practice_analysis"]
    assert "Head of public protection" in version.sections["recommendations"]
    assert version.is_intact
    version.sections["good_practice"] = "Changed afterwards."
    assert not version.is_intact
    step = imr.steps.get(kind=ImrStep.Kind.SIGNED_OFF)
    assert (step.comments, step.version) == ("Checked.", version)
    with pytest.raises(CaseActionRefused, match="not waiting for sign-off") as refusal:
        services.sign_off(imr=imr, by=review.senior_manager)
    assert refusal.value.field == "decision"


def test_the_senior_manager_returns_it_with_comments_and_the_author_revises(review):
    imr = awaiting_sign_off(review)
    with pytest.raises(CaseActionRefused, match="Say what the author should change") as refusal:
        services.return_to_author(imr=imr, by=review.senior_manager, comments=" ")
    assert refusal.value.field == "comments"
    services.return_to_author(imr=imr, by=review.senior_manager, comments="Say more.")
    imr = fresh(imr)
    assert imr.status == Imr.Status.RETURNED
    assert Message.objects.filter(user=review.author, text__contains="returned").exists()
    services.save_sections(imr=imr, by=review.author, texts=TEXTS | {"good_practice": "More."})
    services.send_for_sign_off(imr=imr, by=review.author)
    assert fresh(imr).status == Imr.Status.AWAITING_SIGN_OFF
    assert not imr.versions.exists()


def test_the_panel_comments_in_threads_and_the_author_resolves(review):
    imr = submitted(review)
    thread = services.comment_on(
        imr=imr, by=review.panel_member, section="practice_analysis", text="Why no referral?"
    )
    reply = services.comment_on(
        imr=imr, by=review.author, section="", text="None was made.", reply_to=thread
    )
    again = services.comment_on(
        imr=imr, by=review.chair, section="", text="Please add it.", reply_to=reply
    )
    # A reply to a reply joins the thread.
    assert reply.reply_to == thread and again.reply_to == thread
    assert again.section == "practice_analysis"
    with pytest.raises(CaseActionRefused, match="Comments are made while the IMR is submitted"):
        services.comment_on(imr=imr, by=review.author, section="good_practice", text="Hm.")
    with pytest.raises(CaseActionRefused, match="Choose the section") as refusal:
        services.comment_on(imr=imr, by=review.panel_member, section="nowhere", text="Hm.")
    assert refusal.value.field == "section"
    with pytest.raises(CaseActionRefused, match="Enter your comment"):
        services.comment_on(imr=imr, by=review.panel_member, section="good_practice", text=" ")
    with pytest.raises(CaseActionRefused, match="author or the independent chair resolves"):
        services.resolve_thread(comment=thread, by=review.panel_member)
    services.resolve_thread(comment=reply, by=review.author)
    thread.refresh_from_db()
    assert thread.resolved_by == review.author
    with pytest.raises(CaseActionRefused, match="resolved already"):
        services.resolve_thread(comment=thread, by=review.chair)
    with pytest.raises(CaseActionRefused, match="That thread is resolved"):
        services.comment_on(imr=imr, by=review.chair, section="", text="x", reply_to=thread)


@pytest.mark.parametrize("who", ["Another agency's IMR author", "Home Office reviewer"])
def test_those_who_do_not_read_the_imr_cannot_comment(review, who):
    imr = submitted(review)
    with pytest.raises(CaseActionRefused, match="You may not comment on this IMR"):
        services.comment_on(imr=imr, by=review.people[who], section="good_practice", text="x")


def test_nobody_comments_on_a_draft_the_panel_cannot_see(review):
    imr = awaiting_sign_off(review)
    with pytest.raises(CaseActionRefused, match="You may not comment on this IMR"):
        services.comment_on(imr=imr, by=review.panel_member, section="good_practice", text="x")


def test_the_chair_accepts_once_the_comments_are_resolved(review):
    imr = submitted(review)
    thread = services.comment_on(
        imr=imr, by=review.panel_member, section="good_practice", text="Is this all?"
    )
    with pytest.raises(CaseActionRefused, match="Only the independent chair accepts"):
        services.accept_imr(imr=imr, by=review.panel_member)
    with pytest.raises(CaseActionRefused, match="1 comment thread is still open") as refusal:
        services.accept_imr(imr=imr, by=review.chair)
    assert refusal.value.field == "decision"
    services.resolve_thread(comment=thread, by=review.chair)
    services.accept_imr(imr=imr, by=review.chair)
    imr = fresh(imr)
    assert imr.status == Imr.Status.ACCEPTED
    assert imr.steps.filter(kind=ImrStep.Kind.ACCEPTED, version__number=1).exists()
    assert CaseEvent.objects.filter(case=review.case, name="imr.accepted").exists()
    with pytest.raises(CaseActionRefused, match="not before the panel for a decision"):
        services.accept_imr(imr=imr, by=review.chair)
    with pytest.raises(CaseActionRefused, match="Comments are made while"):
        services.comment_on(imr=imr, by=review.panel_member, section="good_practice", text="x")


def test_a_revision_makes_a_new_version_and_keeps_the_old(review):
    imr = submitted(review)
    with pytest.raises(CaseActionRefused, match="Say what the agency should revise") as refusal:
        services.request_revision(imr=imr, by=review.chair, reasons="")
    assert refusal.value.field == "reasons"
    with pytest.raises(CaseActionRefused, match="Only the independent chair asks"):
        services.request_revision(imr=imr, by=review.senior_manager, reasons="x")
    imr = revised(review)
    assert imr.status == Imr.Status.SUBMITTED
    first, second = imr.versions.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert "second finding" not in first.sections["good_practice"]
    assert {review.author, review.senior_manager} <= {
        m.user for m in Message.objects.filter(text__contains="asks for a revision")
    }
    diffs = {diff.title: diff for diff in services.compare(first, second)}
    assert diffs["Good practice"].changed
    assert ("added", "And a second finding.") in [
        (line.change, line.text) for line in diffs["Good practice"].lines
    ]
    assert not diffs["Analysis of practice"].changed


def test_start_drafting_waits_for_every_imr_to_be_accepted(review):
    transition = workflow.TRANSITIONS_BY_NAME["start_drafting"]
    assert services.not_accepted in workflow.guards_of(transition)
    assert services.not_accepted(review.case) == (
        "Every commissioned IMR must be accepted first. Not yet accepted: Riverside Police; "
        "Riverside Trust."
    )
    imr = submitted(review)
    services.accept_imr(imr=imr, by=review.chair)
    assert services.not_accepted(review.case).endswith("Not yet accepted: Riverside Trust.")


def test_the_chair_is_reminded_of_a_submitted_imr_until_deciding(review):
    imr = submitted(review)
    rows = services.submitted_for_review(days_ago(0))
    assert rows == [(review.case.pk, days_ago(0), "the panel's review of Riverside Police's IMR")]
    reminders.scan(on=days_ago(0))
    reminder = Reminder.objects.get(case=review.case, rule="imr_submitted")
    assert reminder.subject == "the panel's review of Riverside Police's IMR"
    services.accept_imr(imr=imr, by=review.chair)
    assert services.submitted_for_review(days_ago(-7)) == []


def test_the_task_list_shows_what_waits_on_each_imr_and_on_whom(review):
    assert [row.name for row in imr_tasks(on_its_page(review.case))] == [
        "Riverside Police's IMR: write it and send it for sign-off",
        "Riverside Trust's IMR: write it and send it for sign-off",
    ]
    awaiting_sign_off(review)
    row = imr_tasks(on_its_page(review.case))[0]
    assert (row.name, row.permission) == (
        "Riverside Police's IMR: quality-assure and sign it off",
        "sign_off_imr",
    )
    services.sign_off(imr=review.imr, by=review.senior_manager)
    assert imr_tasks(on_its_page(review.case))[0].name.endswith("accept it or ask for a revision")
    services.accept_imr(imr=review.imr, by=review.chair)
    assert imr_tasks(on_its_page(review.case))[0].status == "done"


def test_every_change_keeps_its_history(review):
    imr = submitted(review)
    thread = services.comment_on(
        imr=imr, by=review.panel_member, section="good_practice", text="Is this all?"
    )
    services.resolve_thread(comment=thread, by=review.author)
    assert ImrComment.history.filter(id=thread.pk).first().history_user == review.author
    assert services.draft_of(imr).history.first().history_user == review.author
    assert imr.versions.get().history.first().history_user == review.senior_manager


def test_the_case_audit_trail_shows_the_sections_versions_steps_and_comments(review):
    imr = submitted(review)
    services.comment_on(imr=imr, by=review.panel_member, section="good_practice", text="Hm?")
    what = {entry.what for entry in selectors.audit_trail(review.case)}
    assert {
        "IMR sections",
        "IMR recommendation",
        "IMR version 1",
        "IMR: quality-assured and signed off",
        "Comment on an IMR",
    } <= what
