"""The set-up's admin pages, one module per part of it (imported here for autodiscovery)."""

from . import family  # noqa: F401 - registers the family and friends record's pages
