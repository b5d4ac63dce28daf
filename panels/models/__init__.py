"""The review's set-up (DOMAIN.md 2.0 to 2.3): one module per part of it."""

from .dayone import EarlyLesson, RiskToLifeEscalation, ScopingRequest
from .meetings import Meeting, MeetingAttendee, MeetingOutcome

__all__ = [
    "EarlyLesson",
    "Meeting",
    "MeetingAttendee",
    "MeetingOutcome",
    "RiskToLifeEscalation",
    "ScopingRequest",
]
from .chair import ChairAppointment
from .panel import AgencyDeclined, PanelMember

__all__ = ["AgencyDeclined", "ChairAppointment", "PanelMember"]
