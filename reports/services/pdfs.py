"""Rendering the three documents as PDFs (DESIGN §6; issue 11): a request finds or makes the
rendering of the document's present content and queues it once committed; a Celery worker
renders it with WeasyPrint (imr.pdf's renderer and its deny-by-default fetcher) and stores
the file privately. The same content asked for again reuses the file."""

import logging
import uuid
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cases.access import permissions_now
from cases.models import Case, User
from cases.services import CaseActionRefused, record_event
from imr import pdf
from reports.models import PdfDocument, RenderedPdf
from reports.selectors.pdfs import NothingToPrint, PrintedDocument, input_hash, printed_document

logger = logging.getLogger(__name__)

TEMPLATE = "reports/print/document.html"
STYLESHEET = "reports/print/report.css"
# The restricted draft's markings, on top of the report's stylesheet.
RESTRICTED_STYLESHEET = "reports/print/restricted.css"

# Who may ask for a rendering: the independent chair, who writes the report, and the
# partnership's officer and chair, who send it to the Home Office.
REQUESTERS = frozenset({"write_overview_report", "send_to_home_office"})

# A rendering left "rendering" this long after it was queued lost its worker (the task's
# hard time limit is 90 s): a second delivery of the task may take it over.
RENDERING_LEASE = timedelta(minutes=10)


def may_request(permissions: frozenset[str]) -> bool:
    return bool(REQUESTERS & permissions)


def request_rendering(*, case: Case, document: str, variant: str, by: User) -> RenderedPdf:
    """The rendering of `document`'s present content (the newest version, or the action
    plan as it stands) in `variant`: the one already made or under way when nothing has
    changed, otherwise a new one, queued for a worker once this transaction commits. A
    failed rendering asked for again is queued again."""
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("partnership").get(pk=case.pk)
        if not may_request(permissions_now(by, case)):
            raise CaseActionRefused("You may not ask for the report's PDFs.")
        try:
            printed = printed_document(case, document, variant)
        except NothingToPrint as nothing:
            raise CaseActionRefused(str(nothing), field="document") from None
        rendering, created = RenderedPdf.objects.get_or_create(
            case=case,
            document=document,
            variant=variant,
            content_hash=input_hash(printed),
            defaults={"version": _version_of(case, printed), "requested_by": by},
        )
        if created or rendering.status == RenderedPdf.Status.FAILED or _lost(rendering):
            _queue(rendering, by=by, again=not created)
    return rendering


def _lost(rendering: RenderedPdf) -> bool:
    """Waiting or being rendered long after it was queued: its message or its worker was
    lost, and asking again queues it again rather than leave its page waiting forever."""
    under_way = rendering.status in (RenderedPdf.Status.QUEUED, RenderedPdf.Status.RENDERING)
    return under_way and rendering.requested_at < timezone.now() - RENDERING_LEASE


def _version_of(case: Case, printed: PrintedDocument):
    if printed.version_number is None:
        return None
    return case.report_versions.get(document=printed.document, number=printed.version_number)


def _queue(rendering: RenderedPdf, *, by: User, again: bool) -> None:
    if again:
        rendering.status = RenderedPdf.Status.QUEUED
        rendering.failure = ""
        rendering.requested_by = by
        rendering.requested_at = timezone.now()
        rendering.finished_at = None
        rendering.save(
            update_fields=["status", "failure", "requested_by", "requested_at", "finished_at"]
        )
    record_event(
        case=rendering.case,
        name="report.pdf.requested",
        description=f"PDF asked for: {rendering}",
        actor=by,
    )
    transaction.on_commit(lambda: _send_to_worker(rendering.pk))


def _send_to_worker(rendering_id: int) -> None:
    # Imported here: the tasks module imports this one.
    from reports.tasks import render_pdf

    try:
        render_pdf.delay(rendering_id)
    except Exception:
        # The request is committed and shows "waiting"; asking again queues it again once
        # marked failed, so record the broker's refusal where the page shows it.
        logger.exception("report.pdf.queue_failed", extra={"rendering_id": rendering_id})
        RenderedPdf.objects.filter(pk=rendering_id).update(
            status=RenderedPdf.Status.FAILED,
            failure="The rendering could not be queued. Ask for it again.",
        )


def render(*, rendering_id: int) -> None:
    """Render a queued rendering and store its file. Does nothing when the rendering is
    ready, failed, or being rendered by another worker (a second delivery of the task)."""
    if not _claim(rendering_id):
        return
    rendering = RenderedPdf.objects.select_related("case__partnership", "version").get(
        pk=rendering_id
    )
    try:
        content, pages = _rendered(rendering)
        name = default_storage.save(f"reports/{uuid.uuid4().hex}.pdf", ContentFile(content))
    except Exception as error:  # WeasyPrint, the storage, the soft time limit: all recorded
        logger.exception("report.pdf.failed", extra={"rendering_id": rendering_id})
        _finish(rendering, status=RenderedPdf.Status.FAILED, failure=_failure(error))
        return
    rendering.file_name, rendering.pages = name, pages
    _finish(rendering, status=RenderedPdf.Status.READY, failure="")


def _claim(rendering_id: int) -> bool:
    # A conditional UPDATE, so two deliveries of the same task never both render.
    lost = Q(status=RenderedPdf.Status.RENDERING, requested_at__lt=timezone.now() - RENDERING_LEASE)
    return bool(
        RenderedPdf.objects.filter(
            Q(status=RenderedPdf.Status.QUEUED) | lost, pk=rendering_id
        ).update(status=RenderedPdf.Status.RENDERING)
    )


class ContentChanged(Exception):
    pass


def _rendered(rendering: RenderedPdf) -> tuple[bytes, int]:
    printed = printed_document(
        rendering.case, rendering.document, rendering.variant, version=rendering.version
    )
    # The register (or the action plan) may have changed since the request: this rendering
    # promised the content it was asked for, so it fails rather than render another.
    if input_hash(printed) != rendering.content_hash:
        raise ContentChanged(
            "The document changed after it was asked for (a name in the register or the "
            "action plan). Ask for the PDF again."
        )
    return print_pdf(printed)


def print_pdf(printed: PrintedDocument) -> tuple[bytes, int]:
    """The PDF of `printed` and its number of pages."""
    stylesheets = (STYLESHEET, RESTRICTED_STYLESHEET) if printed.is_restricted else (STYLESHEET,)
    document = pdf.layout(TEMPLATE, {"doc": printed}, stylesheet=stylesheets)
    return document.write_pdf(pdf_variant=pdf.PDF_VARIANT), len(document.pages)


def _failure(error: Exception) -> str:
    if isinstance(error, ContentChanged):
        return str(error)
    return f"The PDF could not be rendered ({type(error).__name__}: {error})"[:1000]


def _finish(rendering: RenderedPdf, *, status: str, failure: str) -> None:
    rendering.status, rendering.failure = status, failure
    rendering.finished_at = timezone.now()
    # save(), not update(): the history (the case's audit trail) keeps each outcome.
    rendering.save(update_fields=["status", "failure", "file_name", "pages", "finished_at"])


def open_rendering(rendering: RenderedPdf):
    return default_storage.open(rendering.file_name, "rb")


def file_name_of(rendering: RenderedPdf) -> str:
    document = PdfDocument(rendering.document).label.lower().replace(" ", "-")
    variant = "" if rendering.variant == RenderedPdf.Variant.PUBLIC else "-restricted-draft"
    version = f"-v{rendering.version.number}" if rendering.version else ""
    return f"{rendering.case.reference}-{document}{version}{variant}.pdf"
