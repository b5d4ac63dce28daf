from .action_plan import Action, Recommendation
from .anonymisation import AnonymisationDecision
from .drafting import Document, DraftSection, ReportVersion
from .rendering import LeakCheck, PdfDocument, RenderedPdf

__all__ = [
    "Action",
    "AnonymisationDecision",
    "Document",
    "DraftSection",
    "LeakCheck",
    "PdfDocument",
    "Recommendation",
    "RenderedPdf",
    "ReportVersion",
]
