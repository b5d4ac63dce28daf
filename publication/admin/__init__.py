"""The publication app's admin pages, one module per part of it (imported here for
autodiscovery)."""

from . import publishing, sign_off  # noqa: F401
