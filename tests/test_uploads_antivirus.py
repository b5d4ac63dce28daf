"""With a virus scanner configured (DHR_CLAMD_ADDRESS), every upload is streamed to clamd
before it is stored: an infected one is refused and logged, and none is stored unscanned when
clamd cannot answer. Without one, each stored document says it was not scanned. The clamd
here is a real socket server speaking the INSTREAM protocol."""

import logging
import socket
import socketserver
import struct
import threading
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases import clocks, services
from cases.models import CaseLetter, StoredDocument
from dhr.uploads import Scan
from tests.case_factories import (
    PDF_BYTES,
    administrator,
    case_under_review,
    partnership_with_staff,
)
from tests.test_uploads import letter_page, stored_files  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

# The EICAR test file: every scanner reports it, and it harms nothing.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
INFECTED_PDF = PDF_BYTES + b"\n%" + EICAR + b"\n"


class FakeClamd(socketserver.StreamRequestHandler):
    """Answers one INSTREAM command as clamd does; keeps what it was sent."""

    def handle(self):
        command = self.rfile.read(len(b"zINSTREAM\0"))
        if command != b"zINSTREAM\0":
            self.wfile.write(b"UNKNOWN COMMAND\0")
            return
        received = b""
        while length := struct.unpack("!L", self.rfile.read(4))[0]:
            received += self.rfile.read(length)
        self.server.received.append(received)
        self.wfile.write(self.server.answer(received))


def clamd_answer(received: bytes) -> bytes:
    return b"stream: Eicar-Signature FOUND\0" if EICAR in received else b"stream: OK\0"


@pytest.fixture
def clamd(settings):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), FakeClamd)
    server.daemon_threads = True
    server.received = []
    server.answer = clamd_answer
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.DHR_CLAMD_ADDRESS = f"127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def test_a_clean_upload_is_scanned_before_it_is_stored(letter_page, clamd):  # noqa: F811
    response = letter_page(PDF_BYTES)

    assert response.status_code == 302
    assert clamd.received == [PDF_BYTES]
    letter = CaseLetter.objects.get()
    assert StoredDocument.objects.get(name=letter.copy.name).scan == Scan.CLEAN


def test_an_infected_upload_is_refused_logged_and_not_kept(
    letter_page,  # noqa: F811
    clamd,
    settings,
    caplog,
):
    with caplog.at_level(logging.ERROR, logger="dhr.uploads"):
        response = letter_page(INFECTED_PDF, name="minutes.pdf")

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "The virus scanner found something harmful in the copy of the letter "
        "(Eicar-Signature), so it was not saved."
    ) in html
    assert 'href="#id_copy"' in html
    assert not CaseLetter.objects.exists()
    assert not StoredDocument.objects.exists()
    assert stored_files(settings) == []
    [record] = caplog.records
    assert record.getMessage() == "upload.infected"
    assert (record.found, record.file_name) == ("Eicar-Signature", "minutes.pdf")


def test_when_clamd_cannot_be_reached_nothing_is_stored_unscanned(letter_page, settings):  # noqa: F811
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    settings.DHR_CLAMD_ADDRESS = f"127.0.0.1:{port}"  # nothing listens there

    response = letter_page(PDF_BYTES)

    assert (
        "The copy of the letter could not be checked for viruses just now, so it was not "
        "saved. Try again in a few minutes"
    ) in response.content.decode()
    assert not CaseLetter.objects.exists()
    assert stored_files(settings) == []


def test_when_clamd_gives_no_verdict_nothing_is_stored(letter_page, clamd, settings):  # noqa: F811
    clamd.answer = lambda received: b"INSTREAM size limit exceeded. ERROR\0"

    response = letter_page(PDF_BYTES)

    assert "could not be checked for viruses just now" in response.content.decode()
    assert not CaseLetter.objects.exists()
    assert stored_files(settings) == []


def test_clamd_on_a_unix_socket(letter_page, settings, tmp_path):  # noqa: F811
    path = str(tmp_path / "clamd.ctl")
    server = socketserver.ThreadingUnixStreamServer(path, FakeClamd)
    server.received, server.answer = [], clamd_answer
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.DHR_CLAMD_ADDRESS = path
    try:
        response = letter_page(INFECTED_PDF)
    finally:
        server.shutdown()
        server.server_close()

    assert "found something harmful" in response.content.decode()
    assert len(server.received) == 1


def test_a_service_called_directly_still_scans(letter_page, clamd, settings):  # noqa: F811
    # As the demo loader does: no form, so no check until the document is stored.
    with pytest.raises(ValidationError):
        services.record_letter(
            case=letter_page.case,
            by=letter_page.officer,
            recipient="home_office",
            sent_on=clocks.today(),
            method="email",
            copy=SimpleUploadedFile("letter.pdf", INFECTED_PDF),
        )

    assert not CaseLetter.objects.exists()
    assert stored_files(settings) == []


def test_without_a_scanner_documents_are_marked_not_scanned_for_administrators(
    letter_page,  # noqa: F811
    client,
    settings,
):
    assert not settings.DHR_CLAMD_ADDRESS
    letter_page(PDF_BYTES)
    letter = CaseLetter.objects.get()
    stored = StoredDocument.objects.get()
    assert (stored.name, stored.scan, stored.size) == (
        letter.copy.name,
        Scan.NOT_SCANNED,
        len(PDF_BYTES),
    )

    client.force_login(administrator())
    response = client.get(reverse("admin:cases_storeddocument_changelist"))

    html = response.content.decode()
    assert letter.copy.name in html
    assert ">Not scanned</td>" in html
    assert Path(settings.STORAGES["default"]["OPTIONS"]["location"], letter.copy.name).exists()


@pytest.mark.parametrize("rows", [1, 50])
def test_the_stored_documents_list_costs_the_same_at_any_length(
    client, django_assert_max_num_queries, rows
):
    partnership, officer, _ = partnership_with_staff()
    case = case_under_review(partnership, officer)
    StoredDocument.objects.bulk_create(
        StoredDocument(name=f"letters/{n}.pdf", case=case, kind="pdf", size=1, scan=Scan.CLEAN)
        for n in range(rows)
    )
    client.force_login(administrator())

    with django_assert_max_num_queries(12):
        response = client.get(reverse("admin:cases_storeddocument_changelist"))

    assert response.content.decode().count(case.reference) >= rows
