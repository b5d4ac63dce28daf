"""The CSP chair's conclusion of the review, with the action plan's summary."""

from django.http import Http404
from django.views.decorators.http import require_http_methods

from cases.access import get_case_for
from cases.services import perform_transition
from cases.submissions import once_per_form
from cases.views import _case_form_page
from dhr.forms import submitted

from .. import selectors
from ..forms import ConcludeForm
from ..services import is_monitoring


@require_http_methods(["GET", "POST"])
@once_per_form
def conclude(request, reference):
    case = get_case_for(request.user, reference, "cases.conclude_review")
    if not is_monitoring(case):
        raise Http404("A review is concluded from the monitoring stage.")
    listed = selectors.standings(case)
    return _case_form_page(
        request,
        case,
        ConcludeForm(submitted(request)),
        act=lambda data: perform_transition(case=case, name="conclude", by=request.user),
        success="The review is concluded.",
        template="monitoring/conclude.html",
        title="Conclude the review",
        summary=selectors.summary(listed),
        hold_up=next((s.holds_up for s in listed if s.holds_up), ""),
        submit="Conclude the review",
    )
