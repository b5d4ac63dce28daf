"""The reports' admin pages, one module per part of them (imported here for autodiscovery)."""

from . import anonymisation  # noqa: F401
