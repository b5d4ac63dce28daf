"""Individual management reviews (DOMAIN.md 2.4): one module per part of them."""

from .chronology import ChronologyEntry, CombinedChronology
from .imr import Imr

__all__ = ["ChronologyEntry", "CombinedChronology", "Imr"]
