"""Every upload goes through the one upload check, and a document store that fails keeps
nothing: no row without its file, no file without its row, and a message on the page."""

import errno
import logging
import os
from pathlib import Path

import pikepdf
import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases import clocks, services
from cases.models import Case, CaseEvent, CaseLetter, Reopening
from cases.workflow import Stage
from tests.case_factories import (
    PDF_BYTES,
    case_deferred_to_other_review,
    case_under_review,
    days_ago,
    partnership_with_staff,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db

# The default per-file limit (DHR_UPLOAD_MAX_MB).
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01"
# Written by hand, with the names spelt in #xx escapes (/J#61vaScript is /JavaScript) and no
# cross-reference table: a search of the bytes misses it, a reader runs it.
ESCAPED_JAVASCRIPT_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R"
    b"/OpenAction<</S/J#61vaScript/J#53(app.alert(1))>>>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def with_javascript(pdf):
    pdf.Root.OpenAction = pikepdf.Dictionary(
        S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('hello')")
    )


def with_embedded_file(pdf):
    pdf.attachments["minutes.txt"] = pikepdf.AttachedFileSpec(pdf, b"attached minutes")


def with_launch_action(pdf):
    # On a page's open action, a direct dictionary inside the page.
    pdf.pages[0].obj.AA = pikepdf.Dictionary(
        O=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe"))
    )


def date_fields(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def documents_dir(settings) -> Path:
    return Path(settings.STORAGES["default"]["OPTIONS"]["location"])


def stored_files(settings) -> list[Path]:
    root = documents_dir(settings)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture
def letter_page(client):
    partnership, officer, _ = partnership_with_staff()
    case = case_under_review(partnership, officer)
    client.force_login(officer)
    url = reverse("cases:record_letter", kwargs={"reference": case.reference})

    def post(content: bytes, name: str = "letter.pdf"):
        return client.post(
            url,
            {
                "recipient": "home_office",
                **date_fields("sent_on", clocks.today()),
                "method": "email",
                "copy": SimpleUploadedFile(name, content),
            },
        )

    post.case = case
    post.officer = officer
    return post


@pytest.fixture
def reopen_page(client):
    partnership, officer, chair = partnership_with_staff()
    case = case_deferred_to_other_review(partnership, officer, notified_on=days_ago(60))
    client.force_login(chair)
    url = reverse("cases:reopen", kwargs={"reference": case.reference})

    def post(content: bytes):
        return client.post(
            url,
            {
                "kind": "letter",
                **date_fields("received_on", days_ago(1)),
                "summary": "The QA panel advises a review.",
                "copy": SimpleUploadedFile("home-office.pdf", content),
            },
        )

    post.case = case
    return post


# The one upload check ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (PNG_BYTES, "The copy of the letter must be a PDF."),
        (
            b"%PDF-1.7\nnot really a PDF after all",
            "The copy of the letter is not a PDF that can be opened",
        ),
        (pdf_bytes(with_javascript), "The copy of the letter contains JavaScript"),
        (ESCAPED_JAVASCRIPT_PDF, "The copy of the letter contains JavaScript"),
        (pdf_bytes(with_embedded_file), "The copy of the letter has other files embedded in it"),
        (
            pdf_bytes(with_launch_action),
            "The copy of the letter has an action that starts another program",
        ),
        (b"%PDF-" + b"0" * MAX_DOCUMENT_BYTES, "The copy of the letter must be smaller than 10 MB"),
    ],
    ids=[
        "renamed-png",
        "damaged",
        "javascript",
        "escaped-javascript",
        "embedded-file",
        "launch",
        "too-big",
    ],
)
def test_the_letter_upload_refuses_what_the_check_refuses(letter_page, settings, content, message):
    response = letter_page(content)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    # Next to the field, and linked from the error summary.
    assert 'href="#id_copy"' in html
    assert not CaseLetter.objects.exists()
    assert stored_files(settings) == []


def test_the_home_office_letter_on_reopening_goes_through_the_same_check(reopen_page, settings):
    response = reopen_page(pdf_bytes(with_javascript))

    assert "The copy of the letter or direction contains JavaScript" in response.content.decode()
    assert not Reopening.objects.exists()
    assert stored_files(settings) == []


def test_a_plain_pdf_is_stored_privately_under_a_random_name(letter_page, settings):
    response = letter_page(PDF_BYTES, name="Letter to the Home Office.pdf")

    assert response.status_code == 302
    letter = CaseLetter.objects.get()
    assert letter.copy_name == "Letter to the Home Office.pdf"
    assert letter.copy.name.startswith("letters/") and "Home" not in letter.copy.name
    [stored] = stored_files(settings)
    assert stored.read_bytes() == PDF_BYTES
    # Outside the static and media URLs: only the permission-checked view serves it.
    assert not str(stored).startswith(str(settings.STATIC_ROOT))


# A document store that fails --------------------------------------------------------------


class ReadOnlyStorage(FileSystemStorage):
    """The documents directory read-only, as the tests (run as root) cannot make it."""

    def _save(self, name, content):
        raise PermissionError(errno.EACCES, "Permission denied", self.path(name))


class FullDiskStorage(FileSystemStorage):
    """A disk that fills up part-way through the file."""

    def _save(self, name, content):
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.read(64))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


def failing_store(settings, backend: type[FileSystemStorage]) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": f"{__name__}.{backend.__name__}",
            "OPTIONS": settings.STORAGES["default"]["OPTIONS"],
        },
    }


@pytest.mark.parametrize("backend", [ReadOnlyStorage, FullDiskStorage])
def test_a_failing_store_says_so_and_keeps_nothing(letter_page, settings, caplog, backend):
    failing_store(settings, backend)

    with caplog.at_level(logging.ERROR, logger="cases.services"):
        response = letter_page(PDF_BYTES)

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "The letter could not be stored: nothing was saved. Try again; if it happens again "
        "tell your administrator."
    ) in html
    assert 'href="#id_copy"' in html
    assert not CaseLetter.objects.exists()
    assert not CaseEvent.objects.filter(name__startswith="case.letter.").exists()
    assert stored_files(settings) == []  # the part a full disk took is removed
    [record] = caplog.records
    assert record.exc_info and f"case {letter_page.case.pk}" in record.getMessage()
    assert "%PDF" not in caplog.text  # where it failed is logged, never the file's contents


def test_a_failing_store_leaves_a_reopening_unrecorded(reopen_page, settings):
    failing_store(settings, ReadOnlyStorage)

    response = reopen_page(PDF_BYTES)

    assert (
        "The letter or direction could not be stored: nothing was saved."
        in response.content.decode()
    )
    assert not Reopening.objects.exists()
    assert Case.objects.get(pk=reopen_page.case.pk).stage == Stage.OTHER_REVIEW_LEADS
    assert stored_files(settings) == []


def test_a_transaction_that_fails_after_the_file_was_stored_takes_the_file_with_it(
    letter_page, settings, monkeypatch
):
    # Fault injection: the step after the letter's row and file are written fails.
    def event_store_down(**kwargs):
        raise RuntimeError("the event could not be written")

    monkeypatch.setattr(services, "record_event", event_store_down)

    with pytest.raises(RuntimeError):
        services.record_letter(
            case=letter_page.case,
            by=letter_page.officer,
            recipient="home_office",
            sent_on=clocks.today(),
            method="email",
            copy=SimpleUploadedFile("letter.pdf", PDF_BYTES),
        )

    assert not CaseLetter.objects.exists()
    assert stored_files(settings) == []
