"""Text people read names no internal document: the rule itself is said, or the public source
by its name. Citations of the working sources ("seed 002 policy A", "seed 001 §4.2") belong
in code comments and docstrings only."""

import ast
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.case_factories import (
    case_awaiting_decision,
    days_ago,
    notified_case,
    partnership_with_staff,
    victim_details,
)

INTERNAL_CITATION = re.compile(r"\bseeds?\s+\d{3}", re.IGNORECASE)
TEMPLATE_COMMENT = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.DOTALL)
APPS = ("cases", "panels", "imr", "reports", "publication", "monitoring", "dhr")


def a_case_with_every_prompt(partnership, officer, make=notified_case):
    """A victim of 17 (another review takes precedence), a suspected suicide and other areas
    involved: every prompt that had a citation."""
    date_of_death = days_ago(9)
    return make(
        partnership,
        officer,
        date_of_death=date_of_death,
        suspected_suicide=True,
        other_areas_involved="Northvale",
        victim=victim_details(date_of_birth=date_of_death - timedelta(days=17 * 365 + 30)),
    )


@pytest.mark.django_db
def test_the_pages_that_show_eligibility_prompts_cite_no_internal_document(client):
    partnership, officer, chair = partnership_with_staff()
    notified = a_case_with_every_prompt(partnership, officer)
    awaiting = a_case_with_every_prompt(partnership, officer, make=case_awaiting_decision)

    client.force_login(officer)
    pages = [
        client.get(reverse("cases:detail", kwargs={"reference": notified.reference})),
        client.get(reverse("cases:recommendation", kwargs={"reference": notified.reference})),
    ]
    client.force_login(chair)
    pages.append(client.get(reverse("cases:decision", kwargs={"reference": awaiting.reference})))

    for page in pages:
        assert page.status_code == 200
        body = page.content.decode()
        assert not INTERNAL_CITATION.search(body), page.request["PATH_INFO"]
    prompts = pages[0].content.decode()
    assert "a child safeguarding practice review takes precedence" in prompts
    assert "a review should be held even if no one is charged" in prompts
    assert "the partnership where the victim normally lived leads the review" in prompts


def strings_people_may_read(path: Path):
    """The string literals of a module, but for docstrings (comments are not in the tree)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.lineno, node.value


def test_no_string_or_template_cites_an_internal_document():
    base = Path(settings.BASE_DIR)
    found = []
    for app in APPS:
        for path in sorted((base / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for line, text in strings_people_may_read(path):
                if INTERNAL_CITATION.search(text):
                    found.append(f"{path.relative_to(base)}:{line}: {text}")
    for path in sorted((base / "templates").rglob("*.html")):
        text = TEMPLATE_COMMENT.sub("", path.read_text(encoding="utf-8"))
        for match in INTERNAL_CITATION.finditer(text):
            found.append(f"{path.relative_to(base)}: ...{text[match.start() : match.end() + 30]}")
    assert found == []
