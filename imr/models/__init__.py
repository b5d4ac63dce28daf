"""Individual management reviews (DOMAIN.md 2.4): one module per part of them."""

from .chronology import ChronologyEntry, CombinedChronology
from .commissioning import CommissioningLetter, DueDateChange
from .documents import ImrDocument
from .imr import Imr
from .interviews import StaffInterview
from .sections import (
    COMMENTED_ON,
    SECTION_KEYS,
    SECTION_TITLES,
    SECTIONS,
    ImrComment,
    ImrRecommendation,
    ImrSections,
    ImrStep,
    ImrVersion,
)
from .short_reports import ShortReport

__all__ = [
    "COMMENTED_ON",
    "SECTIONS",
    "SECTION_KEYS",
    "SECTION_TITLES",
    "ChronologyEntry",
    "CombinedChronology",
    "CommissioningLetter",
    "DueDateChange",
    "Imr",
    "ImrComment",
    "ImrDocument",
    "ImrRecommendation",
    "ImrSections",
    "ImrStep",
    "ImrVersion",
    "ShortReport",
    "StaffInterview",
]
