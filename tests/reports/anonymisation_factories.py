"""Versions, renderings and the people around them, for the anonymisation and leak-gate
tests."""

import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from weasyprint import HTML

from cases.models import Case, User
from cases.roles import CaseRole
from imr.pdf import BASE_URL, StaticFilesOnly
from reports.models import Document, RenderedPdf, ReportVersion
from tests.case_factories import agency_staff, case_member


def everyone(case: Case, officer: User, chair: User) -> dict[str, User]:
    return {
        "CSP officer": officer,
        "CSP chair": case.partnership.roles.get(role="csp_chair").user,
        "independent chair": chair,
        "panel member": case_member(case, CaseRole.PANEL_MEMBER, by=chair),
        "senior manager": case_member(case, CaseRole.SENIOR_MANAGER, by=chair),
        "IMR author": case_member(case, CaseRole.IMR_AUTHOR, by=chair),
        "Home Office reviewer": case_member(case, CaseRole.HOME_OFFICE_REVIEWER, by=officer),
        "outsider": agency_staff(full_name="Oscar Outsider"),
    }


READ_THE_REGISTER = {"CSP officer", "CSP chair", "independent chair"}


def version(
    case: Case, by: User, text: str = "", *, document=Document.OVERVIEW_REPORT, number=None
) -> ReportVersion:
    """A fixed version of `document` whose first section reads `text`."""
    from reports.models.drafting import sections_of

    first = sections_of(document)[0].key
    number = number or ReportVersion.objects.filter(case=case, document=document).count() + 1
    return ReportVersion.objects.create(
        case=case, document=document, number=number, sections={first: text}, made_by=by
    )


def pdf_of(body: str, title: str = "Overview report") -> bytes:
    html = f'<html lang="en-GB"><head><title>{title}</title></head><body>{body}</body></html>'
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnly()).write_pdf()


def rendering(
    case: Case,
    by: User,
    data: bytes,
    *,
    document=Document.OVERVIEW_REPORT,
    variant=RenderedPdf.Variant.PUBLIC,
    status=RenderedPdf.Status.READY,
) -> RenderedPdf:
    """A rendering stored as the PDF service stores one: `data` in the private storage."""
    name = default_storage.save(f"reports/{uuid.uuid4().hex}.pdf", ContentFile(data))
    return RenderedPdf.objects.create(
        case=case,
        document=document,
        variant=variant,
        content_hash=uuid.uuid4().hex,
        status=status,
        file_name=name if status == RenderedPdf.Status.READY else "",
        requested_by=by,
    )
