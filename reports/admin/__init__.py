"""The report's admin pages, one module per part of it (imported here for autodiscovery)."""

from . import action_plan, drafting  # noqa: F401
