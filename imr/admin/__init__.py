"""The IMRs' admin pages, one module per part of them (imported here for autodiscovery)."""

from . import imr, interviews_and_documents  # noqa: F401
