from .action_plan import Action, Recommendation
from .comments import ReportComment
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
    "ReportComment",
    "ReportVersion",
]
