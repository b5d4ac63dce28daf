"""Individual management reviews (DOMAIN.md 2.4): one module per part of them."""

from .documents import ImrDocument
from .imr import Imr
from .interviews import StaffInterview
from .short_reports import ShortReport

__all__ = ["Imr", "ImrDocument", "ShortReport", "StaffInterview"]
