"""The IMRs' admin pages, one module per part of them (imported here for autodiscovery)."""

from . import chronology, commissioning, imr, interviews_and_documents, sections  # noqa: F401
