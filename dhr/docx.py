"""The DOCX part of the upload check (dhr/uploads.py).

A DOCX is a ZIP archive of XML parts. Its archive is checked first, from the central
directory alone (names, sizes, flags), so a zip bomb or a path that climbs out of the
document is refused before any part is read. Then its content types and relationships say
whether it is a Word document and whether it carries what could run or hide something on a
reader's machine: macros, ActiveX controls, embedded objects and files, a template or content
fetched from elsewhere. Last, every part is read once, within the limits, so a part whose
real size or checksum is not the one the directory claims is refused as damaged.
"""

import re
import zipfile
import zlib
from typing import NoReturn
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

WORD_DOCUMENT = "word/document.xml"
WORD_DOCUMENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
CONTENT_TYPES = "[Content_Types].xml"
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELATIONSHIPS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# An entry this small cannot overwhelm anything whatever its ratio (an empty part compresses
# to a few bytes); the ratio limit is for the parts that expand to something.
RATIO_APPLIES_FROM_BYTES = 64 * 1024
READ_CHUNK_BYTES = 1024 * 1024
DRIVE_LETTER = re.compile(r"^[A-Za-z]:")
LOCAL_PATH = re.compile(r"^[a-z]:/")

# What makes a Word document run code: VBA projects (a .docm, or a .docx renamed from one),
# ActiveX controls, and objects or files embedded in it (OLE objects run their program when
# opened; an embedded workbook is a file the check never saw).
MACRO_PARTS = {"vbaproject.bin", "vbadata.xml"}
MACRO_TYPES = ("macroenabled", "vbaproject", "vbadata")
ACTIVEX_TYPES = ("activex",)
EMBEDDED_TYPES = ("oleobject",)
# Relationships that make Word fetch and open something from outside the document, the way
# "remote template" attacks deliver macros to a file that has none.
EXTERNAL_CONTENT = ("/attachedTemplate", "/subDocument", "/frame", "/oleObject", "/aFChunk")
# Content from another format (HTML, RTF, another document) inside the document.
EMBEDDED_RELATIONSHIPS = ("/aFChunk", "/oleObject", "/package")

MB = 1024 * 1024
RESAVE = "Save it again from Word as a Word document (.docx) and upload that."


def in_megabytes(size: int) -> str:
    """A size limit as people read it: "10 MB", "2.5 MB"."""
    return f"{size / MB:g} MB"


def check_docx(upload: UploadedFile, *, what: str) -> None:
    """Raise ValidationError, in words for the person uploading `what`, unless `upload` is a
    Word document (DOCX) the service may keep."""
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise _damaged(what) from None
    with archive:
        entries = archive.infolist()
        _check_archive(entries, what=what)
        content_types = _content_types(archive, what=what)
        _check_active_content(entries, content_types, what=what)
        if content_types.get("/" + WORD_DOCUMENT) != WORD_DOCUMENT_TYPE:
            raise ValidationError(
                f"The copy of {what} must be a PDF or a Word document (DOCX).", code="wrong_type"
            )
        _read_every_part(archive, entries, what=what)
        _check_relationships(archive, entries, what=what)


def _check_archive(entries: list[zipfile.ZipInfo], *, what: str) -> None:
    """From the central directory alone: nothing in it is read yet."""
    if len(entries) > settings.DHR_DOCX_MAX_ENTRIES:
        raise ValidationError(
            f"The copy of {what} has more parts than a Word document has (more than "
            f"{settings.DHR_DOCX_MAX_ENTRIES:,}). {RESAVE}",
            code="too_many_parts",
        )
    if sum(entry.file_size for entry in entries) > settings.DHR_DOCX_MAX_EXPANDED_BYTES:
        limit = in_megabytes(settings.DHR_DOCX_MAX_EXPANDED_BYTES)
        raise ValidationError(
            f"The copy of {what} would take up more than {limit} when opened. Save it again "
            "with smaller pictures, or as a PDF, and upload that.",
            code="too_big_expanded",
        )
    for entry in entries:
        if entry.file_size > RATIO_APPLIES_FROM_BYTES and (
            entry.file_size > entry.compress_size * settings.DHR_DOCX_MAX_COMPRESSION_RATIO
        ):
            raise ValidationError(
                f"The copy of {what} is packed far tighter than a Word document can be, as "
                f"files made to overwhelm a computer are. {RESAVE}",
                code="zip_bomb",
            )
    names = [entry.orig_filename for entry in entries]
    if any(_unsafe_name(name) for name in names) or len(set(names)) != len(names):
        raise ValidationError(
            f"The copy of {what} has a part whose name points outside the document (such as "
            f"“../”, “/” or “C:”). {RESAVE}",
            code="unsafe_path",
        )
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise _encrypted(what)


def _unsafe_name(name: str) -> bool:
    return (
        name.startswith("/")
        or "\\" in name
        or "\0" in name
        or DRIVE_LETTER.match(name) is not None
        or ".." in name.split("/")
    )


def _content_types(archive: zipfile.ZipFile, *, what: str) -> dict[str, str]:
    """Each part name (and "*.ext" for each default) with its content type, lower-cased
    types; wrong_type when there is no [Content_Types].xml, as in any other ZIP file."""
    try:
        root = _parse_xml(archive.read(CONTENT_TYPES), what=what)
    except KeyError:
        raise ValidationError(
            f"The copy of {what} must be a PDF or a Word document (DOCX).", code="wrong_type"
        ) from None
    types = {}
    for item in root:
        content_type = item.get("ContentType", "")
        if item.tag == CONTENT_TYPES_NS + "Override":
            types[item.get("PartName", "")] = content_type
        elif item.tag == CONTENT_TYPES_NS + "Default":
            types["*." + item.get("Extension", "").lower()] = content_type
    return types


def _check_active_content(
    entries: list[zipfile.ZipInfo], content_types: dict[str, str], *, what: str
) -> None:
    names = [entry.filename.lower() for entry in entries]
    types = [content_type.lower() for content_type in content_types.values()]
    if any(name.rsplit("/", 1)[-1] in MACRO_PARTS for name in names) or _any_type(
        types, MACRO_TYPES
    ):
        raise ValidationError(
            f"The copy of {what} contains macros, which could run when it is opened. Save it "
            "as a Word document (.docx, not .docm) without macros, or as a PDF, and upload "
            "that.",
            code="macros",
        )
    if any("/activex/" in f"/{name}" for name in names) or _any_type(types, ACTIVEX_TYPES):
        raise ValidationError(
            f"The copy of {what} contains ActiveX controls, which could run when it is "
            "opened. Remove them, or save it as a PDF, and upload that.",
            code="activex",
        )
    if any("/embeddings/" in f"/{name}" for name in names) or _any_type(types, EMBEDDED_TYPES):
        raise _embedded(what)


def _any_type(types: list[str], words: tuple[str, ...]) -> bool:
    return any(word in content_type for content_type in types for word in words)


def _read_every_part(
    archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], *, what: str
) -> None:
    """Read each part to its end: zipfile stops at the size the directory declared and
    checks the part's CRC there, so a part that is not what the directory says fails here
    having expanded no further than the limits already checked."""
    try:
        for entry in entries:
            with archive.open(entry) as part:
                while part.read(READ_CHUNK_BYTES):
                    pass
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        raise _damaged(what) from None


def _check_relationships(
    archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], *, what: str
) -> None:
    for entry in entries:
        if not entry.filename.endswith(".rels"):
            continue
        for relationship in _parse_xml(archive.read(entry), what=what):
            kind = relationship.get("Type", "")
            external = relationship.get("TargetMode", "") == "External"
            target = relationship.get("Target", "")
            if external and kind.endswith(EXTERNAL_CONTENT) and _elsewhere(target):
                raise ValidationError(
                    f"The copy of {what} links to a template or content elsewhere that Word "
                    "would fetch when it is opened. Save it again without the link, or as a "
                    "PDF, and upload that.",
                    code="external_content",
                )
            if kind.endswith(EMBEDDED_RELATIONSHIPS):
                raise _embedded(what)


def _elsewhere(target: str) -> bool:
    """Whether an external target is on another machine (a web address, \\\\server\\share,
    file://server/) rather than this one's disk: a document made from a template keeps the
    template's local path (file:///C:/…/Letter.dotm), which a reader's Word cannot be made
    to fetch from anyone else."""
    target = target.strip().lower().replace("\\", "/")
    return not (target.startswith("file:///") or LOCAL_PATH.match(target))


def _parse_xml(data: bytes, *, what: str) -> ElementTree.Element:
    """Parts written by Word never declare a DTD; one that does could define entities that
    expand without end (the "billion laughs"), so it is refused before the parser sees it."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise _damaged(what)
    try:
        return ElementTree.fromstring(data)  # noqa: S314 (no DTD, so no entities: above)
    except ElementTree.ParseError:
        raise _damaged(what) from None


def refuse_compound_file(upload: UploadedFile, *, what: str) -> NoReturn:
    """Refuse an OLE compound file, the container of Word's older .doc files and of a DOCX
    protected by a password: Word keeps those in a stream named EncryptedPackage, whose name
    the file's directory holds in UTF-16."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise _encrypted(what)
    raise ValidationError(
        f"The copy of {what} is an older Word document (.doc). Save it as a Word document "
        "(.docx) or a PDF and upload that.",
        code="old_word_format",
    )


def _damaged(what: str) -> ValidationError:
    return ValidationError(
        f"The copy of {what} is not a Word document that can be opened: it may be damaged. "
        f"{RESAVE}",
        code="damaged",
    )


def _encrypted(what: str) -> ValidationError:
    return ValidationError(
        f"The copy of {what} is protected by a password. Upload a copy without one.",
        code="encrypted",
    )


def _embedded(what: str) -> ValidationError:
    return ValidationError(
        f"The copy of {what} has other files or objects embedded in it. Remove them (paste "
        "a picture instead of an object), or save it as a PDF, and upload that.",
        code="embedded_files",
    )
