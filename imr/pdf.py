"""The imr app's restricted PDFs (DESIGN §6): the commissioning letter and the combined
chronology, rendered with WeasyPrint from templates.

WeasyPrint fetches whatever a document names (file://, http, ftp, through proxies) unless
told otherwise: StaticFilesOnly refuses everything but `data:` URLs and the service's own
static files, read from disk, so a PDF can neither reach the network nor read a file that is
not one of the service's assets. The reports app's PDF service will take this over."""

from functools import cache
from urllib.parse import urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

# The address a PDF's HTML is rendered at: a relative /static/ link resolves under it, and
# nothing else can be reached from it.
BASE_URL = "https://dhr-manager.invalid/"


class StaticFilesOnly(URLFetcher):
    """Deny by default: `data:` URLs, and files found by the static files finders under
    BASE_URL's /static/; nothing else."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}/" == BASE_URL and parts.path.startswith("/static/"):
            relative = parts.path.removeprefix("/static/")
            found = ".." not in relative.split("/") and finders.find(relative)
            if found:
                with open(found, "rb") as static_file:
                    return URLFetcherResponse(url, static_file.read())
        raise FatalURLFetchingError(f"The PDF may not fetch {url[:80]}")


@cache
def _stylesheet(template: str) -> CSS:
    # Parsed once per process (LIBRARY-NOTES: reuse CSS objects): parsing is a good part of
    # a small render.
    return CSS(string=render_to_string(template), url_fetcher=StaticFilesOnly(), base_url=BASE_URL)


# Tagged, with the structure a screen reader needs (DESIGN §6).
PDF_VARIANT = "pdf/ua-1"


def layout(template: str, context: dict, *, stylesheet: str | tuple[str, ...]):
    """The laid-out document (tests read its pages' text from it). `stylesheet` is one
    template or several, applied in order (a restricted report adds its markings to the
    report's stylesheet)."""
    html = render_to_string(template, context)
    names = (stylesheet,) if isinstance(stylesheet, str) else stylesheet
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnly()).render(
        stylesheets=[_stylesheet(name) for name in names], pdf_variant=PDF_VARIANT
    )


def render_pdf(template: str, context: dict, *, stylesheet: str) -> bytes:
    return layout(template, context, stylesheet=stylesheet).write_pdf(pdf_variant=PDF_VARIANT)
