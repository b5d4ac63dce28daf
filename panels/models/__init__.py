"""The review's set-up (DOMAIN.md 2.0 to 2.3): one module per part of it."""

from .chair import ChairAppointment
from .dayone import EarlyLesson, RiskToLifeEscalation, ScopingRequest
from .meetings import Meeting, MeetingAttendee, MeetingOutcome
from .panel import AgencyDeclined, PanelMember
from .proceedings import DocumentsForwarded, PauseCause, Proceeding
from .terms import CHECKLIST, TermsOfReferenceVersion

__all__ = [
    "CHECKLIST",
    "AgencyDeclined",
    "ChairAppointment",
    "DocumentsForwarded",
    "EarlyLesson",
    "Meeting",
    "MeetingAttendee",
    "MeetingOutcome",
    "PanelMember",
    "PauseCause",
    "Proceeding",
    "RiskToLifeEscalation",
    "ScopingRequest",
    "TermsOfReferenceVersion",
]
