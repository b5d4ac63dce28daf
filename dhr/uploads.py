"""The one way a document comes into the service (DESIGN §6, uploads).

Every upload form uses `DocumentField`, which runs `check_document`: a PDF, or where the field
allows it a Word document (DOCX), recognised by its content, not its name, within the size
limit, and refused when it carries what could run or hide something on a reader's machine
(PDF: JavaScript, files embedded in it, actions that launch a program; DOCX: dhr/docx.py).
When a virus scanner is configured (DHR_CLAMD_ADDRESS) the document is then scanned, and
refused when it is infected or when the scanner cannot be asked.

A service that keeps a document writes it with `store_document` inside a function marked
`atomic_with_documents`, so a document and its row are kept together or not at all; each
stored document is listed (cases.StoredDocument) with its kind and whether it was scanned.

A request too big to read is answered by `UploadLimitMiddleware` with a page saying so.
"""

import functools
import logging
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import PurePosixPath

import pikepdf
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
    ValidationError,
)
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.shortcuts import render
from django.utils.functional import lazy

from . import antivirus, docx

logger = logging.getLogger(__name__)


class Kind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word document (DOCX)"


class Scan(models.TextChoices):
    CLEAN = "clean", "Scanned, nothing found"
    # Stored while no scanner was configured (DHR_CLAMD_ADDRESS).
    NOT_SCANNED = "not_scanned", "Not scanned"


PDF_ONLY = (Kind.PDF,)
PDF_OR_DOCX = (Kind.PDF, Kind.DOCX)

# The first bytes of each kind: a PDF's header, a ZIP archive's first local header (nothing
# may come before it), and an OLE compound file (.doc, or a DOCX with a password).
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
COMPOUND_FILE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Names and action types that make a PDF do something beyond showing its pages. Keys and
# values both count: /JS and /JavaScript carry scripts (document, page, field and link
# actions); /EmbeddedFile(s) carry other files; /Launch starts a program.
JAVASCRIPT = {"/JS", "/JavaScript"}
EMBEDDED_FILES = {"/EmbeddedFile", "/EmbeddedFiles"}
LAUNCH = {"/Launch"}


@dataclass(frozen=True)
class CheckedDocument:
    """What check_document found, carried on the upload to store_document."""

    kind: str
    scan: str


def check_document(
    upload: UploadedFile, *, what: str = "the document", kinds: tuple[str, ...] = PDF_ONLY
) -> CheckedDocument:
    """Raise ValidationError, in words for the person uploading `what`, unless `upload` is a
    document of one of `kinds` the service may keep; scan it when a scanner is configured."""
    if not upload.size:
        raise ValidationError(f"The copy of {what} is empty. Choose the file again.", code="empty")
    if upload.size > settings.DHR_UPLOAD_MAX_BYTES:
        limit = docx.in_megabytes(settings.DHR_UPLOAD_MAX_BYTES)
        raise ValidationError(f"The copy of {what} must be smaller than {limit}.", code="too_big")
    upload.seek(0)
    head = upload.read(len(COMPOUND_FILE_MAGIC))
    upload.seek(0)
    if head.startswith(PDF_MAGIC) and Kind.PDF in kinds:
        kind = Kind.PDF
        _check_pdf(upload, what=what)
    elif head.startswith(ZIP_MAGIC) and Kind.DOCX in kinds:
        kind = Kind.DOCX
        try:
            docx.check_docx(upload, what=what)
        finally:
            upload.seek(0)
    elif head == COMPOUND_FILE_MAGIC and Kind.DOCX in kinds:
        docx.refuse_compound_file(upload, what=what)
    else:
        raise ValidationError(
            f"The copy of {what} must be {_kinds_in_words(kinds)}.", code="wrong_type"
        )
    checked = CheckedDocument(kind=kind, scan=scan_document(upload, what=what))
    upload.document_check = checked
    return checked


def _kinds_in_words(kinds: tuple[str, ...]) -> str:
    return " or ".join(f"a {Kind(kind).label}" for kind in kinds)


def scan_document(upload: UploadedFile, *, what: str) -> str:
    """Scan `upload` with clamd when DHR_CLAMD_ADDRESS is set (Scan.CLEAN), refusing it when
    something is found or no verdict comes; otherwise Scan.NOT_SCANNED. Never stores
    anything unscanned while a scanner is configured: no verdict, no document."""
    if not settings.DHR_CLAMD_ADDRESS:
        return Scan.NOT_SCANNED
    upload.seek(0)
    try:
        found = antivirus.scan(
            upload, address=settings.DHR_CLAMD_ADDRESS, timeout=settings.DHR_CLAMD_TIMEOUT
        )
    except antivirus.ScanFailed:
        logger.exception("upload.scan_failed")
        raise ValidationError(
            f"The copy of {what} could not be checked for viruses just now, so it was not "
            "saved. Try again in a few minutes; if it happens again tell your administrator.",
            code="scan_failed",
        ) from None
    finally:
        upload.seek(0)
    if found:
        # For administrators: what was found, in which file. The file itself is not kept.
        logger.error(
            "upload.infected",
            extra={"found": found, "file_name": upload.name, "size": upload.size, "what": what},
        )
        raise ValidationError(
            f"The virus scanner found something harmful in the copy of {what} ({found}), so "
            "it was not saved. Do not open the file again; tell your IT team where it came "
            "from.",
            code="infected",
        )
    return Scan.CLEAN


def _check_pdf(upload: UploadedFile, *, what: str) -> None:
    try:
        with pikepdf.open(upload) as pdf:
            found = _active_content(pdf)
    except pikepdf.PasswordError:
        raise ValidationError(
            f"The copy of {what} is protected by a password. Upload a copy without one.",
            code="encrypted",
        ) from None
    except pikepdf.PdfError:
        raise ValidationError(
            f"The copy of {what} is not a PDF that can be opened: it may be damaged. Save it "
            "again as a PDF and upload that.",
            code="damaged",
        ) from None
    finally:
        upload.seek(0)
    if found & JAVASCRIPT:
        raise ValidationError(
            f"The copy of {what} contains JavaScript, which could run when it is opened. Save "
            "it again without scripts (for example, print it to PDF) and upload that.",
            code="javascript",
        )
    if found & EMBEDDED_FILES:
        raise ValidationError(
            f"The copy of {what} has other files embedded in it. Upload a PDF with nothing "
            "attached (for example, print it to PDF).",
            code="embedded_files",
        )
    if found & LAUNCH:
        raise ValidationError(
            f"The copy of {what} has an action that starts another program. Save it again "
            "without it (for example, print it to PDF) and upload that.",
            code="launch",
        )


def _active_content(pdf: pikepdf.Pdf) -> set[str]:
    """The names from JAVASCRIPT, EMBEDDED_FILES and LAUNCH used anywhere in `pdf`, as a
    dictionary key or a name value. Every indirect object is visited (qpdf unpacks object
    streams and the #xx escapes in names), and within each its direct dictionaries and arrays,
    where actions often sit (a link's /A, a page's /AA)."""
    wanted = JAVASCRIPT | EMBEDDED_FILES | LAUNCH
    found: set[str] = set()

    def _visit_direct(obj) -> None:
        # Numbers, strings and booleans come back as Python values; indirect objects are
        # visited on their own, once.
        if isinstance(obj, pikepdf.Object) and not obj.is_indirect:
            visit(obj)

    def visit(obj) -> None:
        if isinstance(obj, pikepdf.Name):
            if str(obj) in wanted:
                found.add(str(obj))
        elif isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            for key in obj.keys():  # noqa: SIM118 (a Stream iterates its data, not its keys)
                if key in wanted:
                    found.add(key)
                _visit_direct(obj.get(key))
        elif isinstance(obj, pikepdf.Array):
            for item in obj:
                _visit_direct(item)

    for obj in pdf.objects:
        visit(obj)
    visit(pdf.trailer)
    return found


def _help_text(kinds: tuple[str, ...]) -> str:
    names = " or ".join("Word (DOCX)" if kind == Kind.DOCX else "PDF" for kind in kinds)
    return f"A {names} file, {docx.in_megabytes(settings.DHR_UPLOAD_MAX_BYTES)} at most."


class DocumentField(forms.FileField):
    """An upload of a document, checked by check_document; `what` names it in the messages
    ("the letter"), `kinds` says which kinds it takes (PDF_ONLY, the default, or
    PDF_OR_DOCX)."""

    ACCEPT = {
        Kind.PDF: "application/pdf",
        Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }

    def __init__(self, *, what: str, kinds: tuple[str, ...] = PDF_ONLY, **kwargs):
        self.what = what
        self.kinds = kinds
        # Lazy: the size limit is a setting, read when the page is drawn.
        kwargs.setdefault("help_text", lazy(_help_text, str)(kinds))
        accept = ",".join(self.ACCEPT[kind] for kind in kinds)
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": accept}))
        super().__init__(**kwargs)
        self.error_messages["empty"] = f"The copy of {what} is empty. Choose the file again."

    def validate(self, value):
        super().validate(value)
        if value:
            check_document(value, what=self.what, kinds=self.kinds)


# The documents stored by the atomic_with_documents call running now, as (storage, name).
_stored: ContextVar[list | None] = ContextVar("documents_stored", default=None)


def atomic_with_documents(func):
    """transaction.atomic for a service that stores documents with store_document: when its
    transaction does not commit (a refusal, a database error, a failed commit), the documents
    it stored are deleted again, so no document is left without its row. (A caller's own
    transaction that rolls back after the service returned is not seen: only the demo loader
    wraps these services so.)"""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        stored = []
        token = _stored.set(stored)
        try:
            with transaction.atomic():
                return func(*args, **kwargs)
        except BaseException:
            for storage, name in stored:
                _delete(storage, name)
            raise
        finally:
            _stored.reset(token)

    return wrapper


def store_document(record: models.Model, field: str, upload: UploadedFile) -> None:
    """Write `upload` to storage under the random name the record's file `field` gives it
    (with the extension of the kind it was found to be), point the field at it and list it
    as a StoredDocument, scanned or not; the row itself is saved by the caller, in the same
    transaction. Raises OSError when the storage refuses (read-only, full), having removed
    whatever part of the file was written."""
    stored = _stored.get()
    if stored is None:
        raise RuntimeError("store_document runs inside an atomic_with_documents service.")
    checked = getattr(upload, "document_check", None) or _check_unchecked(upload)
    file_field = record._meta.get_field(field)
    storage = file_field.storage
    name = file_field.generate_filename(record, upload.name)
    name = str(PurePosixPath(name).with_suffix(f".{checked.kind}"))
    try:
        name = storage.save(name, upload, max_length=file_field.max_length)
    except OSError:
        _delete(storage, name)
        raise
    stored.append((storage, name))
    setattr(record, file_field.attname, name)
    apps.get_model("cases", "StoredDocument").objects.create(
        name=name,
        # The record's case, when it belongs to one (a letter, an IMR), for administrators.
        case_id=getattr(record, "case_id", None),
        kind=checked.kind,
        size=upload.size,
        scan=checked.scan,
    )


def _check_unchecked(upload: UploadedFile) -> CheckedDocument:
    """An upload that did not come through a DocumentField (the demo loader calls services
    directly with its own sample files) is still scanned: nothing is stored unscanned while
    a scanner is configured."""
    upload.seek(0)
    kind = Kind.DOCX if upload.read(len(ZIP_MAGIC)) == ZIP_MAGIC else Kind.PDF
    upload.seek(0)
    return CheckedDocument(kind=kind, scan=scan_document(upload, what="the document"))


def _delete(storage, name: str) -> None:
    # The failure being cleaned up after is the one to report; this one only leaves a file
    # without a row for an administrator to remove.
    try:
        storage.delete(name)
    except OSError:
        logger.exception("A document that was not kept could not be removed: %s", name)


# How much more than the request limit is read and thrown away to show the page (_too_big).
DRAIN_AT_MOST = 4


class UploadLimitMiddleware:
    """Answers a request too big to take with a page that says so, instead of Django's bare
    400: one whose body is over DHR_UPLOAD_REQUEST_MAX_BYTES (refused before it is read), or
    one that breaks Django's own limits while its form is read (DATA_UPLOAD_MAX_MEMORY_SIZE
    for the fields that are not files, DATA_UPLOAD_MAX_NUMBER_FILES). Django raises those
    from wherever request.POST is first read, in CsrfViewMiddleware, where nothing can turn
    them into a page; so a POST's form is read here, before it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _content_length(request) > settings.DHR_UPLOAD_REQUEST_MAX_BYTES:
            return _too_big(request)
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 (read now, where a refusal can still be a page)
            except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
                return _too_big(request)
        return self.get_response(request)


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _too_big(request):
    logger.warning(
        "upload.request_too_big",
        extra={"path": request.path, "content_length": _content_length(request)},
    )
    # Read what is left of the body (and throw it away), so the browser, still sending it,
    # gets this page rather than a reset connection. A body far over the limit is not worth
    # reading; the proxy's own body limit should have stopped it already.
    if _content_length(request) <= DRAIN_AT_MOST * settings.DHR_UPLOAD_REQUEST_MAX_BYTES:
        try:
            while request.read(64 * 1024):
                pass
        except OSError:  # the browser gave up: nobody is left to read the page
            pass
    return render(
        request,
        "upload_too_big.html",
        {
            "file_limit": docx.in_megabytes(settings.DHR_UPLOAD_MAX_BYTES),
            "request_limit": docx.in_megabytes(settings.DHR_UPLOAD_REQUEST_MAX_BYTES),
            "file_count_limit": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
            "form_url": request.get_full_path(),
        },
        status=413,
    )
