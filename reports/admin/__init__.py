"""The report's admin pages, one module per part of it (imported here for autodiscovery)."""

from . import drafting  # noqa: F401
