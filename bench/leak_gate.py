"""Time the leak gate (issue 11, "Speed"): a 100-page public PDF, rendered by WeasyPrint
with headings (bookmarks), links and images with alternative text, scanned against a
200-person register (each with a full name, an alias, their parts and a date of birth).
Goal: under 2 s. Not a test: it prints figures. No database is needed: the register is
built in memory, as Register.for_case would read it.

    uv run python bench/leak_gate.py [--pages 100] [--people 200] [--runs 5]
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dhr.settings")

import django

django.setup()

from weasyprint import HTML  # noqa: E402

from imr.pdf import BASE_URL, StaticFilesOnly  # noqa: E402
from reports.anonymisation import Register, RegisteredPerson  # noqa: E402
from reports.leak_gate import _page_texts, scan  # noqa: E402

GOAL = 2.0
GIVEN = [
    "Aaliyah",
    "Bronwen",
    "Cerys",
    "Dafydd",
    "Eamon",
    "Fionnuala",
    "Gethin",
    "Hamish",
    "Idris",
    "Jolene",
]
FAMILY = ["Abernethy", "Brannigan", "Cartwright", "Dunmore", "Elphick", "Fairweather", "Gallacher"]
PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhf"
    "DwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
FILLER = (
    "Adult A was seen by the health visitor, who recorded no concerns. The police attended "
    "after a call from a neighbour; a DASH risk assessment was graded standard. "
)


def _letters(n: int) -> str:
    """A different made-up name ending for each person: letters, as names have."""
    return "".join("bcdfghklmnprstvz"[int(digit)] for digit in f"{n:03d}")


def register(people: int) -> Register:
    rng = random.Random(11)  # noqa: S311 - made-up names, not a secret
    return Register(
        [
            RegisteredPerson(
                real_name=f"{rng.choice(GIVEN)}{_letters(n)} {rng.choice(FAMILY)}-{_letters(n)}",
                aliases=(f"Nick{_letters(n)}",),
                pseudonym=f"Person {n}",
                date_of_birth=date(1950, 1, 1) + timedelta(days=97 * n),
                address="",
            )
            for n in range(people)
        ],
        ["Sarah Jones"],
    )


def report(pages: int) -> bytes:
    body = []
    for page in range(1, pages + 1):
        body.append(f'<h2 style="break-before: page">Section {page}</h2>')
        body.append(f'<p><a href="#s{page}">Back</a> <img alt="Chart {page}" src="{PIXEL}"></p>')
        body.append(f'<p id="s{page}">' + FILLER * 14 + "</p>")
    html = f'<html lang="en-GB"><head><title>Overview report</title></head><body>{"".join(body)}'
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnly()).write_pdf(
        pdf_variant="pdf/ua-1"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    data = report(args.pages)
    the_register = register(args.people)
    page_count = sum(1 for _ in _page_texts(data))
    characters = sum(len(text) for _, text in _page_texts(data))
    scan(data, the_register)  # warm-up
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        hits = scan(data, the_register)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(f"PDF: {page_count} pages, {len(data) / 1024:.0f} KiB, {characters:,} characters")
    print(f"register: {args.people} people, {len(the_register.terms)} terms")
    print(f"hits: {len(hits)}")
    print(f"scan: median {median:.3f} s, min {min(times):.3f} s, max {max(times):.3f} s")
    print(f"goal: < {GOAL:.1f} s; ratio to the goal {median / GOAL:.2f}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
