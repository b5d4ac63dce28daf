"""The commissioning letter as a PDF (DESIGN §6), rendered with WeasyPrint from a template.

imr.pdf renders it, fetching nothing but data: URLs and the service's own static files."""

from django.conf import settings
from django.utils import timezone

from panels.models import CHECKLIST

from .models import CommissioningLetter
from .pdf import render_pdf

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

TEMPLATE = "imr/commissioning_letter.html"
STYLESHEET = "imr/letter_print.css"


def letter_context(letter: CommissioningLetter) -> dict:
    imr, terms = letter.imr, letter.terms
    return {
        "letter": letter,
        "imr": imr,
        "case": imr.case,
        "terms": terms,
        "checklist": [(item, terms.answer(item), terms.not_applicable(item)) for item in CHECKLIST],
        "contents": IMR_CONTENTS,
        "sent_on": timezone.localdate(letter.sent_at),
        "service_name": settings.DHR_SERVICE_NAME,
    }


def letter_pdf(letter: CommissioningLetter) -> bytes:
    """The letter as sent: the terms version and the due date it recorded."""
    return render_pdf(TEMPLATE, letter_context(letter), stylesheet=STYLESHEET)


def letter_file_name(letter: CommissioningLetter) -> str:
    return f"{letter.imr.case.reference}-IMR-commissioning-letter-{letter.pk}.pdf"
