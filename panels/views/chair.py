from django.http import Http404
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cases.access import get_case_for
from cases.submissions import once_per_form
from cases.views import _case_form_page
from dhr.forms import submitted

from ..forms.chair import AppointChairForm
from ..services import chair as chair_services


@require_http_methods(["GET", "POST"])
@once_per_form
def appoint_chair(request, reference):
    case = get_case_for(request.user, reference, "cases.edit_case_file")
    if case.stage not in chair_services.REVIEW_UNDER_WAY:
        raise Http404("No independent chair is appointed at this stage of the case.")
    current = chair_services.current_appointment(case)
    form = AppointChairForm(submitted(request), replacing=current)
    return _case_form_page(
        request,
        case,
        form,
        act=lambda data: chair_services.appoint_independent_chair(
            case=case, by=request.user, **form.appointment()
        ),
        success="Independent chair appointed. They now hold the role on the case.",
        then=reverse("panels:panel", kwargs={"reference": case.reference}),
        title="Change the independent chair" if current else "Appoint the independent chair",
        lede=(
            f"{current.chair} is the independent chair now: appointing someone else ends their "
            "appointment and their role on the case. Both stay in the case's history."
            if current
            # Seed 002 (5): the CSP chair appoints (the officer administers it).
            else "The CSP chair or officer appoints the chair of the review panel. "
            "The chair must be independent of every agency involved."
        ),
        submit="Appoint the chair",
    )
