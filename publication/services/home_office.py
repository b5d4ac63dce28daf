"""The Home Office submission and its quality assurance (DOMAIN.md 2.7; DESIGN §3 item 7):
the CSP officer or chair sends the signed-off package and records the QA panel's answer from
its letter (seed 000 l.255, l.283-287; seed 001 §4.31; QA-Devon). The guards of
send_to_home_office, clear_for_publication and ask_to_resubmit live here."""

import hashlib
import logging
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from cases.clocks import today
from cases.models import Case, StoredDocument, User
from cases.services import CaseActionRefused, lock_case_for, perform_transition, record_event
from cases.workflow import Stage
from dhr import uploads
from reports.models import PdfDocument, RenderedPdf
from reports.selectors.pdfs import NothingToPrint, input_hash, printed_document
from reports.services.before_sign_off import family_not_shown
from reports.services.leak_gate import stored_pdf
from reports.services.pdfs import file_name_of

from ..models import (
    AreaForFinalDevelopment,
    FamilyToldOfQa,
    HomeOfficeSubmission,
    PackageFile,
    QaOutcome,
)
from .sign_off import current_sign_off, not_signed_off

logger = logging.getLogger(__name__)

SENDS = "Only the CSP officer or the CSP chair sends the package and records the answer."


def _lock(case: Case, by: User, stage: Stage) -> Case:
    case = lock_case_for(case, by=by, permission="send_to_home_office", refusal=SENDS)
    if case.stage != stage:
        raise CaseActionRefused(
            f"This is recorded while the review is at “{stage.label}”: it is at "
            f"“{case.get_stage_display()}”."
        )
    return case


def _not_future(on: date, field: str, label: str) -> None:
    if on > today():
        raise CaseActionRefused(f"{label} must be today or in the past.", field=field)


# The package ------------------------------------------------------------------------------


def package_renderings(case: Case) -> dict[str, RenderedPdf | None]:
    """For each of the three documents, the ready public rendering of what it says now
    (the signed-off version, the action plan as it stands, anonymised with the register as
    it stands), or None when there is none."""
    found: dict[str, RenderedPdf | None] = {}
    for document in PdfDocument.values:
        try:
            printed = printed_document(case, document, RenderedPdf.Variant.PUBLIC)
        except NothingToPrint:
            found[document] = None
            continue
        found[document] = (
            case.rendered_pdfs.filter(
                document=document,
                variant=RenderedPdf.Variant.PUBLIC,
                status=RenderedPdf.Status.READY,
                content_hash=input_hash(printed),
            )
            .select_related("version")
            .first()
        )
    return found


def not_ready_to_send(case: Case) -> str | None:
    """the CSP's sign-off, the family shown it, and three publishable public PDFs

    The first half of the send_to_home_office guard (DOMAIN.md 2.6 item 6; seed 000 l.207,
    l.253): the sign-off of the latest versions; the family shown the completed version, or
    why there is no family; a public rendering of each document that passed the leak gate."""
    if refusal := not_signed_off(case):
        return refusal
    if refusal := family_not_shown(case):
        return refusal
    for document, rendering in package_renderings(case).items():
        label = PdfDocument(document).label.lower()
        if rendering is None:
            return f"Make the public PDF of the {label} as signed off first."
        if rendering.publishable_at is None:
            return f"Run the leak gate on the public PDF of the {label}: it has not passed."
    return None


def package_incomplete(case: Case) -> str | None:
    """a complete package sent: the three documents and the data collection form

    The second half of the send_to_home_office guard: the submission of this sign-off holds
    a file for each document of the package (seed 002 (11)(d)-(e))."""
    sign_off = current_sign_off(case)
    submission = getattr(sign_off, "submission", None) if sign_off else None
    sent = set(submission.files.values_list("document", flat=True)) if submission else set()
    if sent != set(PackageFile.Document.values):
        return "Send the package: the three documents and the data collection form."
    return None


def _sha256(read_chunks) -> str:
    digest = hashlib.sha256()
    for chunk in read_chunks:
        digest.update(chunk)
    return digest.hexdigest()


@uploads.atomic_with_documents
def send_to_home_office(
    *, case: Case, by: User, sent_on: date, sent_how: str, data_collection_form: UploadedFile
) -> HomeOfficeSubmission:
    """Record the package as sent, with the hash of each file, and move the review to Home
    Office QA. The submissions are counted: a resubmission is number 2, and so on."""
    case = _lock(case, by, Stage.CSP_SIGN_OFF)
    _not_future(sent_on, "sent_on", "The date sent")
    if refusal := not_ready_to_send(case):
        raise CaseActionRefused(refusal)
    sign_off = current_sign_off(case)
    if sent_on < sign_off.met_on:
        raise CaseActionRefused(
            f"The package cannot be sent before it was signed off ({sign_off.met_on:%-d %B %Y}).",
            field="sent_on",
        )
    submission = HomeOfficeSubmission(
        case=case,
        number=case.submissions.count() + 1,
        sign_off=sign_off,
        sent_on=sent_on,
        sent_how=sent_how.strip(),
        sent_by=by,
    )
    submission._history_user = by
    submission.save()
    for rendering in package_renderings(case).values():
        _add_file(
            PackageFile(
                submission=submission,
                document=rendering.document,
                rendering=rendering,
                file_name=file_name_of(rendering),
                version_number=rendering.version.number if rendering.version else None,
                sha256=_sha256([stored_pdf(rendering)]),
            ),
            by,
        )
    _add_form(submission, data_collection_form, by)
    record_event(
        case=case,
        name="publication.home_office.sent",
        description=f"Package {submission.number} sent to the Home Office: {submission.sent_how}"[
            :300
        ],
        actor=by,
    )
    perform_transition(case=case, name="send_to_home_office", by=by)
    return submission


def _add_form(submission: HomeOfficeSubmission, upload: UploadedFile, by: User) -> None:
    upload.seek(0)
    digest = _sha256(upload.chunks())
    upload.seek(0)
    form = PackageFile(
        submission=submission,
        document=PackageFile.Document.DATA_COLLECTION_FORM,
        file_name=upload.name[:200],
        sha256=digest,
    )
    form.stored = _keep(form, "upload", upload, "The data collection form")
    _add_file(form, by)


def _keep(record, field: str, upload: UploadedFile, what: str) -> StoredDocument:
    """Store `upload` with `record` (dhr.uploads), or refuse next to the field when the
    document store fails: the transaction rolls back, so nothing of it is kept."""
    try:
        uploads.store_document(record, field, upload)
    except OSError:
        # The traceback names the storage path and the error, never the file's contents.
        logger.exception("Could not store an uploaded document for case %s", record.case_id)
        raise CaseActionRefused(
            f"{what} could not be stored: nothing was saved. Try again; if it happens again "
            "tell your administrator.",
            field={"upload": "data_collection_form"}.get(field, field),
        ) from None
    return StoredDocument.objects.get(name=getattr(record, field).name)


def _add_file(package_file: PackageFile, by: User) -> None:
    package_file._history_user = by
    package_file.save()


def latest_submission(case: Case) -> HomeOfficeSubmission | None:
    return case.submissions.order_by("-number").first()


@transaction.atomic
def record_acknowledgement(
    *, submission: HomeOfficeSubmission, by: User, acknowledged_on: date, acknowledgement: str
) -> HomeOfficeSubmission:
    """The Home Office's acknowledgement of a submission, recorded when it comes."""
    lock_case_for(submission.case, by=by, permission="send_to_home_office", refusal=SENDS)
    submission = HomeOfficeSubmission.objects.select_for_update().get(pk=submission.pk)
    if submission.acknowledged_on:
        raise CaseActionRefused("The acknowledgement is recorded already.")
    _not_future(acknowledged_on, "acknowledged_on", "The date acknowledged")
    if acknowledged_on < submission.sent_on:
        raise CaseActionRefused(
            f"The date acknowledged cannot be before the package was sent "
            f"({submission.sent_on:%-d %B %Y}).",
            field="acknowledged_on",
        )
    submission.acknowledged_on = acknowledged_on
    submission.acknowledgement = acknowledgement.strip()
    submission._history_user = by
    submission.save(update_fields=["acknowledged_on", "acknowledgement"])
    record_event(
        case=submission.case,
        name="publication.home_office.acknowledged",
        description=f"The Home Office acknowledged package {submission.number}",
        actor=by,
    )
    return submission


# The QA panel's answer --------------------------------------------------------------------

TRANSITION_OF = {
    QaOutcome.Outcome.CLEARED: "clear_for_publication",
    QaOutcome.Outcome.CLEARED_SUBJECT_TO_CHANGES: "clear_for_publication",
    QaOutcome.Outcome.RESUBMIT: "ask_to_resubmit",
}


@uploads.atomic_with_documents
def record_qa_outcome(
    *,
    case: Case,
    by: User,
    qa_panel_on: date,
    letter_received_on: date,
    outcome: str,
    letter: UploadedFile,
    summary: str = "",
    areas: list[str] | tuple[str, ...] = (),
) -> QaOutcome:
    """The QA panel's answer to the latest submission, from its letter: cleared moves the
    review to Publication; cleared subject to changes too, with its numbered areas for
    final development; resubmit returns it to Drafting, the findings to the CSP chair (seed
    000 l.287). The six-month clock's met date is left as it is."""
    case = _lock(case, by, Stage.HOME_OFFICE_QA)
    submission = latest_submission(case)
    if submission is None:
        raise CaseActionRefused("Record the package sent to the Home Office first.")
    if hasattr(submission, "outcome"):
        raise CaseActionRefused("The answer to this submission is recorded already.")
    _check_dates(submission, qa_panel_on, letter_received_on)
    areas = [area.strip() for area in areas if area.strip()]
    _check_areas(outcome, areas, summary)
    record = QaOutcome(
        submission=submission,
        qa_panel_on=qa_panel_on,
        outcome=outcome,
        letter_received_on=letter_received_on,
        summary=summary.strip(),
        recorded_by=by,
    )
    record.letter_stored = _keep(record, "letter", letter, "The letter")
    record._history_user = by
    record.save()
    for number, text in enumerate(areas, start=1):
        area = AreaForFinalDevelopment(outcome=record, number=number, text=text)
        area._history_user = by
        area.save()
    record_event(
        case=case,
        name="publication.home_office.answered",
        description=f"The Home Office QA panel's answer to package {submission.number}: "
        f"{record.get_outcome_display()}"[:300],
        actor=by,
    )
    # ask_to_resubmit needs a reason: the panel's findings.
    reason = "" if record.clears else record.summary
    perform_transition(case=case, name=TRANSITION_OF[outcome], by=by, reason=reason)
    return record


def _check_dates(submission: HomeOfficeSubmission, qa_panel_on: date, received_on: date) -> None:
    _not_future(qa_panel_on, "qa_panel_on", "The date of the QA panel")
    _not_future(received_on, "letter_received_on", "The date the letter was received")
    if qa_panel_on < submission.sent_on:
        raise CaseActionRefused(
            f"The QA panel cannot have met before the package was sent "
            f"({submission.sent_on:%-d %B %Y}).",
            field="qa_panel_on",
        )
    if received_on < qa_panel_on:
        raise CaseActionRefused(
            "The letter cannot have been received before the QA panel met.",
            field="letter_received_on",
        )


def _check_areas(outcome: str, areas: list[str], summary: str) -> None:
    if outcome == QaOutcome.Outcome.CLEARED_SUBJECT_TO_CHANGES and not areas:
        raise CaseActionRefused(
            "Enter the areas for final development the letter lists, one a line.", field="areas"
        )
    if outcome != QaOutcome.Outcome.CLEARED_SUBJECT_TO_CHANGES and areas:
        raise CaseActionRefused(
            "Only a letter clearing the report subject to changes lists areas for final "
            "development: leave them empty, or choose that outcome.",
            field="areas",
        )
    if outcome == QaOutcome.Outcome.RESUBMIT and not summary.strip():
        raise CaseActionRefused(
            "Enter the panel's findings: they go to the CSP chair, who has the review panel "
            "revisit them.",
            field="summary",
        )


def outcome_is(says: str, *outcomes: str):
    """The guard of clear_for_publication and ask_to_resubmit: the latest submission's
    answer recorded, with its letter and the QA panel's date, and one of `outcomes` (what
    the letter `says`)."""

    def guard(case: Case) -> str | None:
        submission = latest_submission(case)
        outcome = getattr(submission, "outcome", None) if submission else None
        if outcome is None or not outcome.letter or not outcome.qa_panel_on:
            return "Record the QA panel's letter, with the date the panel met, first."
        if outcome.outcome not in outcomes:
            return f"The QA panel's letter says: {outcome.get_outcome_display().lower()}."
        return None

    # The first line names the guard in the workflow's diagram.
    guard.__doc__ = f"the QA panel's letter recorded, with its date, {says}"
    return guard


clears = outcome_is(
    "clearing the report",
    QaOutcome.Outcome.CLEARED,
    QaOutcome.Outcome.CLEARED_SUBJECT_TO_CHANGES,
)
asks_resubmission = outcome_is("asking for resubmission", QaOutcome.Outcome.RESUBMIT)


# After the answer -------------------------------------------------------------------------


@transaction.atomic
def mark_area_done(
    *, area: AreaForFinalDevelopment, by: User, done_on: date, evidence: str
) -> AreaForFinalDevelopment:
    """One area for final development done, with the evidence of the change (who, when)."""
    case = _lock(area.outcome.submission.case, by, Stage.PUBLICATION)
    area = (
        AreaForFinalDevelopment.objects.select_for_update()
        .select_related("outcome")
        .get(pk=area.pk)
    )
    if area.done_on:
        raise CaseActionRefused(f"Area {area.number} is recorded as done already.")
    _not_future(done_on, "done_on", "The date done")
    if done_on < area.outcome.letter_received_on:
        raise CaseActionRefused(
            "The date done cannot be before the letter was received "
            f"({area.outcome.letter_received_on:%-d %B %Y}).",
            field="done_on",
        )
    if not evidence.strip():
        raise CaseActionRefused("Enter what was changed, and where.", field="evidence")
    area.done_on, area.evidence, area.done_by = done_on, evidence.strip(), by
    area._history_user = by
    area.save(update_fields=["done_on", "evidence", "done_by"])
    record_event(
        case=case,
        name="publication.area.done",
        description=f"Area for final development {area.number} done",
        actor=by,
    )
    return area


@transaction.atomic
def record_family_told(*, outcome: QaOutcome, by: User, told_on: date, how: str) -> FamilyToldOfQa:
    """The family told of the QA panel's letter (seed 002 (6))."""
    case = lock_case_for(
        outcome.submission.case, by=by, permission="send_to_home_office", refusal=SENDS
    )
    if FamilyToldOfQa.objects.filter(outcome=outcome).exists():
        raise CaseActionRefused("The family's being told of this letter is recorded already.")
    _not_future(told_on, "told_on", "The date told")
    if told_on < outcome.letter_received_on:
        raise CaseActionRefused(
            "The family cannot be told before the letter was received "
            f"({outcome.letter_received_on:%-d %B %Y}).",
            field="told_on",
        )
    told = FamilyToldOfQa(outcome=outcome, told_on=told_on, how=how.strip(), recorded_by=by)
    told._history_user = by
    told.save()
    record_event(
        case=case,
        name="publication.family.told_of_qa",
        description=f"The family told of the Home Office's answer to package "
        f"{outcome.submission.number}",
        actor=by,
    )
    return told
