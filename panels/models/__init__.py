"""The review's set-up (DOMAIN.md 2.0 to 2.3): one module per part of it."""

from .chair import ChairAppointment
from .panel import AgencyDeclined, PanelMember

__all__ = ["AgencyDeclined", "ChairAppointment", "PanelMember"]
