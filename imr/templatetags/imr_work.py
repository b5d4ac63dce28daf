"""The agency staff's way in from the case page: they see a short version of it
(cases/case_limited.html), which shows their agency's IMR, what waits for them on it, and
the subjects of the review."""

from django import template

from cases.access import case_permissions

from ..access import Need, imrs_listed_for, may
from ..models import Imr
from ..selectors import may_see_subjects

register = template.Library()


@register.inclusion_tag("imr/_agency_work.html", takes_context=True)
def agency_work(context, case):
    user = context["request"].user
    can = case_permissions(user, case)
    imrs = list(imrs_listed_for(user, case))
    return {
        "case": case,
        "imrs": [
            (
                imr,
                imr.status == Imr.Status.COMMISSIONED and may(user, imr, Need.SIGN_OFF, can),
            )
            for imr in imrs
        ],
        "reads_subjects": may_see_subjects(can),
    }
