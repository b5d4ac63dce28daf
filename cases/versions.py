"""What every versioned text of a review shares (an IMR, the overview report, the executive
summary): the comparison of two versions section by section, and the panel's comments on
a version, grouped into threads per section. Each app keeps its own models; these read
any version whose `sections` is {section key: text} and any comment with `section` and
`reply_to_id`."""

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol


class SectionLike(Protocol):
    key: str
    title: str


@dataclass(frozen=True)
class DiffLine:
    change: str  # "added", "removed" or "same"
    text: str


@dataclass(frozen=True)
class SectionDiff:
    title: str
    lines: list[DiffLine]

    @property
    def changed(self) -> bool:
        return any(line.change != "same" for line in self.lines)


_KINDS = {"+": "added", "-": "removed", " ": "same"}


def compare_sections(
    sections: Iterable[SectionLike], older: Mapping[str, str], newer: Mapping[str, str]
) -> list[SectionDiff]:
    """Each section's lines in two versions' texts, marked added, removed or the same
    (difflib, as the terms of reference are compared)."""
    return [
        SectionDiff(
            section.title,
            [
                DiffLine(_KINDS[line[0]], line[2:])
                for line in difflib.ndiff(
                    older.get(section.key, "").splitlines(),
                    newer.get(section.key, "").splitlines(),
                )
                if line[0] in _KINDS
            ],
        )
        for section in sections
    ]


@dataclass(frozen=True)
class Thread:
    comment: Any
    replies: list[Any]


def threads_by_section(comments: Iterable[Any], keys: Iterable[str]) -> dict[str, list[Thread]]:
    """Each section's threads (a comment and its replies), in the order `comments` come:
    read them in one query, oldest first."""
    comments = list(comments)
    replies: dict[int, list[Any]] = {}
    for comment in comments:
        if comment.reply_to_id:
            replies.setdefault(comment.reply_to_id, []).append(comment)
    threads: dict[str, list[Thread]] = {key: [] for key in keys}
    for comment in comments:
        if comment.reply_to_id is None:
            threads[comment.section].append(Thread(comment, replies.get(comment.pk, [])))
    return threads
