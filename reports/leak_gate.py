"""The leak gate (DESIGN §6; issue 11): before a public PDF may be published, everything a
reader could get out of the file is scanned for every registered real name, alias, name
part and date of birth. One hit blocks publication, naming the page.

Where it looks: each page's text (pypdfium2, the text a reader selects or a screen reader
speaks), and with pikepdf every string anywhere in the file outside the page content — the
document information, bookmarks, link targets (URIs and named destinations), annotations,
form fields, the structure tree's alternative and actual texts, attachments' names — plus
the XMP metadata, marked content's /ActualText and /Alt in the page content, and the text
of attachments. Walking every string object, not a list of known places, is what makes a
place nobody listed (an optional content group's name, a JavaScript action) a hit too.

How it matches: the text is normalised (NFKC ligatures taken apart, accents removed, case
folded, soft hyphens and line-end hyphenation joined, runs of whitespace collapsed) and read
once by one regex built as a trie of every term, so a name split across lines, text runs, a
ligature or capitals is still caught. Between the words of a name any run of spaces, dots,
hyphens or underscores, or none, is allowed: "jane-smith" in a link and "JaneSmith" in a
file name are the name too.

What is not a hit: the names of the independent chair, the panel members and the overview
author, who are named in publication (seed 000 l.253), and the pseudonyms — each is matched
as a whole and, being longer, wins over a registered name inside it ("Adult A" is not a hit
for a person called Adult). A name part that is a common word (Will, Rose: the anonymiser's
ambiguous names) is scanned in any case once a person has decided, for the case, that the
word is the name to replace, and not at all once they decided to keep it as written (the
verb). Until someone decides, it is scanned as the anonymiser flags it, with a capital
("Frank", "FRANK", not "frank"): a name no one has looked at blocks the file, while every
lower-case "will" does not. A full name or alias containing it ("Will Smith") is always
scanned."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from urllib.parse import unquote_plus

import pikepdf
import pypdfium2

from .anonymisation import (
    APOSTROPHE,
    DATE,
    HYPHEN,
    INITIAL,
    SPACE,
    Register,
    _date_of,
    ambiguous_names,
    compact,
    fold,
    tokens_of,
    trie_pattern,
)

_GATE_SEPARATORS = {
    SPACE: r"[\s._-]*",
    HYPHEN: r"[\s._-]*",
    APOSTROPHE: r"'?\s*",
    # An initial's full stop, or at least a space: "T.O." is not the word "to".
    INITIAL: r"(?:\s*\.\s*|\s+)",
}
_HYPHENS = "-\u2010\u2011\u00ad\x02"
# Four or more single characters each followed by one space: letter-spaced text.
_LETTER_SPACED = re.compile(r"(?<!\S)(?:\S ){3,}\S(?!\S)")
_LINE_END_HYPHEN = re.compile(rf"(?<=\w)[{_HYPHENS}]\s*[\r\n]+\s*(?=\w)")


@dataclass(frozen=True)
class Hit:
    term: str  # as registered
    page: int | None  # 1-based; None for the document's own places
    where: str

    def as_dict(self) -> dict:
        return {"term": self.term, "page": self.page, "where": self.where}


def _joined(text: str) -> str:
    # pdfium writes a hyphen it broke a line at as U+FFFE, with no line break after it.
    text = unicodedata.normalize("NFKC", text).replace("\ufffe", "")
    return re.sub(r"\s+", " ", _LINE_END_HYPHEN.sub("", text))


def normalise(text: str) -> str:
    """Text as the gate reads it: see the module's docstring."""
    return re.sub(r"\s+", " ", fold(_joined(text)))


class Scanner:
    """The register's terms as one compiled regex, made once per check."""

    def __init__(self, register: Register):
        self.lookup: dict[str, str | None] = {}  # compact spelling: term, or None to keep
        ambiguous_replaced = _ambiguous_decided(register, "replace")
        ambiguous_kept = _ambiguous_decided(register, "keep")
        for key, term in register.terms.items():
            if term.kind == "keep":
                self.lookup[key] = None
            elif term.kind == "name" or fold(term.text) in ambiguous_replaced:
                self.lookup[key] = term.text
            elif term.pseudonym == "" and len(term.text.split()) > 1:
                self.lookup[key] = term.text  # a full name two people share
            elif term.pseudonym == "" and fold(term.text) not in ambiguous_names():
                self.lookup[key] = term.text  # a part two people share, not a common word
        self.undecided = _undecided_names(register, decided=ambiguous_replaced | ambiguous_kept)
        spellings = {tokens_of(fold(register.terms[key].text)) for key in self.lookup}
        body = trie_pattern({s for s in spellings if s}, _GATE_SEPARATORS) or r"(?!x)x"
        self.names = re.compile(rf"(?<![\w])({body})(?![\w])")
        # Letter-spaced text comes out of the PDF as "J a n e S m i t h": its words cannot
        # be told apart, so each such run is read joined up, for names anywhere in it.
        self.joined_names = re.compile(trie_pattern(set(map(tuple, self.lookup)), {}) or "(?!x)x")
        self.births = register.dates_of_birth

    def hits(self, text: str, page: int | None, where: str) -> list[Hit]:
        found = [
            Hit(match[1], page, f"{where}; a name no one has decided on")
            for match in self.undecided.finditer(_joined(text))
        ]
        text = normalise(text)
        for match in self.names.finditer(text):
            term = self.lookup.get(compact(match[1]))
            if term is not None:
                found.append(Hit(term, page, where))
        for run in _LETTER_SPACED.finditer(text):
            for match in self.joined_names.finditer(compact(run[0])):
                if (term := self.lookup[match[0]]) is not None:
                    found.append(Hit(term, page, f"{where} (letter-spaced)"))
        if self.births:
            for match in DATE.finditer(text):
                born = _birth(match, self.births)
                if born is not None:
                    found.append(Hit(f"date of birth {born.isoformat()}", page, where))
        return found


def _ambiguous_decided(register: Register, decision: str) -> set[str]:
    return {
        key.removeprefix("ambiguous_name:")
        for key, decided in register.decisions.items()
        if key.startswith("ambiguous_name:") and decided.decision == decision
    }


def _undecided_names(register: Register, decided: set[str]) -> re.Pattern:
    """The common-word name parts no one has decided on, as the anonymiser flags them: with
    a capital, or in capitals."""
    words = {
        fold(term.text)
        for term in register.terms.values()
        if term.kind == "ambiguous" and fold(term.text) in ambiguous_names()
    } - decided
    spellings = sorted(
        {spelling for word in words for spelling in (word.capitalize(), word.upper())},
        key=len,
        reverse=True,
    )
    if not spellings:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, spellings)) + r")(?!\w)")


def _birth(match: re.Match, births: dict[date, str]) -> date | None:
    found = _date_of(match)
    if found is None or found[0] is None:
        return None
    year, month, day = found
    for born in births:
        # Day first as written in the UK, or month first (03/04/1980 for 4 March).
        if (born.year, born.month) == (year, month) and born.day == day:
            return born
        if (born.year, born.month, born.day) == (year, day, month):
            return born
    return None


# Where the text is -----------------------------------------------------------------------


def _page_texts(data: bytes):
    document = pypdfium2.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            yield index + 1, text_page.get_text_range()
            text_page.close()
            page.close()
    finally:
        document.close()


def _string(value) -> str:
    try:
        return str(value)
    except UnicodeDecodeError:
        return bytes(value).decode("latin-1")


@dataclass
class _Found:
    strings: list[tuple[str, int | None, str]]
    files: list[pikepdf.Stream]


_BACK_LINKS = ("/Parent", "/P", "/Pg")


def _walk(pdf: pikepdf.Pdf) -> _Found:
    """Every string object in the file outside page content, with the page it belongs to
    (an annotation's, a structure element's) and a word for where it is; and every
    embedded file."""
    page_of = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    found = _Found([], [])
    seen: set = set()

    def walk(obj, page, where):
        if isinstance(obj, pikepdf.String):
            found.strings.append((_string(obj), page, where))
            return
        if isinstance(obj, pikepdf.Name):
            if where == "link target":  # a named destination written as a name
                found.strings.append((str(obj)[1:], page, where))
            return
        if not isinstance(obj, pikepdf.Array | pikepdf.Dictionary | pikepdf.Stream):
            return
        if obj.is_indirect:
            if obj.objgen in seen:
                return
            seen.add(obj.objgen)
            page = page_of.get(obj.objgen, page)
        if isinstance(obj, pikepdf.Array):
            for item in obj:
                walk(item, page, where)
            return
        if isinstance(obj, pikepdf.Stream) and obj.get("/Type") == "/EmbeddedFile":
            found.files.append(obj)
        marked_page = obj.get("/Pg")
        if isinstance(marked_page, pikepdf.Dictionary) and marked_page.is_indirect:
            page = page_of.get(marked_page.objgen, page)
        for key, value in obj.items():
            if key in _BACK_LINKS and isinstance(value, pikepdf.Dictionary):
                continue  # walked from its own place
            walk(value, page, _PLACES.get(key, where))

    walk(pdf.trailer, None, "document")
    return found


# The PDF keys whose strings a reader sees, named for the report.
_PLACES = {
    "/Info": "metadata",
    "/Outlines": "bookmark",
    "/URI": "link target",
    "/Dests": "link target",
    "/D": "link target",
    "/Dest": "link target",
    "/Annots": "annotation",
    "/AcroForm": "form field",
    "/StructTreeRoot": "structure tree",
    "/Alt": "alternative text",
    "/ActualText": "actual text",
    "/EmbeddedFiles": "attachment",
    "/AF": "attachment",
    "/OCProperties": "optional content",
    "/JavaScript": "script",
}


def _place(key: str, where: str) -> str:
    return _PLACES.get(key, where)


_MARKED_TEXT = re.compile(rb"/(ActualText|Alt|E)\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)")


def _marked_content(page: pikepdf.Page) -> list[str]:
    """/ActualText and /Alt written inline in the page content (marked content): read from
    the raw stream only when it names them, since most pages do not."""
    raw = page.obj.get("/Contents")
    if raw is None:
        return []
    streams = raw if isinstance(raw, pikepdf.Array) else [raw]
    data = b"".join(stream.read_bytes() for stream in streams)
    if b"/ActualText" not in data and b"/Alt" not in data:
        return []
    texts = []
    for operands, operator in pikepdf.parse_content_stream(page):
        if operator != pikepdf.Operator("BDC"):
            continue
        for operand in operands:
            if isinstance(operand, pikepdf.Dictionary):
                texts += [_string(v) for v in operand.values() if isinstance(v, pikepdf.String)]
    return texts


def _file_texts(pdf: pikepdf.Pdf, files: list[pikepdf.Stream]) -> list[tuple[str, str]]:
    """The XMP metadata and each attachment's content, as text (an attached PDF's pages
    too)."""
    found = []
    metadata = pdf.Root.get("/Metadata")
    if isinstance(metadata, pikepdf.Stream):
        found.append((metadata.read_bytes().decode("utf-8", "replace"), "XMP metadata"))
    for stream in files:
        data = stream.read_bytes()
        if data.startswith(b"%PDF"):
            found += [(text, "attachment") for _page, text in _page_texts(data)]
        elif b"\x00" not in data[:4096]:
            found.append((data.decode("utf-8", "replace"), "attachment"))
    return found


# A file neither reader can open cannot be shown clean: it is one hit, and blocks.
UNREADABLE = Hit("(the file cannot be read as a PDF)", None, "file")


def scan(data: bytes, register: Register) -> list[Hit]:
    """Every hit in the PDF `data`: each page's text, then every other place in the file."""
    try:
        return _scan(data, Scanner(register))
    except (pypdfium2.PdfiumError, pikepdf.PdfError):
        return [UNREADABLE]


def _scan(data: bytes, scanner: Scanner) -> list[Hit]:
    hits: list[Hit] = []
    for number, text in _page_texts(data):
        hits += scanner.hits(text, number, "text")
    with pikepdf.open(BytesIO(data)) as pdf:
        found = _walk(pdf)
        for text, page, where in found.strings:
            # A link target or a destination's name spells words with %20, + and the like.
            hits += scanner.hits(unquote_plus(text), page, where)
        for number, page in enumerate(pdf.pages, start=1):
            for text in _marked_content(page):
                hits += scanner.hits(text, number, "marked content")
        for text, where in _file_texts(pdf, found.files):
            hits += scanner.hits(text, None, where)
    return list(dict.fromkeys(hits))
