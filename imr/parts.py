"""The parts of an IMR (its chronology, sections, interviews, documents, the panel's review),
each built in its own module, which registers its page here from ImrConfig.ready(): the
IMR's page links to each part the person may open, without knowing the parts."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from .access import Need
from .models import Imr


@dataclass(frozen=True)
class Part:
    label: str
    # Reversed with the case reference and the IMR's id.
    url_name: str
    need: Need
    # Whether the part has anything to show at the IMR's state (None: always).
    shown: Callable[[Imr], bool] | None = None


_parts: list[Part] = []


def add_part(part: Part) -> None:
    _parts.append(part)


def parts_of(imr: Imr, allowed: Callable[[Need], bool]) -> list[tuple[str, str]]:
    """(label, url) of each part of `imr` that `allowed(need)` lets the person open."""
    return [
        (part.label, reverse(part.url_name, args=[imr.case.reference, imr.pk]))
        for part in _parts
        if allowed(part.need) and (part.shown is None or part.shown(imr))
    ]
