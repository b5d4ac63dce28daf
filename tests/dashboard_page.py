"""The dashboard read as a person reads it: the "waiting for you" list, then the table of
cases. Tests look in the part they mean, since a case's reference appears in both."""

import html
import re


def _between(content: str, start: str, end: str) -> str:
    if start not in content:
        return ""
    part = content[content.index(start) :]
    return part[: part.index(end)]


def table_references(content: str) -> list[str]:
    """The references in the table of cases, top to bottom."""
    return re.findall(r'href="/cases/([^/"]+)/"', _between(content, "<table", "</table>"))


def waiting_steps(content: str) -> list[tuple[str, str]]:
    """The "waiting for you" list as (step, case reference) pairs, top to bottom."""
    waiting = _between(content, 'id="waiting-heading"', "All your cases")
    steps = re.findall(
        r'class="govuk-link govuk-task-list__link"[^>]*>([^<]+)'
        r'<span class="govuk-visually-hidden"> on ([^<]+)</span>',
        waiting,
    )
    return [(html.unescape(step), reference) for step, reference in steps]
