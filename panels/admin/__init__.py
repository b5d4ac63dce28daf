"""The set-up's admin pages, one module per part of it (imported here for autodiscovery)."""

from . import chair, dayone, meetings, panel, proceedings, terms  # noqa: F401 - registers their ModelAdmins
