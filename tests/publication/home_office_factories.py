"""Reviews from the CSP sign-off to the Home Office's clearance, made through the services,
for the publication tests and for the parts after it (publication, monitoring): each
returns the case and the people around it ("CSP officer", "CSP chair", "independent
chair")."""

from django.core.files.uploadedfile import SimpleUploadedFile

from cases.clocks import today
from cases.models import Case, User
from cases.services import perform_transition
from publication.models import QaOutcome
from publication.services import home_office, sign_off
from reports.models import PdfDocument, RenderedPdf
from reports.selectors.pdfs import input_hash, printed_document
from reports.services.leak_gate import mark_publishable
from tests.case_factories import PDF_BYTES
from tests.reports.action_plan_factories import ready_to_submit
from tests.reports.anonymisation_factories import pdf_of, rendering
from tests.reports.report_factories import review_at_drafting

People = dict[str, User]


def people_of(case: Case, officer: User, chair: User) -> People:
    return {
        "CSP officer": officer,
        "CSP chair": case.partnership.roles.get(role="csp_chair").user,
        "independent chair": chair,
    }


def document(name: str = "data-collection-form.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def public_renderings(case: Case, by: User) -> list[RenderedPdf]:
    """A public rendering of each document as it stands now, stored and passed by the leak
    gate (its input hash the one the PDF service gives it; its file a small clean PDF)."""
    made = []
    for pdf_document in PdfDocument.values:
        printed = printed_document(case, pdf_document, RenderedPdf.Variant.PUBLIC)
        pdf = rendering(case, by, pdf_of("<p>Adult A.</p>"), document=pdf_document)
        pdf.content_hash = input_hash(printed)
        pdf.version = case.report_versions.filter(
            document=pdf_document, number=printed.version_number
        ).first()
        pdf.save(update_fields=["content_hash", "version"])
        assert mark_publishable(pdf, by).passed
        made.append(pdf)
    return made


def review_at_sign_off() -> tuple[Case, People]:
    """A review taken through submit_for_sign_off, with publishable public renderings."""
    case, officer, chair = review_at_drafting()
    ready_to_submit(case, officer, chair)
    case = perform_transition(case=case, name="submit_for_sign_off", by=chair)
    public_renderings(case, officer)
    return case, people_of(case, officer, chair)


SIGN_OFF = {
    "meeting": "Extraordinary meeting of the Safer Riverside Partnership",
    "attendees": "Chris Chair, CSP chair\nOlive Officer, CSP officer",
    "content_agreed": True,
    "anonymisation_confirmed": True,
    "data_collection_form_completed": True,
    "debriefing_arranged": True,
}


def sign(case: Case, people: People) -> None:
    sign_off.sign_off(case=case, by=people["CSP chair"], met_on=today(), **SIGN_OFF)


def signed_off_review() -> tuple[Case, People]:
    case, people = review_at_sign_off()
    sign(case, people)
    return case, people


def send(case: Case, people: People):
    return home_office.send_to_home_office(
        case=case,
        by=people["CSP officer"],
        sent_on=today(),
        sent_how="E-mail to DHREnquiries@homeoffice.gov.uk",
        data_collection_form=document(),
    )


def submitted_review() -> tuple[Case, People]:
    case, people = signed_off_review()
    send(case, people)
    case.refresh_from_db()
    return case, people


def answer(case: Case, people: People, outcome: str, *, areas=(), summary: str = ""):
    return home_office.record_qa_outcome(
        case=case,
        by=people["CSP officer"],
        qa_panel_on=today(),
        letter_received_on=today(),
        outcome=outcome,
        letter=document("qa-letter.pdf"),
        summary=summary,
        areas=list(areas),
    )


def cleared_review(areas_open: int = 0) -> tuple[Case, People]:
    """A review at Publication: cleared, or, with `areas_open`, cleared subject to changes
    with that many areas for final development, none done yet. The family told."""
    case, people = submitted_review()
    if areas_open:
        outcome = answer(
            case,
            people,
            QaOutcome.Outcome.CLEARED_SUBJECT_TO_CHANGES,
            areas=[f"Area {number}: say more." for number in range(1, areas_open + 1)],
        )
    else:
        outcome = answer(case, people, QaOutcome.Outcome.CLEARED)
    home_office.record_family_told(
        outcome=outcome, by=people["CSP officer"], told_on=today(), how="By the advocate."
    )
    case.refresh_from_db()
    return case, people
