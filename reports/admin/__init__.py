"""The reports' admin pages, one module per part of them (imported here for autodiscovery)."""

from . import action_plan  # noqa: F401
