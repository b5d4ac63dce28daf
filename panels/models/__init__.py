"""The review's set-up (DOMAIN.md 2.0 to 2.3): one module per part of it."""

from .family import (  # noqa: F401 - the models of the family and friends record
    ContactLogEntry,
    Contribution,
    FamilyAdvocate,
    FirstContact,
    InvolvementDecision,
    NetworkMember,
    PseudonymChoice,
    Tribute,
)
