from .action_plan import Action, Recommendation
from .drafting import Document, DraftSection, ReportVersion
from .rendering import LeakCheck, PdfDocument, RenderedPdf

__all__ = [
    "Action",
    "Document",
    "DraftSection",
    "LeakCheck",
    "PdfDocument",
    "Recommendation",
    "RenderedPdf",
    "ReportVersion",
]
