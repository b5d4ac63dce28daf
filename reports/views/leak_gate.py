"""The leak gate's page: the case's public renderings, each with its last check and a
button to run the gate on it. The hits name registered real names, so the page is the
register's (view_people_register)."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from cases.access import case_permissions, get_case_for
from cases.services import CaseActionRefused
from cases.submissions import once_per_form, submit_once

from ..models import LeakCheck, PdfDocument, RenderedPdf
from ..services import leak_gate as services

REGISTER = "cases.view_people_register"


@require_GET
def leak_gate(request, reference):
    case = get_case_for(request.user, reference, REGISTER)
    renderings = (
        RenderedPdf.objects.filter(case=case, variant=RenderedPdf.Variant.PUBLIC)
        .select_related("version", "publishable_by")
        .prefetch_related(
            Prefetch(
                "leak_checks",
                queryset=LeakCheck.objects.select_related("ran_by").order_by("-ran_at", "-pk"),
            )
        )
        .order_by("-requested_at")
    )
    # The documents in their own order (the overview report first), newest rendering first.
    order = list(PdfDocument.values)
    rows = sorted(
        ((pdf, next(iter(pdf.leak_checks.all()), None)) for pdf in renderings),
        key=lambda row: order.index(row[0].document),
    )
    return render(
        request,
        "reports/leak_gate.html",
        {
            "case": case,
            "rows": rows,
            "may_run": services.may_run(case_permissions(request.user, case)),
            "ready": RenderedPdf.Status.READY,
        },
    )


@require_POST
@once_per_form
def run_check(request, reference, pdf_id):
    case = get_case_for(request.user, reference, REGISTER)
    if not services.may_run(case_permissions(request.user, case)):
        raise Http404(services.REFUSAL)
    pdf = get_object_or_404(RenderedPdf.objects.filter(case=case), pk=pdf_id)
    here = reverse("reports:leak_gate", args=[case.reference])
    checks = []

    def run():
        checks.append(services.mark_publishable(pdf, request.user))
        return here, f"Leak gate run on the {pdf.get_document_display().lower()}."

    try:
        response = submit_once(request, run)
    except CaseActionRefused as error:
        messages.error(request, error.message)
        return redirect(here)
    if checks and not checks[0].passed:
        messages.error(
            request,
            "Not publishable: registered names or dates of birth were found on "
            f"{services.where_found(checks[0])}.",
        )
    return response
