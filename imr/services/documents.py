"""Documents added to an IMR (issue 10, "Uploads"): each through dhr.uploads, so a
document is checked, scanned when a scanner is configured, stored privately under a random
name and listed as a StoredDocument, together with its row or not at all."""

import logging

from django.core.files.uploadedfile import UploadedFile

from cases.models import StoredDocument
from cases.services import CaseActionRefused, record_event
from dhr import uploads

from ..models import Imr, ImrDocument
from .writing import locked_for_writing

logger = logging.getLogger(__name__)


def keep_document(record, field: str, upload: UploadedFile, *, what: str) -> StoredDocument:
    """Store `upload` as `record`'s file `field` (inside an atomic_with_documents service)
    and return its StoredDocument, or refuse next to the field when the document store
    fails: the transaction then rolls back, so nothing of the upload is kept."""
    try:
        uploads.store_document(record, field, upload)
    except OSError:
        # The traceback names the storage path and the error, never the file's contents.
        logger.exception("Could not store an uploaded document for case %s", record.case_id)
        raise CaseActionRefused(
            f"{what} could not be stored: nothing was saved. Try again; if it happens again "
            "tell your administrator.",
            field=field,
        ) from None
    return StoredDocument.objects.get(name=getattr(record, field).name)


def documents_of(imr: Imr):
    return imr.documents.select_related("stored", "uploaded_by")


@uploads.atomic_with_documents
def add_document(*, imr: Imr, by, kind: str, description: str, file: UploadedFile) -> ImrDocument:
    """The author (or the senior manager) adds a document to the agency's draft IMR."""
    imr = locked_for_writing(imr, by=by)
    document = ImrDocument(
        imr=imr,
        kind=kind,
        description=description.strip(),
        # Django has stripped any path the browser sent; only the name is shown.
        file_name=file.name[:200],
        uploaded_by=by,
    )
    document.stored = keep_document(document, "file", file, what="The document")
    document._history_user = by
    document.save()
    record_event(
        case=imr.case,
        name="imr.document.added",
        description=f"{document.get_kind_display()} added to {imr.agency}'s IMR",
        actor=by,
    )
    return document
