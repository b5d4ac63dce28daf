"""Drafting through reports.services.drafting: saving sections, making versions (numbered,
refused when nothing changed, only at the drafting stage, only by the chair), comparing two,
and the panel's comment threads."""

from unittest import mock

import pytest

from cases import selectors
from cases.clocks import today
from cases.models import Case, CaseEvent
from cases.selectors import audit_trail
from cases.services import CaseActionRefused
from cases.workflow import Stage
from reports.models import DraftSection, ReportComment, ReportVersion
from reports.services import drafting
from tests.reports.drafting_factories import OVERVIEW, SUMMARY, everyone, versioned
from tests.reports.report_factories import review_at_drafting

pytestmark = pytest.mark.django_db


def test_saving_keeps_each_changed_section_and_skips_the_unchanged():
    case, _, chair = review_at_drafting()
    drafting.save_sections(
        case=case, by=chair, document=OVERVIEW, texts={"introduction": "Jane's review.\n"}
    )
    changed = drafting.save_sections(
        case=case,
        by=chair,
        document=OVERVIEW,
        texts={"introduction": "Jane's review.", "analysis": "Analysis."},
    )
    assert [draft.key for draft in changed] == ["analysis"]
    assert drafting.draft_texts(case, OVERVIEW)["introduction"] == "Jane's review."
    assert DraftSection.objects.get(key="introduction").history.count() == 1


def test_a_section_of_another_document_is_refused():
    case, _, chair = review_at_drafting()
    with pytest.raises(CaseActionRefused, match="not sections of the executive summary"):
        drafting.save_sections(
            case=case, by=chair, document=SUMMARY, texts={"introduction": "Text"}
        )


def test_versions_are_numbered_and_keep_every_section_and_the_note():
    case, _, chair = review_at_drafting()
    first = versioned(case, chair, "First.")
    drafting.save_sections(case=case, by=chair, document=OVERVIEW, texts={"introduction": "Two"})
    second = drafting.make_version(case=case, by=chair, document=OVERVIEW, note="Rewritten")
    assert (first.number, second.number) == (1, 2)
    assert second.sections["introduction"] == "Two"
    assert list(second.sections) == [section.key for section in drafting.sections_of(OVERVIEW)]
    assert second.note == "Rewritten"
    assert CaseEvent.objects.filter(case=case, name="report.version_made").count() == 2
    # Each document is numbered on its own.
    assert versioned(case, chair, "Summary.", SUMMARY).number == 1


def test_a_version_is_refused_when_nothing_changed_since_the_latest():
    case, _, chair = review_at_drafting()
    versioned(case, chair, "First.")
    with pytest.raises(CaseActionRefused, match="Nothing has changed since version 1"):
        drafting.make_version(case=case, by=chair, document=OVERVIEW)


def test_a_refused_version_leaves_the_draft_as_it_was():
    case, _, chair = review_at_drafting()
    versioned(case, chair, "First.")
    with pytest.raises(CaseActionRefused):
        # A trailing space is no change: the text is kept stripped.
        versioned(case, chair, "First. ")
    assert ReportVersion.objects.count() == 1


def test_a_version_of_nothing_written_is_refused():
    case, _, chair = review_at_drafting()
    with pytest.raises(CaseActionRefused, match="Write a section"):
        drafting.make_version(case=case, by=chair, document=OVERVIEW)


def test_the_same_version_asked_for_twice_is_made_once():
    # Two clicks of "Save and make a version": the second waits for the first's lock and
    # finds nothing changed, so there is one version 1, never two.
    case, _, chair = review_at_drafting()
    versioned(case, chair, "First.")
    with pytest.raises(CaseActionRefused):
        versioned(case, chair, "First.")
    assert list(ReportVersion.objects.values_list("number", flat=True)) == [1]


def test_nothing_is_drafted_outside_the_drafting_stage():
    case, _, chair = review_at_drafting()
    Case.objects.filter(pk=case.pk).update(stage=Stage.CSP_SIGN_OFF)
    with pytest.raises(CaseActionRefused, match="only while the review is at the drafting"):
        drafting.save_sections(case=case, by=chair, document=OVERVIEW, texts={"analysis": "x"})
    with pytest.raises(CaseActionRefused, match="drafting stage"):
        drafting.make_version(case=case, by=chair, document=OVERVIEW)


@pytest.mark.parametrize("role", ["CSP officer", "panel member", "senior manager", "stranger"])
def test_only_the_independent_chair_drafts(role):
    case, officer, chair = review_at_drafting()
    someone = everyone(case, officer, chair)[role]
    with pytest.raises(CaseActionRefused, match="may not write"):
        drafting.save_sections(case=case, by=someone, document=OVERVIEW, texts={"analysis": "x"})


def test_two_versions_compare_section_by_section():
    case, _, chair = review_at_drafting()
    older = versioned(case, chair, "Kept line\nOld line")
    newer = versioned(case, chair, "Kept line\nNew line")
    diffs = {diff.title: diff for diff in drafting.compare(older, newer)}
    lines = [(line.change, line.text) for line in diffs["Introduction"].lines]
    assert lines == [("same", "Kept line"), ("removed", "Old line"), ("added", "New line")]
    assert not diffs["Analysis"].changed


def test_the_panel_comments_the_chair_resolves_and_a_thread_is_closed_to_replies():
    case, officer, chair = review_at_drafting()
    panel_member = everyone(case, officer, chair)["panel member"]
    version = versioned(case, chair, "Text")
    comment = drafting.comment_on(
        version=version, by=panel_member, section="introduction", text="Say more."
    )
    reply = drafting.comment_on(
        version=version, by=chair, section="", text="Done.", reply_to=comment
    )
    assert (reply.reply_to, reply.section) == (comment, "introduction")
    drafting.resolve_thread(comment=reply, by=chair)
    comment.refresh_from_db()
    assert comment.is_resolved and comment.resolved_by == chair
    with pytest.raises(CaseActionRefused, match="resolved"):
        drafting.comment_on(
            version=version, by=panel_member, section="", text="More", reply_to=comment
        )
    threads = drafting.threads_of(version)
    assert [thread.comment for thread in threads["introduction"]] == [comment]
    assert threads["introduction"][0].replies == [reply]


def test_comments_are_on_the_newest_version_and_a_known_section():
    case, officer, chair = review_at_drafting()
    panel_member = everyone(case, officer, chair)["panel member"]
    first = versioned(case, chair, "One")
    versioned(case, chair, "Two")
    with pytest.raises(CaseActionRefused, match="newest version"):
        drafting.comment_on(version=first, by=panel_member, section="introduction", text="x")
    with pytest.raises(CaseActionRefused, match="Choose the section"):
        drafting.comment_on(
            version=drafting.latest_version(case, OVERVIEW),
            by=panel_member,
            section="review_process",
            text="x",
        )


@pytest.mark.parametrize("role", ["CSP officer", "CSP chair", "stranger"])
def test_those_without_the_comment_permission_do_not_comment(role):
    case, officer, chair = review_at_drafting()
    someone = everyone(case, officer, chair)[role]
    version = versioned(case, chair, "Text")
    with pytest.raises(CaseActionRefused, match="may not comment"):
        drafting.comment_on(version=version, by=someone, section="introduction", text="x")


def test_only_the_chair_resolves():
    case, officer, chair = review_at_drafting()
    panel_member = everyone(case, officer, chair)["panel member"]
    comment = drafting.comment_on(
        version=versioned(case, chair, "Text"), by=panel_member, section="introduction", text="x"
    )
    with pytest.raises(CaseActionRefused, match="Only the independent chair"):
        drafting.resolve_thread(comment=comment, by=panel_member)
    assert not ReportComment.objects.get().is_resolved


def test_the_audit_trail_shows_a_draft_change_a_version_and_a_comment():
    case, officer, chair = review_at_drafting()
    panel_member = everyone(case, officer, chair)["panel member"]
    drafting.save_sections(case=case, by=chair, document=OVERVIEW, texts={"analysis": "One"})
    drafting.save_sections(case=case, by=chair, document=OVERVIEW, texts={"analysis": "Two"})
    version = drafting.make_version(case=case, by=chair, document=OVERVIEW)
    drafting.comment_on(version=version, by=panel_member, section="analysis", text="Why?")
    entries = audit_trail(case)
    labels = [(entry.what, entry.action) for entry in entries]
    assert ("Overview report draft: Analysis", "Changed") in labels
    assert ("Overview report version 1", "Created") in labels
    assert ("Comment on the report", "Created") in labels
    change = next(e for e in entries if e.action == "Changed" and "draft" in e.what)
    assert change.who == chair


def test_the_task_rows_follow_the_drafts():
    from reports.registrations.drafting import drafting_task_rows

    case, _, chair = review_at_drafting()

    def statuses():
        read = selectors.case_file(case, on=today()).case
        return [row.status for row in drafting_task_rows(read)][:2]

    assert statuses() == ["not started", "not started"]
    drafting.save_sections(case=case, by=chair, document=OVERVIEW, texts={"analysis": "x"})
    assert statuses() == ["in progress", "not started"]
    drafting.make_version(case=case, by=chair, document=OVERVIEW)
    assert statuses() == ["done", "not started"]
    read = selectors.case_file(case, on=today()).case
    with mock.patch.object(read, "stage", Stage.IMRS):
        assert {row.status for row in drafting_task_rows(read)} == {"cannot start yet"}
