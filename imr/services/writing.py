"""The lock every change to an IMR's draft takes, shared by its parts."""

from cases.services import CaseActionRefused, lock_case_for

from ..access import Need, may
from ..models import Imr


def locked_for_writing(imr: Imr, *, by) -> Imr:
    """The IMR, locked with its case until the transaction ends, if `by` is its agency's
    author or senior manager and the draft is open to change now (checked inside the lock,
    never from what a view read before the request waited)."""
    case = lock_case_for(
        imr.case, by=by, permission="write_imr", refusal="You may not change this IMR."
    )
    imr = Imr.objects.select_for_update().select_related("agency").get(pk=imr.pk)
    imr.case = case
    if not may(by, imr, Need.WRITE):
        raise CaseActionRefused("You may not change this IMR.")
    if not imr.is_editable:
        raise CaseActionRefused(
            f"{imr.agency}'s IMR cannot be changed now: it is {imr.get_status_display().lower()}."
        )
    return imr
