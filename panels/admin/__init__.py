"""The set-up's admin pages, one module per part of it (imported here for autodiscovery)."""

from . import chair, dayone, meetings, panel  # noqa: F401 - registers their ModelAdmins
