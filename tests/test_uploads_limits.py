"""Size limits: a file over the per-file limit is refused next to its field; a request over
the per-request limit, or over Django's own limits on what it reads, gets a page that says
so (413), never a bare 400 or 500; and an empty file, or one whose name carries a path, is
dealt with too."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import CaseLetter
from tests.case_factories import PDF_BYTES
from tests.test_uploads import letter_page, stored_files  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

TOO_BIG_PAGE = "The file is too big to upload"


def form_url(case) -> str:
    return reverse("cases:record_letter", kwargs={"reference": case.reference})


@pytest.fixture
def small_limits(settings):
    settings.DHR_UPLOAD_MAX_BYTES = 256 * 1024
    settings.DHR_UPLOAD_REQUEST_MAX_BYTES = 512 * 1024


def test_a_file_over_the_per_file_limit_is_refused_next_to_its_field(
    letter_page,  # noqa: F811
    small_limits,
):
    response = letter_page(PDF_BYTES + b"%" * 300 * 1024)

    html = response.content.decode()
    assert response.status_code == 200
    assert "The copy of the letter must be smaller than 0.25 MB." in html
    assert 'href="#id_copy"' in html


def test_a_request_over_the_limit_gets_a_page_saying_so(
    letter_page,  # noqa: F811
    small_limits,
    settings,
):
    response = letter_page(PDF_BYTES + b"%" * 600 * 1024)

    html = response.content.decode()
    assert response.status_code == 413
    assert TOO_BIG_PAGE in html
    assert "Each file must be 0.25 MB or smaller" in html
    assert "everything sent with one form 0.5 MB at most" in html
    # Back to the form it came from.
    assert f'href="{form_url(letter_page.case)}">Go back to the form' in html
    assert not CaseLetter.objects.exists()
    assert stored_files(settings) == []


def test_too_many_files_in_one_request_get_the_same_page(letter_page, client, settings):  # noqa: F811
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 1
    url = form_url(letter_page.case)

    response = client.post(
        url,
        {
            "copy": SimpleUploadedFile("letter.pdf", PDF_BYTES),
            "other": SimpleUploadedFile("other.pdf", PDF_BYTES),
        },
    )

    assert response.status_code == 413
    assert TOO_BIG_PAGE in response.content.decode()


def test_too_much_text_in_the_form_gets_the_same_page(letter_page, client, settings):  # noqa: F811
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    url = form_url(letter_page.case)

    response = client.post(url, {"method": "x" * 2048})

    assert response.status_code == 413
    assert TOO_BIG_PAGE in response.content.decode()


def test_an_empty_file_is_refused_with_a_message(letter_page, settings):  # noqa: F811
    response = letter_page(b"")

    assert "The copy of the letter is empty. Choose the file again." in response.content.decode()
    assert not CaseLetter.objects.exists()


def test_a_path_in_the_file_name_is_never_used(letter_page, settings):  # noqa: F811
    response = letter_page(PDF_BYTES, name="..\\..\\Windows\\System32\\letter.pdf")

    assert response.status_code == 302
    letter = CaseLetter.objects.get()
    # Only the last part is kept, for display; the stored name is random.
    assert letter.copy_name == "letter.pdf"
    [stored] = stored_files(settings)
    assert stored.parent.name == "letters" and stored.name != "letter.pdf"
