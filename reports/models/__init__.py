from .action_plan import Action, Recommendation
from .anonymisation import AnonymisationDecision
from .before_sign_off import (
    ActionAgreement,
    ContributorConfirmation,
    FamilyViewing,
    PanelAgreement,
)
from .comments import ReportComment
from .drafting import Document, DraftSection, ReportVersion
from .rendering import LeakCheck, PdfDocument, RenderedPdf

__all__ = [
    "Action",
    "ActionAgreement",
    "AnonymisationDecision",
    "ContributorConfirmation",
    "Document",
    "DraftSection",
    "FamilyViewing",
    "LeakCheck",
    "PanelAgreement",
    "PdfDocument",
    "Recommendation",
    "RenderedPdf",
    "ReportComment",
    "ReportVersion",
]
