"""The review's set-up (DOMAIN.md 2.0 to 2.3): one module per part of it."""

from .proceedings import DocumentsForwarded, PauseCause, Proceeding
from .terms import CHECKLIST, TermsOfReferenceVersion

__all__ = [
    "CHECKLIST",
    "DocumentsForwarded",
    "PauseCause",
    "Proceeding",
    "TermsOfReferenceVersion",
]
