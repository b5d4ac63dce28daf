from .actions import ActionAudit, ActionUpdate, ClosureAgreement, Rag, Status
from .records import Challenge, ChallengeMeeting, Dissemination, HomeOfficeUpdateRequest

__all__ = [
    "ActionAudit",
    "ActionUpdate",
    "Challenge",
    "ChallengeMeeting",
    "ClosureAgreement",
    "Dissemination",
    "HomeOfficeUpdateRequest",
    "Rag",
    "Status",
]
