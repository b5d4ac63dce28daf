"""An IMR's documents: the list, adding one, and the logged download."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cases.access import get_case_for
from cases.models import AccessLogEntry
from cases.services import log_access
from cases.submissions import once_per_form
from cases.views import _case_form_page
from dhr.forms import submitted, submitted_files
from dhr.uploads import DocumentField

from ..access import Need, get_imr_for, may
from ..forms.documents import ImrDocumentForm
from ..services import documents as services


def documents_url(imr) -> str:
    return reverse("imr:documents", args=[imr.case.reference, imr.pk])


def documents(request, reference, imr_id):
    case = get_case_for(request.user, reference)
    imr = get_imr_for(request.user, case, imr_id, Need.READ)
    return render(
        request,
        "imr/documents.html",
        {
            "case": case,
            "imr": imr,
            "documents": services.documents_of(imr),
            "may_add": imr.is_editable and may(request.user, imr, Need.WRITE),
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def add_document(request, reference, imr_id):
    case = get_case_for(request.user, reference)
    imr = get_imr_for(request.user, case, imr_id, Need.WRITE)
    if not imr.is_editable:
        raise Http404("The IMR cannot be changed now.")
    return _case_form_page(
        request,
        case,
        ImrDocumentForm(submitted(request), submitted_files(request)),
        act=lambda data: services.add_document(imr=imr, by=request.user, **data),
        success="Document added.",
        then=documents_url(imr),
        title=f"Add a document: {imr.agency}'s IMR",
        lede="The whole IMR, if it was written outside the service, or a document that "
        "supports it. IMRs are never published.",
        submit="Add the document",
        multipart=True,
    )


@never_cache
def download_document(request, reference, imr_id, document_id):
    case = get_case_for(request.user, reference)
    imr = get_imr_for(request.user, case, imr_id, Need.READ)
    document = get_object_or_404(imr.documents.select_related("stored"), pk=document_id)
    log_access(
        case=case,
        user=request.user,
        what=AccessLogEntry.What.DOCUMENT,
        detail=f"{imr.agency}'s IMR: {document}"[:200],
    )
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.file_name,
        content_type=DocumentField.ACCEPT[document.stored.kind],
    )
