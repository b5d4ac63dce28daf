"""The set-up's admin pages, one module per part of it (imported here for autodiscovery)."""

from . import chair, dayone, family, meetings, panel, proceedings, terms  # noqa: F401
