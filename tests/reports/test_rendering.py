"""The PDFs of the report's documents (DESIGN §6; issue 11): what a restricted draft and a
public version print, read back from the PDF files themselves; the Celery task's
idempotence; reuse of an unchanged rendering and a new one for a changed version; a failed
render recorded."""

import re
import subprocess
import unicodedata
from datetime import timedelta

import pikepdf
import pytest
from django.core.files.storage import default_storage
from django.test import TestCase
from django.utils import timezone

from cases.clocks import today
from cases.models import Person
from cases.services import CaseActionRefused
from reports.models import Document, PdfDocument, RenderedPdf
from reports.services import pdfs
from reports.tasks import render_pdf
from tests.test_reminders import eager_celery  # noqa: F401 (a fixture)

from .pdf_factories import REAL_NAMES, new_version, printable_review

pytestmark = pytest.mark.django_db

RESTRICTED, PUBLIC = RenderedPdf.Variant.RESTRICTED, RenderedPdf.Variant.PUBLIC


def rendered(case, chair, document, variant) -> RenderedPdf:
    rendering = pdfs.request_rendering(case=case, document=document, variant=variant, by=chair)
    pdfs.render(rendering_id=rendering.pk)
    rendering.refresh_from_db()
    assert rendering.status == RenderedPdf.Status.READY, rendering.failure
    return rendering


def pdf_path(rendering: RenderedPdf) -> str:
    return default_storage.path(rendering.file_name)


def pages_text(rendering: RenderedPdf) -> list[str]:
    """Each page's text as pdftotext (poppler) reads it, normalised (NFKC, case)."""
    text = subprocess.run(  # noqa: S603 - poppler on a file the test made
        ["pdftotext", pdf_path(rendering), "-"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [unicodedata.normalize("NFKC", page).casefold() for page in text.split("\f")[:-1]]


def outline_titles(pdf: pikepdf.Pdf) -> list[str]:
    with pdf.open_outline() as outline:
        titles, items = [], list(outline.root)
        while items:
            item = items.pop(0)
            titles.append(item.title)
            items[:0] = item.children
    return titles


def test_a_restricted_draft_is_marked_on_every_page_and_watermarked():
    case, _, chair = printable_review()
    rendering = rendered(case, chair, Document.OVERVIEW_REPORT, RESTRICTED)

    pages = pages_text(rendering)
    assert rendering.pages == len(pages) > 2
    for number, page in enumerate(pages, start=1):
        # Top and bottom margin boxes, and the page number.
        assert page.count("official-sensitive") >= 2, number
        assert f"page {number} of {len(pages)}" in page or number == 1
    assert "jane doe" in " ".join(pages)
    with pikepdf.open(pdf_path(rendering)) as pdf:
        for page in pdf.pages:
            assert _draws_the_watermark(pdf, page)


def _draws_the_watermark(pdf, page) -> bool:
    # The data: SVG is drawn as a form XObject (or an image) behind every page's content.
    resources = page.obj.get("/Resources", {})
    return bool(resources.get("/XObject")) or bool(resources.get("/Pattern"))


@pytest.mark.parametrize("document", PdfDocument.values)
def test_a_public_version_has_no_marking_and_no_registered_name(document):
    case, _, chair = printable_review()
    rendering = rendered(case, chair, document, PUBLIC)

    text = " ".join(pages_text(rendering))
    assert "official-sensitive" not in text
    for name in REAL_NAMES:
        assert name.casefold() not in text
    assert "adult a" in text
    with pikepdf.open(pdf_path(rendering)) as pdf:
        metadata = " ".join(str(value) for value in pdf.docinfo.values()).casefold()
        assert all(name.casefold() not in metadata for name in REAL_NAMES)
        assert all(
            name.casefold() not in title.casefold()
            for title in outline_titles(pdf)
            for name in REAL_NAMES
        )
        assert not any(_draws_the_watermark(pdf, page) for page in pdf.pages)


def test_the_public_title_language_bookmarks_and_contents():
    case, _, chair = printable_review()
    rendering = rendered(case, chair, Document.OVERVIEW_REPORT, PUBLIC)

    with pikepdf.open(pdf_path(rendering)) as pdf:
        assert str(pdf.docinfo["/Title"]) == (
            "Overview report: domestic homicide review into the death of Adult A"
        )
        assert str(pdf.Root.Lang) == "en-GB"
        assert "/StructTreeRoot" in pdf.Root  # tagged (PDF/UA-1)
        titles = outline_titles(pdf)
    assert titles[:3] == [
        "Overview report: domestic homicide review into the death of Adult A",
        "Contents",
        "The review panel",
    ]
    assert "1. Introduction" in titles
    # The agencies' raw records are never published.
    assert "Appendix: the combined chronology" not in titles
    contents = pages_text(rendering)[1]
    assert "contents" in contents
    # The contents page gives each section's page number (target-counter).
    assert re.search(r"1\. introduction \.+ ?3\n", contents)


def test_the_panel_is_named_in_the_public_version():
    case, _, chair = printable_review()
    rendering = rendered(case, chair, Document.EXECUTIVE_SUMMARY, PUBLIC)
    assert chair.full_name.casefold() in " ".join(pages_text(rendering))


def test_the_restricted_draft_ends_with_the_chronology_in_blocks_and_the_public_one_without():
    case, _, chair = printable_review(chronology_entries=40)
    restricted = rendered(case, chair, Document.OVERVIEW_REPORT, RESTRICTED)
    public = rendered(case, chair, Document.OVERVIEW_REPORT, PUBLIC)

    with pikepdf.open(pdf_path(restricted)) as pdf:
        titles = outline_titles(pdf)
    assert "Appendix: the combined chronology" in titles
    # The chronology's entries are blocks, not bookmarks.
    assert not any(title.startswith("1 January 2025") for title in titles)
    assert "entry 39:" in " ".join(" ".join(pages_text(restricted)).split())
    assert "entry 39:" not in " ".join(" ".join(pages_text(public)).split())


# Reuse, idempotence, failure ------------------------------------------------------------


def test_an_unchanged_version_asked_for_again_reuses_the_file(eager_celery):  # noqa: F811
    case, officer, chair = printable_review()
    with pytest.MonkeyPatch.context() as patch:
        calls = []
        render = pdfs.render
        patch.setattr(pdfs, "render", lambda **kw: calls.append(kw) or render(**kw))
        first = request(case, chair)
        again = request(case, officer)
    assert first == again
    assert len(calls) == 1
    first.refresh_from_db()
    assert first.status == RenderedPdf.Status.READY
    assert RenderedPdf.objects.count() == 1


def request(case, by, document=Document.EXECUTIVE_SUMMARY, variant=PUBLIC) -> RenderedPdf:
    """Ask for a rendering and commit: the task queued on commit runs (eagerly)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return pdfs.request_rendering(case=case, document=document, variant=variant, by=by)


def test_a_new_version_renders_anew(eager_celery):  # noqa: F811
    case, _, chair = printable_review()
    first = request(case, chair)
    new_version(case, chair, Document.EXECUTIVE_SUMMARY, extra="Revised.")
    second = request(case, chair)
    assert second != first
    assert second.version.number == 2
    second.refresh_from_db()
    assert second.status == RenderedPdf.Status.READY
    assert "revised." in " ".join(pages_text(second))


def test_a_new_name_in_the_register_renders_the_public_version_anew(eager_celery):  # noqa: F811
    case, _, chair = printable_review()
    first = request(case, chair)
    Person.objects.filter(case=case, real_name="Jane Doe").update(pseudonym="Adult C")
    assert request(case, chair) != first
    # The restricted draft prints no pseudonym, but its hash holds the same register.
    assert request(case, chair, variant=RESTRICTED).variant == RESTRICTED


def test_a_second_delivery_of_the_task_does_nothing(monkeypatch):
    case, _, chair = printable_review()
    rendering = rendered(case, chair, Document.EXECUTIVE_SUMMARY, RESTRICTED)
    monkeypatch.setattr(pdfs, "print_pdf", _must_not_render)
    render_pdf.apply(args=[rendering.pk])
    rendering.refresh_from_db()
    assert rendering.status == RenderedPdf.Status.READY


def _must_not_render(printed):
    raise AssertionError("rendered twice")


def test_a_failing_render_is_recorded_as_failed_and_can_be_asked_for_again(
    monkeypatch,
    eager_celery,  # noqa: F811
):
    case, _, chair = printable_review()

    def broken(printed):
        raise ValueError("no font")

    monkeypatch.setattr(pdfs, "print_pdf", broken)
    rendering = request(case, chair)
    rendering.refresh_from_db()
    assert rendering.status == RenderedPdf.Status.FAILED
    assert "no font" in rendering.failure
    assert rendering.finished_at is not None

    monkeypatch.undo()
    again = request(case, chair)
    assert again.pk == rendering.pk
    again.refresh_from_db()
    assert again.status == RenderedPdf.Status.READY
    assert again.failure == ""


def test_a_register_changed_after_the_request_fails_the_rendering():
    case, _, chair = printable_review()
    rendering = pdfs.request_rendering(
        case=case, document=Document.EXECUTIVE_SUMMARY, variant=PUBLIC, by=chair
    )
    Person.objects.filter(case=case, real_name="Jane Doe").update(pseudonym="Adult C")
    pdfs.render(rendering_id=rendering.pk)
    rendering.refresh_from_db()
    assert rendering.status == RenderedPdf.Status.FAILED
    assert "changed after it was asked for" in rendering.failure


def test_a_document_without_a_version_cannot_be_asked_for():
    case, _, chair = printable_review()
    case.rendered_pdfs.all().delete()
    case.report_versions.filter(document=Document.OVERVIEW_REPORT).delete()
    with pytest.raises(CaseActionRefused, match="no version of the overview report"):
        pdfs.request_rendering(
            case=case, document=Document.OVERVIEW_REPORT, variant=PUBLIC, by=chair
        )


# The case core: the task list and the audit trail ------------------------------------------


def test_the_task_list_shows_the_pdfs_under_drafting():
    from cases.selectors import case_file, task_list

    case, _, chair = printable_review()

    def row():
        read = case_file(case, on=today()).case
        return next(task for task in task_list(read) if task.name == "PDFs")

    assert row().status == "not started"
    rendered(case, chair, PdfDocument.ACTION_PLAN, PUBLIC)
    assert row().status == "in progress"
    rendered(case, chair, Document.OVERVIEW_REPORT, RESTRICTED)
    rendered(case, chair, Document.EXECUTIVE_SUMMARY, PUBLIC)
    assert row().status == "done"
    assert row().stage == "drafting"


def test_the_audit_trail_shows_each_rendering_and_its_outcome():
    from cases.selectors import audit_trail

    case, _, chair = printable_review()
    rendered(case, chair, PdfDocument.ACTION_PLAN, PUBLIC)
    entries = [entry for entry in audit_trail(case) if entry.what == "Report PDF"]
    # Asked for, and its outcome (the task's claim is a conditional UPDATE, not recorded).
    assert [entry.action for entry in entries] == ["Changed", "Created"]


def test_what_the_chair_writes_is_printed_as_text_never_fetched():
    # The fetcher's own refusals are tested with imr's PDFs (tests/imr); here, markup in a
    # section is escaped, so a draft cannot make the PDF fetch anything.
    case, _, chair = printable_review()
    new_version(
        case, chair, Document.EXECUTIVE_SUMMARY, extra='<img src="file:///etc/passwd" alt="x">'
    )
    rendering = rendered(case, chair, Document.EXECUTIVE_SUMMARY, RESTRICTED)
    assert '<img src="file:///etc/passwd" alt="x">' in " ".join(pages_text(rendering))


def test_a_broker_that_refuses_the_task_leaves_the_rendering_failed_to_ask_again(monkeypatch):
    case, _, chair = printable_review()

    def broker_down(rendering_id):
        raise OSError("connection refused")

    monkeypatch.setattr(render_pdf, "delay", broker_down)
    rendering = request(case, chair)
    rendering.refresh_from_db()
    assert rendering.status == RenderedPdf.Status.FAILED
    assert rendering.failure == "The rendering could not be queued. Ask for it again."


def test_a_rendering_whose_worker_was_lost_is_queued_again_when_asked_for(eager_celery):  # noqa: F811
    case, _, chair = printable_review()
    rendering = pdfs.request_rendering(
        case=case, document=Document.EXECUTIVE_SUMMARY, variant=PUBLIC, by=chair
    )
    # Claimed by a worker that died (no task will come back for it) eleven minutes ago.
    RenderedPdf.objects.filter(pk=rendering.pk).update(
        status=RenderedPdf.Status.RENDERING,
        requested_at=timezone.now() - pdfs.RENDERING_LEASE - timedelta(minutes=1),
    )
    again = request(case, chair)
    assert again.pk == rendering.pk
    again.refresh_from_db()
    assert again.status == RenderedPdf.Status.READY


def test_a_rendering_under_way_is_not_queued_twice(eager_celery, monkeypatch):  # noqa: F811
    case, _, chair = printable_review()
    first = pdfs.request_rendering(
        case=case, document=Document.EXECUTIVE_SUMMARY, variant=PUBLIC, by=chair
    )
    monkeypatch.setattr(render_pdf, "delay", _must_not_render)
    assert request(case, chair) == first
