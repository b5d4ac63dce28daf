"""Reviews at publication and published, for the publication tests (and part C's).

review_at_publication() takes a review through the sign-off and the Home Office's clearance
with the services (tests.publication.home_office_factories); every publication test goes
through it."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from cases.clocks import today
from cases.models import Case, Person, User
from publication.models import QaOutcome
from publication.services import home_office, publishing
from reports.models import Document, RenderedPdf
from reports.services.leak_gate import mark_publishable
from tests.publication.home_office_factories import submitted_review
from tests.reports.anonymisation_factories import pdf_of, rendering, version

SUMMARY = "Adult A lived in Riverside with her two children.\nAgencies knew of the abuse."


def publishable(case: Case, chair: User, document: str, text: str) -> RenderedPdf:
    """A public rendering of the latest version of `document`, through the leak gate."""
    latest = case.report_versions.filter(document=document).order_by("-number").first()
    pdf = rendering(case, chair, pdf_of(f"<p>{text}</p>"), document=document)
    pdf.version = latest
    pdf.save(update_fields=["version"])
    assert mark_publishable(pdf, chair).passed
    return pdf


def review_at_publication(*, letter: bytes | None = None) -> tuple[Case, User, User]:
    """A review the Home Office cleared, through the services (part A's factories):
    (case, CSP officer, independent chair). Its victim is in the register as Adult A; the
    final executive summary has text; both documents have publishable public renderings;
    the QA letter is `letter` or a clean PDF (not checked yet)."""
    case, people = submitted_review()
    officer, chair = people["CSP officer"], people["independent chair"]
    Person.objects.create(
        case=case,
        role=Person.Role.VICTIM,
        real_name="Jane Doe",
        pseudonym="Adult A",
        # 1984 is a leap year: any day of the year exists in it. Far from the dates used.
        date_of_birth=(today() + timedelta(days=240)).replace(year=1984),
    )
    data = letter or pdf_of("<p>The QA panel cleared the report of Adult A.</p>", "QA letter")
    outcome = home_office.record_qa_outcome(
        case=case,
        by=officer,
        qa_panel_on=today(),
        letter_received_on=today(),
        outcome=QaOutcome.Outcome.CLEARED,
        letter=SimpleUploadedFile("qa-letter.pdf", data, content_type="application/pdf"),
    )
    home_office.record_family_told(
        outcome=outcome, by=officer, told_on=today(), how="By the advocate."
    )
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
