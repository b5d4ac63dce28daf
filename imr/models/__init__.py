"""Individual management reviews (DOMAIN.md 2.4): one module per part of them."""

from .chronology import ChronologyEntry, CombinedChronology
from .commissioning import CommissioningLetter, DueDateChange
from .imr import Imr

__all__ = [
    "ChronologyEntry",
    "CombinedChronology",
    "CommissioningLetter",
    "DueDateChange",
    "Imr",
]
