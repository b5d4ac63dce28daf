"""The PDFs join the case core (ReportsConfig.ready): the report's page links to them, the
task list shows them under Drafting, the audit trail shows each rendering, and the demo
renders the documents of a review at drafting."""

from datetime import date

from django.db.models import Exists, OuterRef
from django.urls import reverse

from cases import demo, selectors
from cases.models import Case, User
from cases.selectors import Task
from cases.workflow import Stage

from ..models import PdfDocument, RenderedPdf
from ..parts import Part, add_part
from ..services import pdfs


def _ready(document: str) -> str:
    return f"reports_{document}_pdf_ready"


def pdf_reads(on: date) -> dict[str, Exists]:
    """Whether each document has a ready rendering, and whether any rendering was asked for."""
    renderings = RenderedPdf.objects.filter(case=OuterRef("pk"))
    return {
        "reports_has_pdf_rendering": Exists(renderings),
        **{
            _ready(document): Exists(
                renderings.filter(document=document, status=RenderedPdf.Status.READY)
            )
            for document in PdfDocument.values
        },
    }


def pdf_task_rows(case: Case) -> list[Task]:
    """ "PDFs" under Drafting: done once each document has a ready rendering."""
    if case.stage != Stage.DRAFTING:
        return []
    if all(getattr(case, _ready(document)) for document in PdfDocument.values):
        status = "done"
    elif case.reports_has_pdf_rendering:
        status = "in progress"
    else:
        status = "not started"
    url = reverse("reports:pdfs", kwargs={"reference": case.reference})
    return [Task(Stage.DRAFTING, status, name="PDFs", url=url, permission="view_case_file")]


def _rendering_history(case: Case):
    return RenderedPdf.history.filter(case_id=case.pk), lambda record: "Report PDF"


def register() -> None:
    add_part(
        Part(
            "PDFs",
            "reports:pdfs",
            "view_case_file",
            description="The documents as they print, restricted or public, and their PDFs.",
        )
    )
    selectors.add_task_rows(pdf_task_rows, reads=pdf_reads)
    selectors.add_audit_source(_rendering_history)
    # After the review at drafting has its documents and its anonymisation decisions.
    demo.register_builder("reports.pdfs", build_demo, after=("reports.anonymisation",))


def build_demo(ctx: demo.DemoContext) -> None:
    case = ctx.case("DEMO-RIV-6")
    if case.stage == Stage.DRAFTING:
        fill_demo(case, by=ctx.users["independent.chair@example.org"])


def fill_demo(case: Case, *, by: User) -> None:
    """For a demo review at drafting: the restricted draft and the public version of each
    document, rendered here and now, so the demo shows them ready with or without a worker
    (the task queued on commit finds them ready and does nothing). Made once."""
    if case.rendered_pdfs.exists():
        return
    for document in PdfDocument.values:
        for variant in RenderedPdf.Variant.values:
            try:
                rendering = pdfs.request_rendering(
                    case=case, document=document, variant=variant, by=by
                )
            except pdfs.CaseActionRefused:
                continue  # no version of this document yet
            pdfs.render(rendering_id=rendering.pk)
