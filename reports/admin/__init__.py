"""The report's admin pages, one module per part of it (imported here for autodiscovery)."""

from . import action_plan, anonymisation, drafting, pdfs  # noqa: F401
