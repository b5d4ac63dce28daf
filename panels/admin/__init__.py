"""The set-up's admin pages, one module per part of it (imported here for autodiscovery)."""

from . import dayone, meetings  # noqa: F401
