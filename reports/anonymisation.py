"""The anonymiser (DESIGN §6; DOMAIN.md 2.5 item 6): the published text of a report is its
text with every registered real name and alias swapped for the person's pseudonym, in one
pass, and every other identifier flagged for a person to decide.

How names are matched, and why:
- Terms: each person's full real name, each alias, the given names together ("Mary Ann"),
  each part of the real name, and each half of a hyphenated part ("Smith-Jones" is also
  called "Smith" or "Jones"). Particles ("de", "van") and single letters are not parts.
- Whole words, any case, accents or none (Zoë and Zoe), curly or straight apostrophes, and
  across line breaks and runs of spaces. One compiled regex (a trie of the terms, so it does
  not try 1,000 alternatives at every character) over a folded copy of the text that maps
  back to the original offsets; at each place the longest term wins ("Mary Ann Smith" over
  "Mary"), and each piece of text is replaced once: a pseudonym is never matched again.
- A title before a name ("Mr Smith", "Dr. Patel") goes with it: the pseudonym replaces both,
  since a title would tell the gender the pseudonym may not, and "Mr Adult A" reads wrongly.
- An initial before a surname ("J. Smith", "J Smith") is the person; a bare initial is not
  matched (every "A" would be).
- A possessive follows the pseudonym: "Jane's" and "Jones'" become "Adult A's".
- Ambiguous names are flagged, never replaced: a part that is a common English word (Will,
  Rose, May: AMBIGUOUS_NAMES, extended by settings.DHR_AMBIGUOUS_NAMES), written
  with a capital (lower-case "will" is the verb), and a part two people share under
  different pseudonyms. With a title ("Mrs Rose") it is the person and is swapped.
- The independent chair, the panel members and the overview author are named in publication
  (seed 000 l.253): their names, and every pseudonym, are kept as written, and being longest
  they win over a registered name inside them.

Other identifiers are flagged by kind: dates of birth (a registered date in any common
format, or its day and month), other exact dates, postcodes, phone numbers, e-mail
addresses, NHS and National Insurance numbers, street names (and the streets of registered
addresses) and school names. Where a flag and a name overlap, the one that starts first and
is longest wins: "Smith Road" is a street to decide on, jane.smith@example.org an address.
Each flag's key is its kind and its normalised text, and a decision on a key (keep as
written, or replace) applies wherever the key occurs in the case's documents."""

from __future__ import annotations

import calendar
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Value, Window
from django.db.models.functions import RowNumber

if TYPE_CHECKING:
    from cases.models import Case

    from .models import AnonymisationDecision

# Given names that are also common English words: matched, they are flagged for a person to
# decide rather than replaced, since "Will" is as likely the verb as the man.
AMBIGUOUS_NAMES = frozenset(
    [
        "will",
        "rose",
        "frank",
        "grace",
        "faith",
        "hope",
        "joy",
        "may",
        "june",
        "april",
        "august",
        "mark",
        "bill",
        "pat",
        "sue",
        "dawn",
        "amber",
        "jack",
        "carol",
        "penny",
        "dean",
        "ruby",
        "iris",
        "lily",
        "victor",
        "rob",
        "don",
        "chance",
        "crystal",
        "destiny",
        "dot",
        "earl",
        "eve",
        "fern",
        "gale",
        "heather",
        "holly",
        "honor",
        "ivy",
        "jasmine",
        "jade",
        "jean",
        "jewel",
        "kitty",
        "laurel",
        "les",
        "miles",
        "misty",
        "nick",
        "olive",
        "pearl",
        "rich",
        "robin",
        "rocky",
        "rod",
        "sandy",
        "skip",
        "summer",
        "sunny",
        "ray",
        "violet",
        "bob",
        "dolly",
        "peg",
        "max",
        "sonny",
        "bud",
        "buck",
        "jay",
        "art",
        "ernest",
        "fay",
        "guy",
        "hazel",
        "patience",
        "rex",
        "tom",
    ]
)

# Titles that go with the name they precede.
TITLES = (
    *("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lady", "lord", "master"),
    # Police ranks and offices, since practitioners are anonymised too ("PC Price-Jones").
    *("pc", "dc", "ds", "ps", "dci", "dsi", "sgt", "insp", "supt", "rev", "cllr"),
)

# Words in a name that are not names of their own.
PARTICLES = frozenset(
    [
        "de",
        "da",
        "di",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "la",
        "le",
        "du",
        "al",
        "el",
        "bin",
        "bint",
        "ibn",
        "st",
    ]
)

# Letters NFKD does not take apart.
_FOLDS = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "′": "'",
        "‐": "-",
        "‑": "-",
        "\xad": "",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\u2060": "",
        "\ufeff": "",
    }
)


@cache
def fold_char(character: str) -> str:
    """One character as names are compared: without accents, ligatures taken apart, case
    folded, curly apostrophes straightened; invisible characters removed."""
    decomposed = unicodedata.normalize("NFKD", character.translate(_FOLDS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """fold_char over a whole text, in a few passes over the string rather than one call
    per character (the leak gate folds whole pages)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLDS))
    return _COMBINING.sub("", decomposed).casefold()


# Term building ----------------------------------------------------------------------------

# A term is a list of tokens: single letters, and these separators, which each mode of the
# regex (the anonymiser's text, the leak gate's extracted text) writes as it needs.
SPACE, HYPHEN, APOSTROPHE, INITIAL = "\x00 ", "\x00-", "\x00'", "\x00."


def tokens_of(folded: str) -> tuple[str, ...]:
    tokens: list[str] = []
    # An initial's full stop and the space after it are one separator: "J. Smith", "J.Smith"
    # and "J Smith" are the same spelling.
    for character in re.sub(r"\.\s*", ".", re.sub(r"\s+", " ", folded.strip())):
        if character == " ":
            tokens.append(SPACE)
        elif character == "-":
            tokens.append(HYPHEN)
        elif character == "'":
            tokens.append(APOSTROPHE)
        elif character == ".":
            tokens.append(INITIAL)
        else:
            tokens.append(character)
    return tuple(tokens)


def compact(text: str) -> str:
    """A matched text's lookup key: letters and digits only."""
    return re.sub(r"[^\w]|_", "", text)


def trie_pattern(terms, separators: dict[str, str]) -> str:
    """One regex alternation of `terms` (token tuples) written as a trie, longest first: it
    reads each character once whatever the number of terms."""
    root: dict = {}
    for term in terms:
        node = root
        for token in term:
            node = node.setdefault(token, {})
        node[""] = {}

    def write(node: dict) -> str:
        ends = "" in node
        branches = [
            (separators[token] if token.startswith("\x00") else re.escape(token)) + write(child)
            for token, child in sorted(node.items(), key=lambda item: item[0])
            if token
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return write(root)


@dataclass(frozen=True)
class Term:
    """One registered spelling of a person's name (or a named person's, to keep)."""

    text: str  # as registered
    pseudonym: str  # "" for a kept name
    kind: str  # "name", "ambiguous", "keep"


def _given_names(real_name: str) -> list[str]:
    words = [word for word in real_name.split() if word.casefold() not in PARTICLES]
    return words


def name_parts(real_name: str) -> list[str]:
    """The parts a person may be called by: each word of the name, each half of a
    hyphenated word, and the given names together when there are several."""
    words = _given_names(real_name)
    parts = []
    for word in words:
        parts.append(word)
        if "-" in word:
            parts.extend(half for half in word.split("-"))
    if len(words) > 2:
        parts.append(" ".join(words[:-1]))
    # A part is a name: two letters or more (not an initial, not a number).
    return [
        part.strip(".,")
        for part in parts
        if len(compact(fold(part))) > 1 and re.search(r"[^\W\d_]", part)
    ]


def ambiguous_names() -> frozenset[str]:
    extra = settings.DHR_AMBIGUOUS_NAMES
    return AMBIGUOUS_NAMES | {fold(name) for name in extra}


@dataclass(frozen=True)
class RegisteredPerson:
    real_name: str
    aliases: tuple[str, ...]
    pseudonym: str
    date_of_birth: date | None
    address: str


def _named(case: Case) -> list[str]:
    """The names kept as written: the chair's and the panel members' accounts, the panel's
    members and the overview authors, in one statement. Each part is numbered in its own
    order so the union keeps it: of two spellings of one name, the last is the one matched."""
    from cases.models import CaseMembership
    from panels.models import ChairAppointment, PanelMember

    def numbered(queryset, field: str, part: int):
        ordering = queryset.model._meta.ordering
        return (
            queryset.order_by()
            .annotate(part=Value(part), rank=Window(RowNumber(), order_by=ordering))
            .values_list(field, "part", "rank")
        )

    accounts = CaseMembership.objects.filter(
        case=case, role__in=("independent_chair", "panel_member")
    )
    members = PanelMember.objects.filter(case=case)
    authors = ChairAppointment.objects.filter(case=case)
    union = numbered(accounts, "user__full_name", 0).union(
        numbered(members, "name", 1), numbered(authors, "overview_author_name", 2), all=True
    )
    return [name for name, _part, _rank in union.order_by("part", "rank")]


class Register:
    """A case's people register as the anonymiser and the leak gate read it: the people and
    their pseudonyms, the names kept as written, and the decisions on flags."""

    def __init__(
        self,
        people: list[RegisteredPerson],
        named: list[str],
        decisions: dict[str, AnonymisationDecision] | None = None,
    ):
        self.people = people
        self.named = [name for name in named if name.strip()]
        self.decisions = decisions or {}
        self.terms = self._terms()
        self.fingerprint = self._fingerprint()

    @classmethod
    def for_case(cls, case: Case) -> Register:
        """Three queries whatever the size of the register."""
        from cases.models import Person

        from .models import AnonymisationDecision

        people = [
            RegisteredPerson(
                real_name=person.real_name,
                aliases=tuple(
                    alias.strip() for alias in person.aliases.split(",") if alias.strip()
                ),
                pseudonym=person.pseudonym.strip() or f"[{person.get_role_display()}]",
                date_of_birth=person.date_of_birth,
                address=person.address,
            )
            for person in Person.objects.filter(case=case).order_by("pk")
        ]
        decisions = {
            decision.key: decision
            for decision in AnonymisationDecision.objects.filter(case=case).select_related(
                "decided_by"
            )
        }
        return cls(people, _named(case), decisions)

    def _terms(self) -> dict[str, Term]:
        """{compact folded spelling: term}. A spelling two people share under different
        pseudonyms, or a common word, is ambiguous; a named person's name is kept."""
        ambiguous = ambiguous_names()
        terms: dict[str, Term] = {}

        def add(text: str, person: RegisteredPerson, single_word: bool) -> None:
            key = compact(fold(text))
            if len(key) < 2:
                return  # an initial is not a name: every "J" would be
            known = terms.get(key)
            if known is not None and known.pseudonym != person.pseudonym:
                terms[key] = Term(known.text, "", "ambiguous")
                return
            word_is_common = single_word and fold(text) in ambiguous
            kind = "ambiguous" if word_is_common else "name"
            if known is None or known.kind == "name":
                terms[key] = Term(text, person.pseudonym, kind)

        for person in self.people:
            add(person.real_name, person, single_word=len(person.real_name.split()) == 1)
            for alias in person.aliases:
                add(alias, person, single_word=len(alias.split()) == 1)
            for part in name_parts(person.real_name):
                add(part, person, single_word=len(part.split()) == 1)
        for text in self.named + [person.pseudonym for person in self.people]:
            terms[compact(fold(text))] = Term(text, "", "keep")
        return terms

    @cached_property
    def initials(self) -> dict[str, Term]:
        """{compact "jsmith": term} for each person's first initial and surname."""
        found: dict[str, Term] = {}
        for person in self.people:
            words = _given_names(person.real_name)
            if len(words) < 2:
                continue
            spelling = f"{words[0][0]}. {words[-1]}"
            key = compact(fold(spelling))
            if key not in self.terms:
                found[key] = Term(spelling, person.pseudonym, "name")
        return found

    def _fingerprint(self) -> str:
        content = {
            "people": [
                [p.real_name, list(p.aliases), p.pseudonym, str(p.date_of_birth), p.address]
                for p in self.people
            ],
            "named": sorted(self.named),
            "decisions": sorted(
                [key, d.decision, d.replacement] for key, d in self.decisions.items()
            ),
            "ambiguous": sorted(ambiguous_names()),
        }
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()

    @property
    def dates_of_birth(self) -> dict[date, str]:
        return {p.date_of_birth: p.real_name for p in self.people if p.date_of_birth}

    @cached_property
    def streets(self) -> list[str]:
        """The street of each registered address, as written there."""
        found = []
        for person in self.people:
            for original in re.split(r"[\n,]", person.address):
                line = re.sub(r"^\s*(?:flat\s+\w+\s+)?[\d/-]+[a-z]?\s+", "", original, flags=re.I)
                numbered = re.match(r"\s*(?:flat\s+\w+\s+)?\d", original, re.I)
                named = re.search(r"[^\W\d_]{2}", line)
                if named and (STREET.search(line) or numbered):
                    found.append(line.strip())
        return found

    # The anonymiser's compiled regex, made once per register.
    @cached_property
    def name_regex(self) -> re.Pattern:
        return _anonymiser_regex(self)


_ANONYMISER_SEPARATORS = {
    SPACE: r"\s+",
    HYPHEN: r"\s*-\s*",
    APOSTROPHE: "'",
    INITIAL: r"(?:\.\s*|\s+)",
}
_TITLE = "(?:" + "|".join(TITLES) + r")\.?\s+"


def _anonymiser_regex(register: Register) -> re.Pattern:
    terms = {tokens_of(fold(term.text)) for term in register.terms.values()}
    terms |= {tokens_of(fold(term.text)) for term in register.initials.values()}
    terms = {term for term in terms if term}
    if not terms:
        return re.compile(r"(?!x)x")
    body = trie_pattern(terms, _ANONYMISER_SEPARATORS)
    # Word boundaries as the leak gate's: a hyphen or a quote next to a name does not hide it
    # ("'Jane'", "ex-Smith").
    return re.compile(rf"(?<!\w)(?P<title>{_TITLE})?(?P<name>{body})(?P<possessive>'s?)?(?!\w)")


# Identifiers ------------------------------------------------------------------------------

MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.casefold(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
DATE = re.compile(
    rf"""(?<![\w/.-])(?:
      {_DAY.format("d1")}(?:\s+|-)(?:of\s+)?(?P<m1>{_MONTH})\.?,?(?:(?:\s+|-)(?P<y1>\d{{4}}|'?\d{{2}}))?
    | (?P<m2>{_MONTH})\.?(?:\s+|-){_DAY.format("d2")},?(?:(?:\s+|-)(?P<y2>\d{{4}}))?
    | (?P<d3>[0-3]?\d)(?P<sep>[/.-])(?P<m3>[01]?\d)(?P=sep)(?P<y3>\d{{4}}|\d{{2}})
    | (?P<y4>\d{{4}})(?P<sep4>[/.-])(?P<m4>[01]?\d)(?P=sep4)(?P<d4>[0-3]?\d)
    )(?![\w/-])""",
    re.I | re.X,
)
POSTCODE = re.compile(r"\b(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", re.I)
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4})(?![\w])"
)
NHS_NUMBER = re.compile(r"(?<![\w])[1-9]\d{2}[ -]?\d{3}[ -]?\d{4}(?![\w])")
NI_NUMBER = re.compile(
    # Loose on the prefix letters: the example prefix QQ is not issued but is still written.
    r"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b",
    re.I,
)
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_CAPITALISED = r"(?:[A-Z][\w'’.-]*\s+){1,3}"
STREET = re.compile(
    _CAPITALISED + r"(?:Street|Road|Rd|Lane|Avenue|Close|Drive|Way|Crescent|Grove|Place"
    r"|Gardens|Court|Terrace|Walk|Row|Square|Mews|Rise|Parade|Boulevard|Hill|View)\b"
)
SCHOOL = re.compile(
    r"(?:[A-Z][\w'’.-]*\s+){1,4}(?:(?:Primary|Junior|Infant|Infants|Secondary|High|Grammar"
    r"|Community|C of E|Catholic)\s+)?(?:School|Academy|College|Primary|Nursery)\b"
)
# Capitalised words that begin a sentence or name an institution, not a place.
_NOT_PLACES = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "his",
        "her",
        "their",
        "its",
        "our",
        "in",
        "on",
        "at",
        "to",
        "from",
        "by",
        "and",
        "or",
        "of",
        "same",
        "any",
        "every",
        "crown",
        "magistrates",
        "magistrates'",
        "family",
        "county",
        "high",
        "youth",
        "coroner's",
        "coroners",
        "supreme",
        "appeal",
        "royal",
        "further",
    ]
)


def _trim(text: str, start: int) -> tuple[str, int] | None:
    """A street's or school's text without leading common words; None when nothing of a
    name is left."""
    words = text.split()
    while len(words) > 1 and words[0].casefold().strip(".") in _NOT_PLACES:
        start = start + text.index(words[0]) + len(words[0])
        text = text[text.index(words[0]) + len(words[0]) :]
        words = words[1:]
    offset = len(text) - len(text.lstrip())
    return (text.strip(), start + offset) if len(words) > 1 else None


def _year(text: str | None) -> int | None:
    if not text:
        return None
    text = text.lstrip("'")
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= date.today().year % 100 else 1900
    return year


def _date_of(match: re.Match) -> tuple[int | None, int, int] | None:
    for n in "1234":
        month = match.group(f"m{n}")
        if month is None:
            continue
        month_number = int(month) if month.isdigit() else MONTHS[month.casefold().rstrip(".")]
        day, year = int(match.group(f"d{n}")), _year(match.group(f"y{n}"))
        if not 1 <= month_number <= 12 or not 1 <= day <= 31:
            return None
        return year, month_number, day
    return None


# The result -------------------------------------------------------------------------------


KIND_LABELS = {
    "ambiguous_name": "Ambiguous name",
    "date_of_birth": "Date of birth",
    "exact_date": "Exact date",
    "postcode": "Postcode",
    "phone": "Phone number",
    "email": "E-mail address",
    "nhs_number": "NHS number",
    "ni_number": "National Insurance number",
    "street": "Street name",
    "school": "School name",
}


@dataclass(frozen=True)
class Swap:
    """A registered name replaced."""

    mark = "swap"  # for templates, which cannot ask the class
    start: int
    end: int  # offsets in the ORIGINAL text
    original: str
    pseudonym: str


@dataclass(frozen=True)
class Flag:
    """An identifier left for a person to decide."""

    mark = "flag"
    start: int
    end: int
    text: str
    kind: str
    key: str  # kind + normalised text: one decision per key
    decision: AnonymisationDecision | None
    # The pseudonym an ambiguous name would take, to offer as the replacement.
    suggestion: str = ""

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind.replace("_", " ").capitalize())


@dataclass(frozen=True)
class Anonymised:
    text: str  # every swap made, every decided flag applied
    swaps: list[Swap]
    flags: list[Flag]
    original: str = ""

    @property
    def open_flags(self) -> list[Flag]:
        return [flag for flag in self.flags if flag.decision is None]

    def pieces(self) -> list[tuple[str, Swap | Flag | None]]:
        """The original text cut at each swap and flag, in order: (text, None) for plain
        text, (original text, the swap or flag) for the marked places."""
        marks = sorted([*self.swaps, *self.flags], key=lambda mark: mark.start)
        pieces: list[tuple[str, Swap | Flag | None]] = []
        at = 0
        for mark in marks:
            pieces.append((self.original[at : mark.start], None))
            pieces.append((self.original[mark.start : mark.end], mark))
            at = mark.end
        pieces.append((self.original[at:], None))
        return [piece for piece in pieces if piece[0] or piece[1] is not None]


def _folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """The text folded, and for each folded character the offset of the original one."""
    folded, offsets = [], []
    for index, character in enumerate(text):
        for piece in fold_char(character):
            folded.append(piece)
            offsets.append(index)
    offsets.append(len(text))
    return "".join(folded), offsets


def _pseudonym_as(written: str, pseudonym: str) -> str:
    # A name in capitals (a heading) stays in capitals; initials ("T.O.") are no heading.
    in_capitals = written.isupper() and any(len(word) > 1 for word in re.findall(r"\w+", written))
    return pseudonym.upper() if in_capitals else pseudonym


def _name_marks(text: str, register: Register) -> list[Swap | Flag]:
    folded, offsets = _folded_with_offsets(text)
    lookup = {**register.initials, **register.terms}
    marks: list[Swap | Flag] = []
    for match in register.name_regex.finditer(folded):
        term = lookup.get(compact(match.group("name")))
        if term is None or term.kind == "keep":
            continue
        end = match.end()
        possessive = match.group("possessive") or ""
        if possessive == "'" and not match.group("name").endswith("s"):
            end -= 1  # a closing quote, not a possessive
            possessive = ""
        start_original, end_original = offsets[match.start()], offsets[end - 1] + 1
        written = text[start_original:end_original]
        titled = bool(match.group("title"))
        # A common word is the person's name when titled ("Mrs Rose"); a name two people
        # share is never guessed.
        if term.kind == "ambiguous" and not (titled and term.pseudonym):
            name_start = offsets[match.start("name")]
            if term.pseudonym and not text[name_start].isupper():
                continue  # lower case: the common word, not the name
            marks.append(
                Flag(
                    start=name_start,
                    end=offsets[match.end("name") - 1] + 1,
                    text=text[name_start : offsets[match.end("name") - 1] + 1],
                    kind="ambiguous_name",
                    key=f"ambiguous_name:{fold(term.text)}",
                    decision=register.decisions.get(f"ambiguous_name:{fold(term.text)}"),
                    suggestion=term.pseudonym,
                )
            )
            continue
        pseudonym = _pseudonym_as(written.removesuffix(possessive), term.pseudonym)
        if possessive:
            apostrophe = "’" if "’" in written[-2:] else "'"
            ending = apostrophe + ("" if pseudonym.endswith(("s", "S")) else "s")
            pseudonym += ending.upper() if pseudonym.isupper() else ending
        marks.append(Swap(start_original, end_original, written, pseudonym))
    return marks


def _identifier_flags(text: str, register: Register) -> list[Flag]:
    flags: list[tuple[int, int, str, str]] = []  # start, end, kind, normalised
    births = register.dates_of_birth
    birthdays = {(born.month, born.day) for born in births}
    for match in DATE.finditer(text):
        found = _date_of(match)
        if found is None:
            continue
        year, month, day = found
        try:
            when = date(year, month, day) if year else None
        except ValueError:
            continue
        if when in births or (year is None and (month, day) in birthdays):
            kind = "date_of_birth"
        else:
            kind = "exact_date"
        normalised = when.isoformat() if when else f"--{month:02d}-{day:02d}"
        flags.append((match.start(), match.end(), kind, normalised))
    for kind, pattern in (
        ("email", EMAIL),
        ("ni_number", NI_NUMBER),
        ("phone", PHONE),
        ("nhs_number", NHS_NUMBER),
        ("postcode", POSTCODE),
    ):
        for match in pattern.finditer(text):
            flags.append((match.start(), match.end(), kind, re.sub(r"[\s()-]", "", match[0])))
    for kind, pattern in (("street", STREET), ("school", SCHOOL)):
        for match in pattern.finditer(text):
            trimmed = _trim(match[0], match.start())
            if trimmed:
                place, start = trimmed
                flags.append((start, start + len(place), kind, " ".join(fold(place).split())))
    for street in register.streets:
        for match in re.finditer(rf"\b{re.escape(street)}\b", text, re.I):
            flags.append((match.start(), match.end(), "street", " ".join(fold(street).split())))
    return [
        Flag(
            start,
            end,
            text[start:end],
            kind,
            f"{kind}:{normalised.casefold()}",
            register.decisions.get(f"{kind}:{normalised.casefold()}"),
        )
        for start, end, kind, normalised in flags
    ]


def _without_overlaps(marks: list[Swap | Flag]) -> list[Swap | Flag]:
    """The first-starting, then longest, of overlapping marks; on a tie, a flag (a
    person decides) before a swap."""
    chosen: list[Swap | Flag] = []
    for mark in sorted(marks, key=lambda m: (m.start, -(m.end - m.start), isinstance(m, Swap))):
        if not chosen or mark.start >= chosen[-1].end:
            chosen.append(mark)
    return chosen


def _published(flag: Flag) -> str:
    decision = flag.decision
    if decision is None or decision.decision == decision.Decision.KEEP:
        return flag.text
    return decision.replacement


def anonymise(text: str, register: Register) -> Anonymised:
    marks = _without_overlaps(_name_marks(text, register) + _identifier_flags(text, register))
    out, at = [], 0
    for mark in marks:
        out.append(text[at : mark.start])
        out.append(mark.pseudonym if isinstance(mark, Swap) else _published(mark))
        at = mark.end
    out.append(text[at:])
    return Anonymised(
        text="".join(out),
        swaps=[mark for mark in marks if isinstance(mark, Swap)],
        flags=[mark for mark in marks if isinstance(mark, Flag)],
        original=text,
    )
