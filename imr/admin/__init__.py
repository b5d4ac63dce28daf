"""The IMRs' admin pages, one module per part of them (imported here for autodiscovery)."""

from . import imr  # noqa: F401
