"""The commissioning letter as a PDF (DESIGN §6), rendered with WeasyPrint from a template.

WeasyPrint fetches whatever a document names (file://, http, ftp, through proxies) unless
told otherwise: LetterFetcher refuses everything but data: URLs and the service's own
static files, read from disk, so a letter can neither reach the network nor read a file
that is not one of the service's assets."""

from functools import cache
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from panels.models import CHECKLIST

from .models import CommissioningLetter

# What an IMR must contain, as the letter lists it (seed 000 l.222-226, l.337-341; seed 001
# §4.20; seed 002 (7)(d), (9)(d)).
IMR_CONTENTS = (
    "A chronology of the agency's contact with the victim, the perpetrator and their "
    "families, with the source record of each entry.",
    "An analysis that looks openly and critically at individual and organisational "
    "practice, and what should have happened.",
    "Good practice identified.",
    "An equality and diversity analysis (the protected characteristics).",
    "The lessons learned, and how the agency will make the changes.",
    "Single-agency recommendations.",
    "Records of staff interviews, each shared with the interviewee.",
)

# The service's own address: a static asset named in a template ("/static/…") resolves
# against it, and only URLs under it are read (from disk, never over the network).
_BASE_URL = "https://dhr.invalid/"


class LetterFetcher(URLFetcher):
    """Deny by default: data: URLs, and the service's static files found on disk."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        static_prefix = _BASE_URL.rstrip("/") + settings.STATIC_URL
        if url.startswith(static_prefix):
            name = unquote(url.removeprefix(static_prefix).split("?")[0].split("#")[0])
            path = finders.find(name) if ".." not in name.split("/") else None
            if path:
                with open(path, "rb") as asset:
                    return URLFetcherResponse(url, asset.read())
        raise FatalURLFetchingError(f"The letter may not fetch {url[:100]}.")


@cache
def _print_css() -> CSS:
    # Built once per process: parsing the stylesheet is a good part of a small render.
    return CSS(
        string=render_to_string("imr/letter_print.css"),
        url_fetcher=LetterFetcher(),
        base_url=_BASE_URL,
    )


def letter_html(letter: CommissioningLetter) -> str:
    imr, terms = letter.imr, letter.terms
    return render_to_string(
        "imr/commissioning_letter.html",
        {
            "letter": letter,
            "imr": imr,
            "case": imr.case,
            "terms": terms,
            "checklist": [
                (item, terms.answer(item), terms.not_applicable(item)) for item in CHECKLIST
            ],
            "contents": IMR_CONTENTS,
            "sent_on": timezone.localdate(letter.sent_at),
            "service_name": settings.DHR_SERVICE_NAME,
        },
    )


def letter_pdf(letter: CommissioningLetter) -> bytes:
    """The letter as sent: the terms version and the due date it recorded."""
    document = HTML(string=letter_html(letter), url_fetcher=LetterFetcher(), base_url=_BASE_URL)
    return document.write_pdf(stylesheets=[_print_css()], pdf_variant="pdf/ua-1")


def letter_file_name(letter: CommissioningLetter) -> str:
    return f"{letter.imr.case.reference}-IMR-commissioning-letter-{letter.pk}.pdf"
