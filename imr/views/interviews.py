"""An IMR's staff interview records: the list, and recording one."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cases.access import get_case_for
from cases.models import AccessLogEntry
from cases.services import log_access
from cases.submissions import once_per_form
from cases.views import _case_form_page
from dhr.forms import submitted

from ..access import Need, get_imr_for
from ..forms.interviews import StaffInterviewForm
from ..services import interviews as services


def interviews_url(imr) -> str:
    return reverse("imr:interviews", args=[imr.case.reference, imr.pk])


def interviews(request, reference, imr_id):
    case = get_case_for(request.user, reference)
    imr = get_imr_for(request.user, case, imr_id, Need.READ)
    # What staff said of their practice is restricted material: each view is logged.
    log_access(
        case=case,
        user=request.user,
        what=AccessLogEntry.What.CASE_RECORD,
        detail=f"Staff interviews of {imr.agency}'s IMR"[:200],
    )
    return render(
        request,
        "imr/interviews.html",
        {
            "case": case,
            "imr": imr,
            "interviews": services.interviews_of(imr),
            "may_add": services.may_add_interview(request.user, imr),
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def add_interview(request, reference, imr_id):
    case = get_case_for(request.user, reference)
    imr = get_imr_for(request.user, case, imr_id, Need.WRITE)
    if not imr.is_editable:
        raise Http404("The IMR cannot be changed now.")
    return _case_form_page(
        request,
        case,
        StaffInterviewForm(submitted(request), proceedings=services.criminal_proceedings_of(imr)),
        act=lambda data: services.record_interview(imr=imr, by=request.user, **data),
        success="Staff interview recorded.",
        then=interviews_url(imr),
        title=f"Record a staff interview: {imr.agency}'s IMR",
        lede="Staff are reminded that the review is not a disciplinary process, and see the "
        "written record of their interview before it is recorded here.",
        submit="Record the interview",
    )
