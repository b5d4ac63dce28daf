"""Documents added to an IMR, through the one upload check: each refusal is a message next
to the field and keeps nothing; what is kept is private, under a random name, listed with its
scan state, and downloaded only through the logged view."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import AccessLogEntry, StoredDocument
from dhr.uploads import Scan
from imr.models import ImrDocument
from tests import test_uploads
from tests.case_factories import PDF_BYTES, pdf_bytes
from tests.imr.interview_factories import imr_being_written, review_at_imrs
from tests.test_uploads import PNG_BYTES, with_javascript
from tests.test_uploads_docx import docx_bytes

pytestmark = pytest.mark.django_db


def stored_files(settings) -> list[Path]:
    """The IMR documents on disk (the review's letters are stored too, by the factories)."""
    return [path for path in test_uploads.stored_files(settings) if "imr-documents" in str(path)]


@pytest.fixture
def upload_page(client):
    case, _, chair = review_at_imrs()
    imr, _, author = imr_being_written(case, chair)
    client.force_login(author)
    url = reverse("imr:add_document", args=[case.reference, imr.pk])

    def post(content: bytes, name: str = "imr.pdf", **fields):
        data = {"kind": "whole_imr", "description": "Our IMR", **fields}
        data["file"] = SimpleUploadedFile(name, content)
        return client.post(url, data)

    post.imr = imr
    post.author = author
    post.client = client
    return post


def refused_with(response, message: str, settings) -> None:
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'href="#id_file"' in html  # linked from the error summary, next to the field
    assert not ImrDocument.objects.exists()
    assert not StoredDocument.objects.filter(name__startswith="imr-documents/").exists()
    assert stored_files(settings) == []


def test_wrong_type_with_a_right_name_is_refused(upload_page, settings):
    response = upload_page(PNG_BYTES, name="imr.pdf")
    refused_with(response, "The copy of the document must be a PDF or a Word document", settings)


def test_a_zip_bomb_is_refused(upload_page, settings):
    bomb = docx_bytes(("word/media/image1.png", b"\0" * (20 * 1024 * 1024)))
    response = upload_page(bomb, name="imr.docx")
    refused_with(response, "is packed far tighter than a Word", settings)


def test_a_docx_with_macros_is_refused(upload_page, settings):
    response = upload_page(docx_bytes(("word/vbaProject.bin", b"\xcc\x61 VBA")), name="imr.docx")
    refused_with(response, "The copy of the document contains macros", settings)


def test_a_pdf_with_javascript_is_refused(upload_page, settings):
    response = upload_page(pdf_bytes(with_javascript))
    refused_with(response, "The copy of the document contains JavaScript", settings)


def test_an_oversize_document_is_refused(upload_page, settings):
    settings.DHR_UPLOAD_MAX_BYTES = 1024
    response = upload_page(b"%PDF-" + b"0" * 2048)
    refused_with(response, "The copy of the document must be smaller than", settings)


def test_an_empty_document_is_refused(upload_page, settings):
    response = upload_page(b"")
    refused_with(response, "The copy of the document is empty", settings)


def test_a_docx_part_whose_name_leaves_the_document_is_refused(upload_page, settings):
    response = upload_page(docx_bytes(("../../etc/cron.d/job", "<x/>")), name="imr.docx")
    refused_with(response, "has a part whose name points outside", settings)


def test_a_path_in_the_file_name_is_dropped_and_the_stored_name_is_random(upload_page, settings):
    response = upload_page(PDF_BYTES, name="../../etc/imr.pdf")
    assert response.status_code == 302
    document = ImrDocument.objects.get()
    assert document.file_name == "imr.pdf"
    assert document.file.name.startswith("imr-documents/")
    assert "etc" not in document.file.name and document.file.name.endswith(".pdf")
    [path] = stored_files(settings)
    assert path.name == document.file.name.rsplit("/", 1)[1]


def test_a_document_is_kept_listed_as_not_scanned_and_downloaded_through_the_log(
    upload_page, settings
):
    assert upload_page(PDF_BYTES).status_code == 302
    document = ImrDocument.objects.select_related("stored").get()
    assert document.stored.scan == Scan.NOT_SCANNED
    assert document.stored.case_id == upload_page.imr.case_id
    client, imr = upload_page.client, upload_page.imr
    page = client.get(reverse("imr:documents", args=[imr.case.reference, imr.pk]))
    assert "Not scanned" in page.content.decode()
    download = client.get(
        reverse("imr:download_document", args=[imr.case.reference, imr.pk, document.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert "no-cache" in download["Cache-Control"]
    assert AccessLogEntry.objects.filter(
        user=upload_page.author, what=AccessLogEntry.What.DOCUMENT
    ).exists()


def test_a_docx_is_kept_as_a_word_document(upload_page, settings):
    assert upload_page(docx_bytes(), name="imr.docx").status_code == 302
    assert ImrDocument.objects.get().file.name.endswith(".docx")


def test_a_description_is_needed(upload_page, settings):
    response = upload_page(PDF_BYTES, description="")
    assert "Enter a description of the document." in response.content.decode()
    assert not ImrDocument.objects.exists()
    assert stored_files(settings) == []
