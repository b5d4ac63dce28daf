"""Provisional anonymiser, with the interface part C's anonymiser offers (the PDFs call it):
each registered real name and alias is swapped for the person's pseudonym, whole words, any
case. It flags nothing; part C's module replaces this one at merge."""

import hashlib
import re
from dataclasses import dataclass, field

from cases.models import Case


@dataclass(frozen=True)
class Swap:
    start: int
    end: int
    original: str
    pseudonym: str


@dataclass(frozen=True)
class Flag:
    start: int
    end: int
    text: str
    kind: str
    key: str
    decision: object | None = None


@dataclass(frozen=True)
class Anonymised:
    text: str
    swaps: list[Swap] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    @property
    def open_flags(self) -> list[Flag]:
        return [flag for flag in self.flags if flag.decision is None]


class Register:
    def __init__(self, names: dict[str, str]):
        # {real name or alias, lower case: pseudonym}
        self.names = names
        self.fingerprint = hashlib.sha256(repr(sorted(names.items())).encode()).hexdigest()
        longest_first = sorted(names, key=len, reverse=True)
        self._pattern = (
            re.compile(r"\b(" + "|".join(map(re.escape, longest_first)) + r")\b", re.IGNORECASE)
            if names
            else None
        )

    @classmethod
    def for_case(cls, case: Case) -> "Register":
        names = {}
        for person in case.people.only("real_name", "aliases", "pseudonym", "role"):
            pseudonym = person.pseudonym or person.get_role_display()
            for name in [person.real_name, *person.aliases.split(",")]:
                if name.strip():
                    names[name.strip().lower()] = pseudonym
        return cls(names)


def anonymise(text: str, register: Register) -> Anonymised:
    if register._pattern is None:
        return Anonymised(text)
    swaps = []

    def swap(match: re.Match) -> str:
        pseudonym = register.names[match.group(0).lower()]
        swaps.append(Swap(match.start(), match.end(), match.group(0), pseudonym))
        return pseudonym

    return Anonymised(register._pattern.sub(swap, text), swaps)
