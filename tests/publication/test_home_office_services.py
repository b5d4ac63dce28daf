"""The Home Office submission and its QA (DOMAIN.md 2.7): the send_to_home_office guard
(sign-off, family, publishable PDFs, a complete package), the package's hashes, the
submission counter, the QA outcome moving the review, the areas for final development and
the family told."""

import hashlib
from datetime import timedelta
from unittest import mock

import pytest

from cases.clocks import today
from cases.models import Message
from cases.services import CaseActionRefused, perform_transition
from cases.workflow import Stage
from publication.models import HomeOfficeSubmission, PackageFile, QaOutcome
from publication.services import home_office as services
from reports.models import RenderedPdf
from reports.services.leak_gate import stored_pdf
from tests.case_factories import PDF_BYTES
from tests.publication.home_office_factories import (
    answer,
    cleared_review,
    review_at_sign_off,
    send,
    sign,
    signed_off_review,
    submitted_review,
)

pytestmark = pytest.mark.django_db


def test_sending_keeps_each_file_with_its_hash_and_moves_to_qa():
    case, people = signed_off_review()

    submission = send(case, people)

    case.refresh_from_db()
    assert case.stage == Stage.HOME_OFFICE_QA
    assert submission.number == 1
    files = {f.document: f for f in submission.files.select_related("rendering")}
    assert set(files) == set(PackageFile.Document.values)
    report = files["overview_report"]
    assert report.sha256 == hashlib.sha256(stored_pdf(report.rendering)).hexdigest()
    assert report.version_number == 1
    assert files["data_collection_form"].sha256 == hashlib.sha256(PDF_BYTES).hexdigest()


def test_not_signed_off_refused():
    case, people = review_at_sign_off()
    with pytest.raises(CaseActionRefused, match="sign-off"):
        send(case, people)
    assert not HomeOfficeSubmission.objects.exists()


def test_a_pdf_not_through_the_leak_gate_refuses():
    case, people = signed_off_review()
    RenderedPdf.objects.filter(case=case, document="action_plan").update(publishable_at=None)
    with pytest.raises(CaseActionRefused, match="leak gate"):
        send(case, people)


def test_a_missing_public_pdf_refuses():
    case, people = signed_off_review()
    RenderedPdf.objects.filter(case=case, document="executive_summary").update(
        content_hash="changed"
    )
    with pytest.raises(CaseActionRefused, match="public PDF of the executive summary"):
        send(case, people)


def test_the_family_not_shown_refuses():
    case, people = signed_off_review()
    case.family_viewings.all().delete()
    with pytest.raises(CaseActionRefused, match="family"):
        send(case, people)


def test_the_transition_alone_is_refused_without_a_package():
    case, people = signed_off_review()
    with pytest.raises(CaseActionRefused, match="Send the package"):
        perform_transition(case=case, name="send_to_home_office", by=people["CSP officer"])


def test_only_the_partnership_sends():
    case, people = signed_off_review()
    with pytest.raises(CaseActionRefused, match="Only the CSP officer"):
        send(case, {"CSP officer": people["independent chair"]})


def test_the_acknowledgement_is_recorded_later_and_not_before_sending():
    case, people = submitted_review()
    submission = case.submissions.get()
    with pytest.raises(CaseActionRefused) as refused:
        services.record_acknowledgement(
            submission=submission,
            by=people["CSP officer"],
            acknowledged_on=today() - timedelta(days=1),
            acknowledgement="Ref 1",
        )
    assert refused.value.field == "acknowledged_on"
    services.record_acknowledgement(
        submission=submission,
        by=people["CSP chair"],
        acknowledged_on=today(),
        acknowledgement="Ref 1",
    )
    submission.refresh_from_db()
    assert submission.acknowledged_on == today()


def test_cleared_moves_to_publication():
    case, people = submitted_review()
    outcome = answer(case, people, QaOutcome.Outcome.CLEARED)
    case.refresh_from_db()
    assert case.stage == Stage.PUBLICATION
    assert outcome.letter_stored.kind == "pdf"


def test_cleared_subject_to_changes_numbers_the_areas_and_tracks_them_to_done():
    _, people = cleared_review(areas_open=2)
    first, second = QaOutcome.objects.get().areas.all()
    assert (first.number, second.number) == (1, 2)

    done = services.mark_area_done(
        area=first, by=people["CSP officer"], done_on=today(), evidence="Para 4.2, version 2."
    )

    assert (done.done_by, done.done_on) == (people["CSP officer"], today())
    with pytest.raises(CaseActionRefused) as refused:
        services.mark_area_done(area=second, by=people["CSP chair"], done_on=today(), evidence="")
    assert refused.value.field == "evidence"


def test_areas_are_only_for_cleared_subject_to_changes():
    case, people = submitted_review()
    with pytest.raises(CaseActionRefused) as refused:
        answer(case, people, QaOutcome.Outcome.CLEARED, areas=["One."])
    assert refused.value.field == "areas"
    with pytest.raises(CaseActionRefused) as refused:
        answer(case, people, QaOutcome.Outcome.CLEARED_SUBJECT_TO_CHANGES)
    assert refused.value.field == "areas"


def test_a_qa_panel_before_the_sending_is_refused():
    case, people = submitted_review()
    with pytest.raises(CaseActionRefused) as refused:
        services.record_qa_outcome(
            case=case,
            by=people["CSP officer"],
            qa_panel_on=today() - timedelta(days=3),
            letter_received_on=today(),
            outcome=QaOutcome.Outcome.CLEARED,
            letter=mock.sentinel.unused,
        )
    assert refused.value.field == "qa_panel_on"


def test_resubmission_returns_to_drafting_tells_the_csp_chair_and_counts():
    case, people = submitted_review()
    met = case.overview_report_completed_on

    answer(case, people, QaOutcome.Outcome.RESUBMIT, summary="Analysis of the GP's role.")

    case.refresh_from_db()
    assert case.stage == Stage.DRAFTING
    assert case.overview_report_completed_on == met
    assert Message.objects.filter(user=people["CSP chair"], case=case).exists()
    perform_transition(case=case, name="submit_for_sign_off", by=people["independent chair"])
    with pytest.raises(CaseActionRefused, match="sign-off"):
        send(case, people)
    sign(case, people)
    assert send(case, people).number == 2


def test_resubmission_needs_the_findings():
    case, people = submitted_review()
    with pytest.raises(CaseActionRefused) as refused:
        answer(case, people, QaOutcome.Outcome.RESUBMIT)
    assert refused.value.field == "summary"


@pytest.mark.parametrize("transition", ["clear_for_publication", "ask_to_resubmit"])
def test_the_qa_transitions_need_the_letter(transition):
    case, people = submitted_review()
    with pytest.raises(CaseActionRefused, match="QA panel's letter"):
        perform_transition(case=case, name=transition, by=people["CSP officer"], reason="x")


def test_the_outcome_must_match_the_transition():
    case, people = submitted_review()
    answer(case, people, QaOutcome.Outcome.CLEARED)
    guard = services.asks_resubmission
    assert "cleared" in guard(case).lower()


def test_the_family_told_once():
    case, people = submitted_review()
    outcome = answer(case, people, QaOutcome.Outcome.CLEARED)
    services.record_family_told(
        outcome=outcome, by=people["CSP officer"], told_on=today(), how="By phone."
    )
    with pytest.raises(CaseActionRefused, match="already"):
        services.record_family_told(
            outcome=outcome, by=people["CSP officer"], told_on=today(), how="Again."
        )
