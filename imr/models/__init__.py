"""Individual management reviews (DOMAIN.md 2.4): one module per part of them."""

from .commissioning import CommissioningLetter, DueDateChange
from .imr import Imr

__all__ = ["CommissioningLetter", "DueDateChange", "Imr"]
