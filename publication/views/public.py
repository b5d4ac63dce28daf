"""The public pages (DOMAIN.md 2.8 items 3, 8): open to anyone without signing in, they read
only Publication and PublishedFile, never a case: a review is found by its random public id,
and only its frozen published files are served. A review withdrawn answers 404, as does any
id that is not a published review's."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from ..models import Publication, PublishedFile

REVIEWS_PER_PAGE = 20


def on_public_pages():
    return Publication.objects.filter(withdrawn_on__isnull=True)


@login_not_required
@require_GET
def reviews(request):
    shown = on_public_pages()
    search = request.GET.get("q", "").strip()[:200]
    partnership = request.GET.get("partnership", "").strip()[:200]
    year = request.GET.get("year", "").strip()
    if search:
        shown = shown.filter(Q(title__icontains=search) | Q(partnership_name__icontains=search))
    if partnership:
        shown = shown.filter(partnership_name=partnership)
    if year.isdigit():
        shown = shown.filter(published_on__year=int(year))
    fields = ("public_id", "title", "partnership_name", "published_on")
    page = Paginator(shown.only(*fields).order_by("-published_on", "-id"), REVIEWS_PER_PAGE)
    listed = on_public_pages()
    return render(
        request,
        "published/reviews.html",
        {
            "page": page.get_page(request.GET.get("page")),
            "query": urlencode(
                {
                    k: v
                    for k, v in {"q": search, "partnership": partnership, "year": year}.items()
                    if v
                }
            ),
            "search": search,
            "partnership": partnership,
            "year": year,
            "partnerships": listed.order_by("partnership_name")
            .values_list("partnership_name", flat=True)
            .distinct(),
            "years": listed.annotate(year=ExtractYear("published_on"))
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct(),
        },
    )


@login_not_required
@require_GET
def review(request, public_id):
    publication = get_object_or_404(on_public_pages(), public_id=public_id)
    return render(
        request,
        "published/review.html",
        {"publication": publication, "files": publication.files.order_by("kind")},
    )


@login_not_required
@require_GET
def download(request, public_id, kind):
    # One address per document: its kind with hyphens, as download_name writes it.
    kind = {k.replace("_", "-"): k for k in PublishedFile.Kind.values}.get(kind)
    if kind is None:
        raise Http404("No such document.")
    published = get_object_or_404(
        PublishedFile.objects.filter(publication__in=on_public_pages()),
        publication__public_id=public_id,
        kind=kind,
    )
    response = FileResponse(
        published.file.open("rb"),
        as_attachment=True,
        filename=published.download_name,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
