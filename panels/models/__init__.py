"""The review's set-up (DOMAIN.md 2.0 to 2.3): one module per part of it."""

from .chair import ChairAppointment
from .dayone import EarlyLesson, RiskToLifeEscalation, ScopingRequest
from .family import (
    ContactLogEntry,
    Contribution,
    FamilyAdvocate,
    FirstContact,
    InvolvementDecision,
    NetworkMember,
    PseudonymChoice,
    Tribute,
)
from .meetings import Meeting, MeetingAttendee, MeetingOutcome
from .panel import AgencyDeclined, PanelMember
from .proceedings import DocumentsForwarded, PauseCause, Proceeding
from .terms import CHECKLIST, TermsOfReferenceVersion

__all__ = [
    "CHECKLIST",
    "AgencyDeclined",
    "ChairAppointment",
    "ContactLogEntry",
    "Contribution",
    "DocumentsForwarded",
    "EarlyLesson",
    "FamilyAdvocate",
    "FirstContact",
    "InvolvementDecision",
    "Meeting",
    "MeetingAttendee",
    "MeetingOutcome",
    "NetworkMember",
    "PanelMember",
    "PauseCause",
    "Proceeding",
    "PseudonymChoice",
    "RiskToLifeEscalation",
    "ScopingRequest",
    "TermsOfReferenceVersion",
    "Tribute",
]
