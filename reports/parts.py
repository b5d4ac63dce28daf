"""The parts of the report (the drafts, the action plan, the sign-off checks, the
anonymisation, the PDFs, the leak gate), each built in its own module, which registers its
page here from ReportsConfig.ready(): the report's page links to each part the person may
open, without knowing the parts."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from cases.models import Case


@dataclass(frozen=True)
class Part:
    label: str
    # Reversed with the case reference.
    url_name: str
    # The case permission (codename) that opens the part.
    permission: str
    description: str = ""
    # Whether the part has anything to show for the case (None: always).
    shown: Callable[[Case], bool] | None = None


_parts: list[Part] = []


def add_part(part: Part) -> None:
    _parts.append(part)


def parts_of(case: Case, permissions: frozenset[str]) -> list[tuple[Part, str]]:
    """(part, url) of each part of the case's report that `permissions` open."""
    return [
        (part, reverse(part.url_name, args=[case.reference]))
        for part in _parts
        if part.permission in permissions and (part.shown is None or part.shown(case))
    ]
