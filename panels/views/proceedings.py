"""The parallel proceedings pages: the list, recording and updating one, and the documents
forwarded to the disclosure officer."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cases.access import case_permissions, get_case_for
from cases.submissions import once_per_form
from cases.views import _case_form_page
from dhr.forms import submitted

from ..forms.proceedings import DocumentsForwardedForm, ProceedingForm
from ..services import proceedings as services


def _list_url(case) -> str:
    return reverse("panels:proceedings", kwargs={"reference": case.reference})


def _open_case(request, reference):
    case = get_case_for(request.user, reference, "cases.manage_panel")
    if case.is_closed:
        raise Http404("The case is closed.")
    return case


def proceedings(request, reference):
    case = get_case_for(request.user, reference, "cases.view_case_file")
    can = case_permissions(request.user, case)
    return render(
        request,
        "panels/proceedings_list.html",
        {
            "case": case,
            "proceedings": services.proceedings_with_records(case),
            "may_manage": "manage_panel" in can and not case.is_closed,
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def add_proceeding(request, reference):
    case = _open_case(request, reference)
    return _case_form_page(
        request,
        case,
        ProceedingForm(submitted(request)),
        act=lambda data: services.record_proceeding(case=case, by=request.user, **data),
        success="Parallel proceeding recorded.",
        then=_list_url(case),
        title="Record a parallel proceeding",
        submit="Save",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def edit_proceeding(request, reference, proceeding_id):
    case = _open_case(request, reference)
    proceeding = get_object_or_404(case.proceedings, pk=proceeding_id)
    initial = {field: getattr(proceeding, field) for field in services.DETAILS}
    return _case_form_page(
        request,
        case,
        ProceedingForm(submitted(request), initial=initial),
        act=lambda data: services.update_proceeding(proceeding=proceeding, by=request.user, **data),
        success="Parallel proceeding updated.",
        then=_list_url(case),
        title=f"Update: {proceeding}",
        submit="Save",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def documents_forwarded(request, reference, proceeding_id):
    case = _open_case(request, reference)
    proceeding = get_object_or_404(case.proceedings, pk=proceeding_id)
    return _case_form_page(
        request,
        case,
        DocumentsForwardedForm(submitted(request)),
        act=lambda data: services.record_documents_forwarded(
            proceeding=proceeding, by=request.user, **data
        ),
        success="Recorded: documents forwarded to the disclosure officer.",
        then=_list_url(case),
        title="Documents forwarded to the disclosure officer",
        lede=f"For {proceeding}. Chronologies and immediate lessons go to the disclosure "
        "officer, who links in with the independent chair.",
        submit="Save",
    )
