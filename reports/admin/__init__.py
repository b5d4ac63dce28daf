"""The reports app's admin pages, one module per part of the report (imported here for
autodiscovery)."""

from . import pdfs  # noqa: F401
