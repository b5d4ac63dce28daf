"""Reviews at publication and published, for the publication tests (and part C's).

review_at_publication() takes a review through submit_for_sign_off, send_to_home_office and
clear_for_publication, writing the Home Office's records directly; the lead replaces its
body with part A's cleared_review() at merge. Every publication test goes through it."""

from datetime import timedelta

from django.core.files.base import ContentFile

from cases.clocks import today
from cases.models import Case, Person, StoredDocument, User
from cases.services import perform_transition
from dhr.uploads import atomic_with_documents, store_document
from publication.models import HomeOfficeSubmission, QaOutcome
from publication.services import publishing
from reports.models import Document, RenderedPdf
from reports.services.leak_gate import mark_publishable
from tests.reports.action_plan_factories import ready_to_submit
from tests.reports.anonymisation_factories import pdf_of, rendering, version
from tests.reports.report_factories import review_at_drafting

SUMMARY = "Adult A lived in Riverside with her two children.\nAgencies knew of the abuse."


@atomic_with_documents
def qa_outcome(case: Case, officer: User, *, letter: bytes | None = None) -> QaOutcome:
    """The Home Office's answer to a first submission, cleared, its letter a clean PDF."""
    submission = HomeOfficeSubmission.objects.create(
        case=case,
        number=case.submissions.count() + 1,
        sent_on=today() - timedelta(days=30),
        sent_how="By secure e-mail",
        sent_by=officer,
    )
    outcome = QaOutcome(
        submission=submission,
        qa_panel_on=today() - timedelta(days=10),
        outcome=QaOutcome.Outcome.CLEARED,
        letter_received_on=today() - timedelta(days=7),
        recorded_by=officer,
    )
    data = letter or pdf_of("<p>The QA panel cleared the report of Adult A.</p>", "QA letter")
    store_document(outcome, "letter", ContentFile(data, name="letter.pdf"))
    outcome.letter_stored = StoredDocument.objects.get(name=outcome.letter.name)
    outcome.save()
    return outcome


def publishable(case: Case, chair: User, document: str, text: str) -> RenderedPdf:
    """A public rendering of the latest version of `document`, through the leak gate."""
    latest = case.report_versions.filter(document=document).order_by("-number").first()
    pdf = rendering(case, chair, pdf_of(f"<p>{text}</p>"), document=document)
    pdf.version = latest
    pdf.save(update_fields=["version"])
    assert mark_publishable(pdf, chair).passed
    return pdf


def review_at_publication() -> tuple[Case, User, User]:
    """A review the Home Office cleared: (case, CSP officer, independent chair). Its victim
    is in the register as Adult A; the final executive summary has text; both documents
    have publishable public renderings; the QA letter is a clean PDF (not checked yet)."""
    case, officer, chair = review_at_drafting()
    Person.objects.create(
        case=case,
        role=Person.Role.VICTIM,
        real_name="Jane Doe",
        pseudonym="Adult A",
        # 1984 is a leap year: any day of the year exists in it. Far from the dates used.
        date_of_birth=(today() + timedelta(days=240)).replace(year=1984),
    )
    ready_to_submit(case, officer, chair)
    case = perform_transition(case=case, name="submit_for_sign_off", by=chair)
    case = perform_transition(case=case, name="send_to_home_office", by=officer)
    qa_outcome(case, officer)
    case = perform_transition(case=case, name="clear_for_publication", by=officer)
    version(case, chair, SUMMARY, document=Document.EXECUTIVE_SUMMARY)
    publishable(case, chair, Document.OVERVIEW_REPORT, "The overview report about Adult A.")
    publishable(case, chair, Document.EXECUTIVE_SUMMARY, SUMMARY)
    return Case.objects.get(pk=case.pk), officer, chair


def ready_to_publish(case: Case, officer: User) -> None:
    """Everything publish needs that is recorded at publication."""
    publishing.agree_publication_date(
        case=case,
        by=officer,
        publish_on=today(),
        agreed_with="The victim's sister",
        agreed_how="By telephone, with the advocate",
    )
    publishing.record_family_forewarned(
        case=case,
        by=officer,
        forewarned_on=today(),
        who="The victim's sister",
        how="In person",
        consequences="Media interest on the day.",
    )
    publishing.check_qa_letter(case=case, by=officer)


def published_review() -> tuple[Case, User, User]:
    """A review published on the public pages, now at monitoring."""
    case, officer, chair = review_at_publication()
    ready_to_publish(case, officer)
    publishing.publish(case=case, by=officer)
    return Case.objects.get(pk=case.pk), officer, chair
