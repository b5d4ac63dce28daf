"""The set-up's admin pages, one module per part of it (imported here for autodiscovery)."""

from . import proceedings, terms  # noqa: F401 - registers their ModelAdmins
