"""The IMRs of a case: their list, one IMR's page, commissioning, the letter, the due date
and the author's appointment."""

from io import BytesIO

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cases import clocks
from cases import services as case_services
from cases.access import case_permissions, get_case_for
from cases.models import AccessLogEntry
from cases.submissions import once_per_form
from cases.views import _case_form_page
from cases.workflow import Stage
from dhr.forms import submitted

from .. import letter as letters
from ..access import Need, get_imr_for, imrs_listed_for, may
from ..forms.commissioning import AppointAuthorForm, CommissionForm, DueDateForm
from ..models import Imr
from ..parts import parts_of
from ..selectors import commissioning as selectors
from ..services import commissioning
from ..services.commissioning import imr_url


def imr_list(request, reference):
    case = get_case_for(request.user, reference)
    can = case_permissions(request.user, case)
    rows = selectors.imr_rows(request.user, case, on=clocks.today())
    # Those who read the case file see the list even while it is empty; an agency's staff
    # see their own agency's IMR, and someone with none to see finds no page.
    if not rows and "view_case_file" not in can:
        raise Http404("No IMR found.")
    return render(
        request,
        "imr/imr_list.html",
        {
            "case": case,
            "rows": rows,
            "may_commission": "commission_imr" in can and case.stage == Stage.IMRS,
        },
    )


def _listed_imr(request, case, imr_id) -> Imr:
    """The IMR if it is in the person's list (imr.access.imrs_listed_for): its page shows
    what the list shows of it, and links to the parts they may open."""
    imr = get_object_or_404(imrs_listed_for(request.user, case), pk=imr_id)
    imr.case = case
    return imr


def _may_read_letter(can: frozenset[str], allowed) -> bool:
    # The chair who sent it, the senior manager it went to, and the case-file readers.
    return "view_case_file" in can or allowed(Need.SIGN_OFF) or allowed(Need.MANAGE)


def imr_detail(request, reference, imr_id):
    case = get_case_for(request.user, reference)
    can = case_permissions(request.user, case)
    imr = _listed_imr(request, case, imr_id)

    def allowed(need: Need) -> bool:
        return may(request.user, imr, need, can)

    letter_list, due_date_changes = selectors.imr_detail(imr)
    return render(
        request,
        "imr/imr_detail.html",
        {
            "case": case,
            "imr": imr,
            "clock": selectors.due_clock(imr, on=clocks.today()),
            "letters": letter_list if _may_read_letter(can, allowed) else [],
            "due_date_changes": due_date_changes,
            "parts": parts_of(imr, allowed),
            "may_appoint": allowed(Need.SIGN_OFF) and imr.status == Imr.Status.COMMISSIONED,
            "may_sign_off": allowed(Need.SIGN_OFF) and imr.status == Imr.Status.AWAITING_SIGN_OFF,
            "may_change_due_date": allowed(Need.MANAGE) and imr.status != Imr.Status.ACCEPTED,
            "reads_subjects": selectors.may_see_subjects(can),
        },
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def commission(request, reference):
    case = get_case_for(request.user, reference, "cases.commission_imr")
    if case.stage != Stage.IMRS:
        raise Http404("IMRs are not commissioned at this stage.")

    def act(data):
        commissioning.commission_imr(case=case, by=request.user, **data)

    return _case_form_page(
        request,
        case,
        CommissionForm(submitted(request), case=case),
        act=act,
        success="IMR commissioned. The letter is in the senior manager's messages.",
        then=reverse("imr:list", kwargs={"reference": case.reference}),
        title="Commission an IMR",
        lede="The agency's senior manager is sent the commissioning letter, with the agreed "
        "terms of reference and the due date, and appoints the author.",
        submit="Commission the IMR",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def change_due_date(request, reference, imr_id):
    case = get_case_for(request.user, reference, "cases.commission_imr")
    imr = get_imr_for(request.user, case, imr_id, Need.MANAGE)
    if imr.status == Imr.Status.ACCEPTED:
        raise Http404("An accepted IMR's due date no longer runs.")
    return _case_form_page(
        request,
        case,
        DueDateForm(submitted(request)),
        act=lambda data: commissioning.change_due_date(imr=imr, by=request.user, **data),
        success="Due date changed. The senior manager and the author have been told.",
        then=imr_url(imr),
        title=f"Change the due date: {imr.agency} IMR",
        lede=f"It is due on {imr.due_on:%-d %B %Y}.",
        submit="Change the due date",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def appoint_author(request, reference, imr_id):
    case = get_case_for(request.user, reference, "cases.sign_off_imr")
    imr = get_imr_for(request.user, case, imr_id, Need.SIGN_OFF)
    if imr.status != Imr.Status.COMMISSIONED:
        raise Http404("The IMR has an author already.")
    return _case_form_page(
        request,
        case,
        AppointAuthorForm(submitted(request), imr=imr),
        act=lambda data: commissioning.appoint_author(imr=imr, by=request.user, **data),
        success="Author appointed. They have been told, and can start writing.",
        then=imr_url(imr),
        title=f"Appoint the author: {imr.agency} IMR",
        lede="The author must be independent of what the IMR looks at: not involved with "
        "the people of the review, and not the line manager of staff involved.",
        submit="Appoint the author",
    )


@never_cache
def letter(request, reference, imr_id, letter_id):
    case = get_case_for(request.user, reference)
    can = case_permissions(request.user, case)
    imr = _listed_imr(request, case, imr_id)
    if not _may_read_letter(can, lambda need: may(request.user, imr, need, can)):
        raise Http404("No letter found.")
    sent = get_object_or_404(
        imr.letters.select_related("terms", "sent_to", "sent_by"), pk=letter_id
    )
    sent.imr = imr
    case_services.log_access(
        case=case,
        user=request.user,
        what=AccessLogEntry.What.DOCUMENT,
        detail=f"IMR commissioning letter to {imr.agency}"[:200],
    )
    return FileResponse(
        BytesIO(letters.letter_pdf(sent)),
        as_attachment=True,
        filename=letters.letter_file_name(sent),
        content_type="application/pdf",
    )


def subjects(request, reference):
    case = get_case_for(request.user, reference)
    can = case_permissions(request.user, case)
    if not selectors.may_see_subjects(can):
        raise Http404("No case found.")
    case_services.log_access(
        case=case,
        user=request.user,
        what=AccessLogEntry.What.PEOPLE_REGISTER,
        detail="Subjects of the review (names, dates of birth, addresses)",
    )
    return render(
        request,
        "imr/subjects.html",
        {"case": case, "people": selectors.subjects_of(case)},
    )
