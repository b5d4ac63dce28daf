"""Publication's admin pages, one module per part (imported here for autodiscovery)."""

from . import publishing  # noqa: F401
