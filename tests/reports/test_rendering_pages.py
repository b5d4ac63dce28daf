"""The PDFs' pages over HTTP: the documents as they print, the list of renderings, asking
for one, a rendering's progress and its logged download. Every role of the review, an
agency's staff, the Home Office reviewer and an outsider (404 for each refused; the
anonymous to the sign-in page); query ceilings of the list."""

import pytest
from django.test import TestCase
from django.urls import reverse

from cases.models import AccessLogEntry
from cases.roles import CaseRole
from reports.models import Document, RenderedPdf
from reports.services import pdfs
from tests.case_factories import agency_staff, case_member
from tests.test_double_submits import TOKEN
from tests.test_reminders import eager_celery  # noqa: F401 (a fixture)

from .pdf_factories import printable_review

pytestmark = pytest.mark.django_db

READ_THE_CASE_FILE = {"CSP officer", "CSP chair", "independent chair", "panel member"}
REQUESTERS = {"CSP officer", "CSP chair", "independent chair"}
ROLES = (
    "CSP officer",
    "CSP chair",
    "independent chair",
    "panel member",
    "senior manager",
    "IMR author",
    "Home Office reviewer",
    "outsider",
)

# URL name → who opens it; the rest are refused with a 404.
WHO_OPENS = {
    "reports:printed_document": READ_THE_CASE_FILE,
    "reports:pdfs": READ_THE_CASE_FILE,
    "reports:request_pdf": REQUESTERS,
    "reports:pdf": READ_THE_CASE_FILE,
    "reports:pdf_download": READ_THE_CASE_FILE,
}


def everyone(case, officer, chair) -> dict:
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


def ready_rendering(case, chair, variant=RenderedPdf.Variant.RESTRICTED) -> RenderedPdf:
    rendering = pdfs.request_rendering(
        case=case, document=Document.EXECUTIVE_SUMMARY, variant=variant, by=chair
    )
    pdfs.render(rendering_id=rendering.pk)
    rendering.refresh_from_db()
    return rendering


def url_for(name: str, case, rendering: RenderedPdf) -> str:
    kwargs = {"reference": case.reference}
    if name == "reports:printed_document":
        kwargs["document"] = Document.OVERVIEW_REPORT
    if name in ("reports:pdf", "reports:pdf_download"):
        kwargs["rendering_id"] = rendering.pk
    return reverse(name, kwargs=kwargs)


def test_every_url_is_in_the_matrix():
    from reports.urls import urlpatterns

    mine = {f"reports:{pattern.name}" for pattern in urlpatterns} & {
        "reports:printed_document",
        "reports:pdfs",
        "reports:request_pdf",
        "reports:pdf",
        "reports:pdf_download",
    }
    assert mine == set(WHO_OPENS)


@pytest.mark.parametrize("name", sorted(WHO_OPENS))
def test_permission_matrix(client, name):
    case, officer, chair = printable_review()
    people = everyone(case, officer, chair)
    url = url_for(name, case, ready_rendering(case, chair))

    answers = {}
    for role in ROLES:
        client.force_login(people[role])
        answers[role] = client.get(url).status_code

    assert answers == {role: 200 if role in WHO_OPENS[name] else 404 for role in ROLES}


@pytest.mark.parametrize("name", sorted(WHO_OPENS))
def test_the_anonymous_are_sent_to_sign_in(client, name):
    case, _, chair = printable_review()
    response = client.get(url_for(name, case, ready_rendering(case, chair)))
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor:login"))


def test_those_who_may_not_request_cannot_post_either(client):
    case, officer, chair = printable_review()
    client.force_login(everyone(case, officer, chair)["panel member"])
    response = client.post(
        reverse("reports:request_pdf", args=[case.reference]),
        {"document": "action_plan", "variant": "public"},
    )
    assert response.status_code == 404
    assert not RenderedPdf.objects.exists()


# The document's page -----------------------------------------------------------------------


def test_the_document_page_shows_the_restricted_draft_or_the_public_version(client):
    case, _, chair = printable_review()
    client.force_login(chair)
    url = reverse("reports:printed_document", args=[case.reference, Document.OVERVIEW_REPORT])

    restricted = client.get(url).content.decode()
    public = client.get(url + "?variant=public").content.decode()

    assert "Jane Doe" in restricted and "OFFICIAL-SENSITIVE" in restricted
    assert "Jane Doe" not in public and "Mark Smith" not in public and "Marky" not in public
    assert "Adult A called about Adult B&#x27;s threats" not in public
    assert "Jane Doe called about Marky&#x27;s threats" in restricted
    assert AccessLogEntry.objects.filter(case=case, user=chair).count() == 2


def test_a_document_without_a_version_says_so(client):
    case, _, chair = printable_review()
    case.report_versions.filter(document=Document.EXECUTIVE_SUMMARY).delete()
    client.force_login(chair)
    response = client.get(
        reverse("reports:printed_document", args=[case.reference, Document.EXECUTIVE_SUMMARY])
    )
    assert "There is no version of the executive summary yet." in response.content.decode()


def test_an_unknown_document_is_not_found(client):
    case, _, chair = printable_review()
    client.force_login(chair)
    assert client.get(f"/cases/{case.reference}/report/documents/letters/").status_code == 404


# Asking for a PDF, its progress and the download -----------------------------------------


def test_asking_for_a_pdf_leads_to_its_page_and_the_file(client, eager_celery):  # noqa: F811
    case, _, chair = printable_review()
    client.force_login(chair)
    url = reverse("reports:request_pdf", args=[case.reference])
    token = TOKEN.search(client.get(url).content.decode()).group(1)

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            url, {"document": "action_plan", "variant": "public", "form_token": token}
        )

    rendering = RenderedPdf.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reports:pdf", args=[case.reference, rendering.pk])
    page = client.get(response.url)
    assert "The PDF is ready" in page.content.decode()
    assert "Refresh" not in page

    download = client.get(reverse("reports:pdf_download", args=[case.reference, rendering.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        f'attachment; filename="{case.reference}-action-plan.pdf"'
    )
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert AccessLogEntry.objects.filter(
        case=case, user=chair, what=AccessLogEntry.What.DOCUMENT
    ).exists()


def test_the_form_says_what_is_missing(client):
    case, _, chair = printable_review()
    case.report_versions.filter(document=Document.OVERVIEW_REPORT).delete()
    client.force_login(chair)
    url = reverse("reports:request_pdf", args=[case.reference])

    empty = client.post(url, {}).content.decode()
    assert "There is a problem" in empty
    assert "<title>Error: Ask for a PDF" in empty  # said once, by base.html
    assert "Select the document to render." in empty
    assert "Select the restricted draft or the public variant." in empty

    refused = client.post(url, {"document": "overview_report", "variant": "public"})
    assert "There is no version of the overview report yet." in refused.content.decode()
    assert not RenderedPdf.objects.exists()


def test_a_rendering_under_way_refreshes_itself_and_says_so(client):
    case, _, chair = printable_review()
    rendering = pdfs.request_rendering(
        case=case, document=Document.EXECUTIVE_SUMMARY, variant="public", by=chair
    )
    client.force_login(chair)
    response = client.get(reverse("reports:pdf", args=[case.reference, rendering.pk]))
    content = response.content.decode()
    assert response["Refresh"] == "3"
    assert 'role="status"' in content
    assert "The PDF is waiting to be rendered." in content
    assert "Download the PDF" not in content
    assert (
        client.get(reverse("reports:pdf_download", args=[case.reference, rendering.pk])).status_code
        == 404
    )


def test_a_failed_rendering_says_why_and_offers_to_ask_again(client):
    case, _, chair = printable_review()
    rendering = pdfs.request_rendering(
        case=case, document=Document.EXECUTIVE_SUMMARY, variant="public", by=chair
    )
    RenderedPdf.objects.filter(pk=rendering.pk).update(
        status=RenderedPdf.Status.FAILED, failure="The PDF could not be rendered (no font)"
    )
    client.force_login(chair)
    content = client.get(reverse("reports:pdf", args=[case.reference, rendering.pk])).content
    assert b"The PDF could not be rendered (no font)" in content
    assert b"Ask for it again" in content


# The list ---------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 50])
def test_the_list_costs_the_same_at_1_and_50_renderings(
    client, django_assert_max_num_queries, rows
):
    case, _, chair = printable_review(chronology_entries=0)
    version = case.report_versions.get(document=Document.EXECUTIVE_SUMMARY)
    RenderedPdf.objects.bulk_create(
        RenderedPdf(
            case=case,
            document=Document.EXECUTIVE_SUMMARY,
            version=version,
            variant="public",
            content_hash=f"{number:064}",
            requested_by=chair,
        )
        for number in range(rows)
    )
    client.force_login(chair)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reports:pdfs", args=[case.reference]))
    assert response.content.decode().count("Waiting</strong>") == rows
