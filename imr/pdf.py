"""The combined chronology as a restricted PDF (DESIGN §6), rendered with WeasyPrint.

The reports app will own the service's PDF rendering; until it exists the chronology has
its own small renderer here. WeasyPrint fetches nothing but `data:` URLs and the service's
own static files: any other address (file://, http, ftp, a proxy) stops the rendering."""

from urllib.parse import urlsplit

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

# The address the PDF's HTML is rendered at: a relative /static/ link resolves under it,
# and nothing else can be reached from it.
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


# Parsed once per process (LIBRARY-NOTES: reuse CSS objects). A small print stylesheet,
# blocks rather than one long table (tables render about four times slower).
_STYLESHEET: CSS | None = None


def _stylesheet() -> CSS:
    global _STYLESHEET
    if _STYLESHEET is None:
        _STYLESHEET = CSS(
            string=render_to_string("imr/chronology_print.css"), url_fetcher=StaticFilesOnly()
        )
    return _STYLESHEET


def layout(template: str, context: dict):
    """The laid-out document (tests read its pages' text from it)."""
    html = render_to_string(template, context)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnly()).render(
        stylesheets=[_stylesheet()], pdf_variant="pdf/ua-1"
    )


def render_pdf(template: str, context: dict) -> bytes:
    return layout(template, context).write_pdf(pdf_variant="pdf/ua-1")
