"""The chronology pages: each IMR's (written by its agency, read by those who read the IMR)
and the combined chronology of the case, with its CSV and PDF exports."""

import csv

from django.conf import settings
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cases.access import case_permissions, get_case_for
from cases.models import AccessLogEntry, Case
from cases.services import log_access
from cases.submissions import once_per_form
from cases.views import _case_form_page
from cases.workflow import Stage
from dhr.forms import submitted

from ..access import Need, get_imr_for, may
from ..forms.chronology import (
    ChronologyEntryForm,
    ChronologyFilterForm,
    ConfirmForm,
    SentToDisclosureOfficerForm,
    entry_initial,
)
from ..models import Imr
from ..pdf import render_pdf
from ..selectors import chronology as selectors
from ..services import chronology as services


def _imr_chronology_url(imr: Imr) -> str:
    return reverse("imr:chronology", args=[imr.case.reference, imr.pk])


@never_cache
def imr_chronology(request, reference, imr_id):
    case = get_case_for(request.user, reference)
    imr = get_imr_for(request.user, case, imr_id, Need.READ)
    log_access(
        case=case,
        user=request.user,
        what=AccessLogEntry.What.CASE_RECORD,
        detail=f"Chronology of {imr.agency}'s IMR"[:200],
    )
    return render(
        request,
        "imr/chronology.html",
        {
            "case": case,
            "imr": imr,
            "entries": selectors.entries_of(imr),
            "may_write": imr.is_editable and may(request.user, imr, Need.WRITE),
        },
    )


def _imr_to_write(request, reference, imr_id) -> tuple:
    case = get_case_for(request.user, reference, "cases.write_imr")
    imr = get_imr_for(request.user, case, imr_id, Need.WRITE)
    if not imr.is_editable:
        raise Http404("The chronology cannot be changed at the IMR's state.")
    return case, imr


@require_http_methods(["GET", "POST"])
@once_per_form
def add_entry(request, reference, imr_id):
    case, imr = _imr_to_write(request, reference, imr_id)
    return _case_form_page(
        request,
        case,
        ChronologyEntryForm(submitted(request), case=case),
        act=lambda data: services.add_chronology_entry(imr=imr, by=request.user, **data),
        success="Chronology entry added.",
        then=_imr_chronology_url(imr),
        title=f"Add a chronology entry: {imr.agency}",
        submit="Add the entry",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def change_entry(request, reference, imr_id, entry_id):
    case, imr = _imr_to_write(request, reference, imr_id)
    entry = get_object_or_404(imr.chronology_entries, pk=entry_id)
    entry.imr = imr
    form = ChronologyEntryForm(submitted(request), case=case, initial=entry_initial(entry))
    return _case_form_page(
        request,
        case,
        form,
        act=lambda data: services.change_chronology_entry(entry=entry, by=request.user, **data),
        success="Chronology entry changed.",
        then=_imr_chronology_url(imr),
        title=f"Change the entry of {entry.when}",
        submit="Save the entry",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def delete_entry(request, reference, imr_id, entry_id):
    case, imr = _imr_to_write(request, reference, imr_id)
    entry = get_object_or_404(imr.chronology_entries, pk=entry_id)
    entry.imr = imr
    return _case_form_page(
        request,
        case,
        ConfirmForm(submitted(request)),
        act=lambda data: services.delete_chronology_entry(entry=entry, by=request.user),
        success="Chronology entry deleted.",
        then=_imr_chronology_url(imr),
        title=f"Delete the entry of {entry.when}?",
        lede=entry.what_happened,
        submit="Delete the entry",
    )


# The combined chronology -------------------------------------------------------------------


def _combined(request, reference, cases=None):
    """The case (read from `cases`, as get_case_for), the filter form and the chosen rows'
    query, for the page and its exports. Case-file readers only (read_submissions): agency
    roles get 404."""
    case = get_case_for(request.user, reference, "cases.read_submissions", cases=cases)
    can = case_permissions(request.user, case)
    labels = selectors.person_labels(case, real_names="view_people_register" in can)
    agencies = list(
        case.imrs.filter(status__in=Imr.BEFORE_THE_PANEL)
        .order_by("agency__name")
        .values_list("agency_id", "agency__name")
    )
    form = ChronologyFilterForm(request.GET or None, agencies=agencies, people=labels)
    chosen = form.cleaned_data if form.is_valid() else {}
    narrowing = {
        "agency_id": chosen.get("agency"),
        "person_id": chosen.get("person"),
        "start": chosen.get("start"),
        "end": chosen.get("end"),
    }
    return case, can, labels, form, narrowing


def _timeline(case, narrowing, labels) -> selectors.Timeline:
    rows = list(selectors.rows_from(selectors.combined_entries(case, **narrowing), labels))
    if narrowing["agency_id"] or narrowing["person_id"]:
        # A gap is a silence of every agency, not only of those shown: read all their dates.
        gaps = selectors.gaps_in_contact(case, start=narrowing["start"], end=narrowing["end"])
    else:
        # Narrowed by period at most, the rows are every agency's entries in it.
        gaps = selectors.gaps_between(sorted({row.occurred_on for row in rows}))
    return selectors.timeline(rows, gaps)


# The case read with its combined chronology's record (one or none) for the page.
_WITH_RECORD = Case.objects.select_related(
    "chronology__compiled_by", "chronology__sent_recorded_by"
)


@never_cache
def combined_chronology(request, reference):
    case, can, labels, form, narrowing = _combined(request, reference, cases=_WITH_RECORD)
    timeline = _timeline(case, narrowing, labels)
    log_access(
        case=case,
        user=request.user,
        what=AccessLogEntry.What.CASE_RECORD,
        detail="Combined chronology",
    )
    record = getattr(case, "chronology", None)
    return render(
        request,
        "imr/combined_chronology.html",
        {
            "case": case,
            "filters": form,
            "timeline": timeline,
            "gap_days": settings.DHR_CHRONOLOGY_GAP_DAYS,
            "record": record,
            "query": request.GET.urlencode(),
            "may_compile": "commission_imr" in can and case.stage == Stage.IMRS,
            "may_record_sending": "manage_panel" in can and record is not None,
        },
    )


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value):
        return value


CSV_HEADER = [
    "Date",
    "Agency",
    "Source record",
    "What happened",
    "People involved",
    "Risk recorded",
    "Author's comment",
]


def _csv_lines(case, narrowing, labels):
    writer = csv.writer(_Echo())
    yield writer.writerow(["OFFICIAL-SENSITIVE", f"Combined chronology of {case.reference}"])
    yield writer.writerow(CSV_HEADER)
    # Streamed: the rows are read from the database in chunks, never held all at once. The
    # side-by-side comparison needs every row, so the CSV leaves it to the page and the PDF.
    values = selectors.combined_entries(case, **narrowing).iterator(chunk_size=500)
    for row in selectors.rows_from(values, labels):
        yield writer.writerow(
            neutralised(value)
            for value in (
                row.when,
                row.agency,
                row.source_reference,
                row.what_happened,
                "; ".join(row.people),
                row.risk,
                row.author_comment,
            )
        )


@never_cache
def combined_chronology_csv(request, reference):
    case, _can, labels, _form, narrowing = _combined(request, reference)
    log_access(
        case=case,
        user=request.user,
        what=AccessLogEntry.What.DOCUMENT,
        detail="Combined chronology (CSV)",
    )
    response = StreamingHttpResponse(
        _csv_lines(case, narrowing, labels), content_type="text/csv; charset=utf-8"
    )
    filename = f"{case.reference}-chronology-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
def combined_chronology_pdf(request, reference):
    case, _can, labels, _form, narrowing = _combined(request, reference)
    log_access(
        case=case,
        user=request.user,
        what=AccessLogEntry.What.DOCUMENT,
        detail="Combined chronology (PDF)",
    )
    pdf = render_pdf(
        "imr/combined_chronology_print.html",
        {
            "case": case,
            "timeline": _timeline(case, narrowing, labels),
            "gap_days": settings.DHR_CHRONOLOGY_GAP_DAYS,
            "printed_at": timezone.localtime(),
        },
        stylesheet="imr/chronology_print.css",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{case.reference}-chronology-{timezone.localdate():%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _combined_url(case) -> str:
    return reverse("imr:combined_chronology", args=[case.reference])


@require_http_methods(["GET", "POST"])
@once_per_form
def compile_chronology(request, reference):
    case = get_case_for(request.user, reference, "cases.commission_imr")
    if case.stage != Stage.IMRS:
        raise Http404("The combined chronology is compiled while the IMRs are under way.")
    return _case_form_page(
        request,
        case,
        ConfirmForm(submitted(request)),
        act=lambda data: services.compile_combined_chronology(case=case, by=request.user),
        success="Combined chronology recorded as compiled.",
        then=_combined_url(case),
        title="Record the combined chronology as compiled",
        lede="You confirm that the combined chronology, as it stands now, is checked and "
        "ready: every agency's entries before the panel, with their disagreements. Drafting "
        "the overview report cannot start until this is recorded.",
        submit="Record it as compiled",
    )


@require_http_methods(["GET", "POST"])
@once_per_form
def record_sent(request, reference):
    case = get_case_for(request.user, reference, "cases.manage_panel")
    if selectors.chronology_record(case) is None:
        raise Http404("The combined chronology is not compiled yet.")
    return _case_form_page(
        request,
        case,
        SentToDisclosureOfficerForm(submitted(request)),
        act=lambda data: services.record_sent_to_disclosure_officer(
            case=case, by=request.user, **data
        ),
        success="Recorded as sent to the disclosure officer.",
        then=_combined_url(case),
        title="Record the combined chronology sent to the disclosure officer",
        submit="Record it as sent",
    )
