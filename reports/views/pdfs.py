"""The report's PDFs: each document as it prints, the renderings of the case, asking for
one, a rendering's progress, and its logged download."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cases.access import case_permissions, get_case_for
from cases.models import AccessLogEntry
from cases.services import CaseActionRefused, log_access
from cases.submissions import once_per_form, submit_once
from cases.views import _refused
from dhr.forms import submitted

from ..forms.pdfs import RequestPdfForm
from ..models import PdfDocument, RenderedPdf
from ..selectors import pdfs as selectors
from ..services import pdfs as services

READERS = "cases.view_case_file"

# How often a rendering's page reloads itself while the rendering is under way, in seconds.
REFRESH_EVERY = 3


def pdfs_url(case) -> str:
    return reverse("reports:pdfs", args=[case.reference])


def rendering_url(rendering: RenderedPdf) -> str:
    return reverse("reports:pdf", args=[rendering.case.reference, rendering.pk])


@never_cache
def printed_document(request, reference, document):
    """A document as it will print: the restricted draft, or with ?variant=public the
    anonymised one."""
    case = get_case_for(request.user, reference, READERS)
    public = request.GET.get("variant") == RenderedPdf.Variant.PUBLIC
    variant = RenderedPdf.Variant.PUBLIC if public else RenderedPdf.Variant.RESTRICTED
    try:
        printed = selectors.printed_document(case, document, variant)
    except selectors.NothingToPrint as nothing:
        printed, missing = None, str(nothing)
    else:
        missing = ""
    log_access(
        case=case,
        user=request.user,
        what=AccessLogEntry.What.CASE_RECORD,
        detail=f"{PdfDocument(document).label} ({variant})",
    )
    return render(
        request,
        "reports/printed_document.html",
        {
            "case": case,
            "document": PdfDocument(document),
            "public": public,
            "doc": printed,
            "missing": missing,
        },
    )


@never_cache
def pdfs(request, reference):
    case = get_case_for(request.user, reference, READERS)
    return render(
        request,
        "reports/pdfs.html",
        {
            "case": case,
            "renderings": selectors.renderings_of(case),
            "documents": PdfDocument,
            "may_request": services.may_request(case_permissions(request.user, case)),
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def request_pdf(request, reference):
    case = get_case_for(request.user, reference, READERS)
    if not services.may_request(case_permissions(request.user, case)):
        raise Http404("No case found.")
    form = RequestPdfForm(submitted(request), initial=request.GET.dict() or None)
    if request.method == "POST" and form.is_valid():

        def ask():
            rendering = services.request_rendering(case=case, by=request.user, **form.cleaned_data)
            return rendering_url(rendering), "PDF asked for."

        try:
            return submit_once(request, ask)
        except CaseActionRefused as error:
            _refused(form, error)
    return render(
        request,
        "cases/form_page.html",
        {
            "case": case,
            "form": form,
            "title": "Ask for a PDF",
            "lede": "It is rendered in the background; its page shows when it is ready. "
            "A document that has not changed since it was last rendered is not rendered "
            "again.",
            "submit": "Ask for the PDF",
        },
    )


def _rendering(request, reference, rendering_id) -> RenderedPdf:
    case = get_case_for(request.user, reference, READERS)
    rendering = get_object_or_404(
        case.rendered_pdfs.select_related("version", "requested_by"), pk=rendering_id
    )
    rendering.case = case
    return rendering


@never_cache
def rendering(request, reference, rendering_id):
    rendering = _rendering(request, reference, rendering_id)
    under_way = rendering.status in (RenderedPdf.Status.QUEUED, RenderedPdf.Status.RENDERING)
    response = render(
        request,
        "reports/pdf.html",
        {
            "case": rendering.case,
            "rendering": rendering,
            "under_way": under_way,
            "may_request": services.may_request(case_permissions(request.user, rendering.case)),
        },
    )
    if under_way:
        # The page reloads itself until the file is ready: a Refresh header, as a meta
        # refresh would do, with no script (the Content-Security-Policy allows none inline).
        response["Refresh"] = str(REFRESH_EVERY)
    return response


@never_cache
def download(request, reference, rendering_id):
    rendering = _rendering(request, reference, rendering_id)
    if rendering.status != RenderedPdf.Status.READY:
        raise Http404("The PDF is not ready.")
    log_access(
        case=rendering.case,
        user=request.user,
        what=AccessLogEntry.What.DOCUMENT,
        detail=f"{rendering} PDF"[:200],
    )
    return FileResponse(
        services.open_rendering(rendering),
        as_attachment=True,
        filename=services.file_name_of(rendering),
        content_type="application/pdf",
    )
