"""Marking a public rendering publishable through the leak gate (DESIGN §6): the gate reads
the very file that would be published, every run is kept as a LeakCheck, and only a clean
run sets publishable_at and publishable_by.

Who runs it: the independent chair, who answers for the report (write_overview_report),
and the CSP officer and chair, who send it to the Home Office and publish it
(send_to_home_office)."""

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from cases.access import permissions_now
from cases.models import User
from cases.services import CaseActionRefused, lock_case_for, record_event

from ..anonymisation import Register
from ..leak_gate import scan
from ..models import LeakCheck, RenderedPdf

REFUSAL = "Only the independent chair and the partnership run the leak gate."


def may_run(permissions: frozenset[str]) -> bool:
    return bool({"write_overview_report", "send_to_home_office"} & permissions)


def stored_pdf(pdf: RenderedPdf) -> bytes:
    with default_storage.open(pdf.file_name, "rb") as stored:
        return stored.read()


def where_found(check: LeakCheck) -> str:
    """The hits as a sentence naming each page, for the refusal."""
    places = []
    for hit in check.hits:
        place = f"page {hit['page']}" if hit["page"] else f"the document's {hit['where']}"
        if place not in places:
            places.append(place)
    return ", ".join(places)


@transaction.atomic
def mark_publishable(pdf: RenderedPdf, by: User) -> LeakCheck:
    """Run the gate on the stored file of a ready public rendering; publishable only when
    clean. The check is recorded either way: the caller reads `passed` and, on a hit,
    where_found(check) to say why it is refused."""
    case = lock_case_for(pdf.case, by=by, permission="view_people_register", refusal=REFUSAL)
    if not may_run(permissions_now(by, case)):
        raise CaseActionRefused(REFUSAL)
    pdf = RenderedPdf.objects.select_for_update().get(pk=pdf.pk, case=case)
    if pdf.variant != RenderedPdf.Variant.PUBLIC:
        raise CaseActionRefused("Only a public (anonymised) rendering can be published.")
    if pdf.status != RenderedPdf.Status.READY or not pdf.file_name:
        raise CaseActionRefused("The rendering is not ready yet.")
    hits = scan(stored_pdf(pdf), Register.for_case(case))
    check = LeakCheck.objects.create(pdf=pdf, hits=[hit.as_dict() for hit in hits], ran_by=by)
    if check.passed:
        pdf.publishable_at, pdf.publishable_by = timezone.now(), by
    else:
        pdf.publishable_at, pdf.publishable_by = None, None
    pdf._history_user = by
    pdf.save(update_fields=["publishable_at", "publishable_by"])
    record_event(
        case=case,
        name="report.leak_gate.passed" if check.passed else "report.leak_gate.blocked",
        description=f"Leak gate on the {pdf.get_document_display().lower()}: "
        + ("clean, marked publishable" if check.passed else f"{len(hits)} hits, not publishable"),
        actor=by,
    )
    return check
