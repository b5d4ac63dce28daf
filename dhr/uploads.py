"""The one way a document comes into the service (DESIGN §6, uploads).

Every upload form uses `DocumentField`, which runs `check_document`: PDF only for now (DOCX
comes with its own archive checks), recognised by its content, not its name, within the size
limit, and refused when it carries what could run or hide something on a reader's machine:
JavaScript, files embedded in it, actions that launch a program.

A service that keeps a document writes it with `store_document` inside a function marked
`atomic_with_documents`, so a document and its row are kept together or not at all.
"""

import functools
import logging
from contextvars import ContextVar

import pikepdf
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction

logger = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

# Names and action types that make a PDF do something beyond showing its pages. Keys and
# values both count: /JS and /JavaScript carry scripts (document, page, field and link
# actions); /EmbeddedFile(s) carry other files; /Launch starts a program.
JAVASCRIPT = {"/JS", "/JavaScript"}
EMBEDDED_FILES = {"/EmbeddedFile", "/EmbeddedFiles"}
LAUNCH = {"/Launch"}


def check_document(upload: UploadedFile, *, what: str = "the document") -> None:
    """Raise ValidationError, in words for the person uploading `what`, unless `upload` is a
    PDF the service may keep."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(f"The copy of {what} must be smaller than 10 MB.", code="too_big")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError(f"The copy of {what} must be a PDF.", code="not_pdf")
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


class DocumentField(forms.FileField):
    """An upload of a document, checked by check_document; `what` names it in the messages
    ("the letter")."""

    def __init__(self, *, what: str, **kwargs):
        self.what = what
        kwargs.setdefault("help_text", "A PDF file, 10 MB at most.")
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": "application/pdf"}))
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value:
            check_document(value, what=self.what)


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
    """Write `upload` to storage under the random name the record's file `field` gives it,
    and point the field at it; the row itself is saved by the caller, in the same
    transaction. Raises OSError when the storage refuses (read-only, full), having removed
    whatever part of the file was written."""
    stored = _stored.get()
    if stored is None:
        raise RuntimeError("store_document runs inside an atomic_with_documents service.")
    file_field = record._meta.get_field(field)
    storage = file_field.storage
    name = file_field.generate_filename(record, upload.name)
    try:
        name = storage.save(name, upload, max_length=file_field.max_length)
    except OSError:
        _delete(storage, name)
        raise
    stored.append((storage, name))
    setattr(record, file_field.attname, name)


def _delete(storage, name: str) -> None:
    # The failure being cleaned up after is the one to report; this one only leaves a file
    # without a row for an administrator to remove.
    try:
        storage.delete(name)
    except OSError:
        logger.exception("A document that was not kept could not be removed: %s", name)
