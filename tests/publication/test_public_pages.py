"""The public pages, walked anonymously: only published reviews, only their frozen files,
no marking and no case reference; search, filters and pages; a withdrawn, withheld or
unpublished review answers 404 by any id; the list's query ceiling at 1 and 50 reviews."""

from datetime import date

import pytest
from django.urls import reverse

from cases.clocks import today
from publication.models import Publication
from publication.services import publishing
from reports.models import RenderedPdf
from tests.case_factories import notified_case, partnership_with_staff
from tests.publication.publishing_factories import published_review, review_at_publication

pytestmark = pytest.mark.django_db

LIST = "/published-reviews/"
KINDS = ("overview-report", "executive-summary", "qa-letter")


def _csp_chair(case):
    return case.partnership.roles.get(role="csp_chair").user


def test_the_list_and_the_page_are_open_without_signing_in_and_unmarked(client):
    case, _, _ = published_review()
    publication = case.publication

    listed = client.get(LIST)
    page = client.get(reverse("publication:public_review", args=[publication.public_id]))

    for response in (listed, page):
        html = response.content.decode()
        assert response.status_code == 200
        assert "OFFICIAL-SENSITIVE" not in html
        assert case.reference not in html
        assert "Jane Doe" not in html
        assert publication.title in html and case.partnership.name in html
    assert "Adult A lived in Riverside with her two children." in page.content.decode()
    assert f"Published {today():%-d %B %Y}" in listed.content.decode()


def test_a_signed_in_person_without_a_second_factor_reaches_them_too(client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    case, officer, _ = published_review()
    client.force_login(officer)

    assert client.get(LIST).status_code == 200
    assert client.get(f"{LIST}{case.publication.public_id}/").status_code == 200


@pytest.mark.parametrize("kind", KINDS)
def test_each_document_downloads_as_the_frozen_pdf(client, kind):
    case, _, _ = published_review()
    published = case.publication.files.get(kind=kind.replace("-", "_"))

    response = client.get(f"{LIST}{case.publication.public_id}/{kind}.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{kind}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    with published.file.open("rb") as frozen:
        assert b"".join(response.streaming_content) == frozen.read()


def test_search_and_filters(client):
    case, _, _ = published_review()
    Publication.objects.filter(case=case).update(published_on=date(2025, 6, 1))
    name = case.partnership.name

    def titles(**query):
        return client.get(LIST, query).content.decode().count('class="govuk-link" href="/pub')

    assert titles(q="adult a") == 1
    assert titles(q=name[:5]) == 1
    assert titles(q="nothing like it") == 0
    assert titles(partnership=name) == 1
    assert titles(partnership="Elsewhere CSP") == 0
    assert titles(year="2025") == 1
    assert titles(year="2026") == 0


def test_a_withdrawn_review_leaves_the_public_pages(client):
    case, _, _ = published_review()
    public_id = case.publication.public_id
    publishing.withdraw(
        publication=case.publication,
        by=_csp_chair(case),
        kind=Publication.WithdrawalKind.IN_ERROR,
        reason="The wrong summary was published.",
    )

    assert public_id not in client.get(LIST).content.decode()
    assert client.get(f"{LIST}{public_id}/").status_code == 404
    for kind in KINDS:
        assert client.get(f"{LIST}{public_id}/{kind}.pdf").status_code == 404


def _ids_of(case) -> list[str]:
    """Every id or name a prober might try for the case's documents."""
    renderings = RenderedPdf.objects.filter(case=case)
    ids = [str(case.pk), case.reference, case.reference.lower()]
    ids += [str(r.pk) for r in renderings]
    ids += [str(v.pk) for v in case.report_versions.all()]
    ids += [r.file_name.rsplit("/", 1)[-1].removesuffix(".pdf") for r in renderings]
    ids += [
        s.outcome.letter.name.rsplit("/", 1)[-1].removesuffix(".pdf")
        for s in case.submissions.all()
    ]
    return ids


@pytest.mark.parametrize("state", ["at publication", "withheld"])
def test_an_unpublished_reviews_documents_are_unreachable_by_any_id(client, state):
    case, officer, _ = review_at_publication()
    if state == "withheld":
        publishing.withhold(
            case=case, by=officer, decided_on=today(), decided_by="CSP chair", reasons="Welfare"
        )
    tried = 0
    for probe in _ids_of(case):
        assert client.get(f"{LIST}{probe}/").status_code == 404, probe
        tried += 1
        for kind in KINDS:
            assert client.get(f"{LIST}{probe}/{kind}.pdf").status_code == 404, probe
    assert tried >= 8
    # Nor by any file name as a path under the public pages.
    for rendering in RenderedPdf.objects.filter(case=case):
        assert client.get(f"{LIST}{rendering.file_name}").status_code == 404
    assert "Adult A" not in client.get(LIST).content.decode()


def test_a_published_reviews_id_reaches_only_its_own_published_files(client):
    case, _, _ = published_review()
    public_id = case.publication.public_id
    for probe in ("action-plan", "restricted", "overview_report", "imr"):
        assert client.get(f"{LIST}{public_id}/{probe}.pdf").status_code == 404


@pytest.mark.parametrize("rows", [1, 50])
def test_the_public_list_costs_the_same_at_1_and_50_reviews(
    client, django_assert_max_num_queries, rows
):
    partnership, officer, _ = partnership_with_staff()
    cases = [notified_case(partnership, officer, police_reference=f"OP-{i}") for i in range(rows)]
    Publication.objects.bulk_create(
        Publication(
            case=case,
            title=f"Review into the death of Adult {i}",
            partnership_name=partnership.name,
            published_on=today(),
            published_by=officer,
        )
        for i, case in enumerate(cases)
    )

    with django_assert_max_num_queries(6):
        response = client.get(LIST)

    assert response.status_code == 200
    assert response.content.decode().count("Review into the death of Adult") == min(rows, 20)
