"""Time the combined chronology with 5,000 entries from 12 agencies (issue 10, "Speed and
scale"): the service's page against a raw SQL query plus the same template, and the CSV
export's memory while it streams. Not a test: it prints figures; the query ceilings are held
by tests/imr/test_chronology_pages.py.

    DATABASE_URL=postgres://dhr:dhr@127.0.0.1:5432/dhr_bench uv run python bench/chronology.py

Everything it writes (a partnership, a review at the IMRs stage, 12 agencies' IMRs before
the panel and their entries) is written inside a transaction rolled back at the end. The
entries are bulk-created (no history rows: the page does not read them).
"""

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dhr.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test import Client, RequestFactory, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from cases.models import Case, Person  # noqa: E402
from imr.forms.chronology import ChronologyFilterForm  # noqa: E402
from imr.models import ChronologyEntry, Imr  # noqa: E402
from imr.selectors import chronology as selectors  # noqa: E402
from tests.imr.chronology_factories import imr_being_written, review_at_imrs  # noqa: E402

RAW_ENTRIES = """
SELECT e.id, e.occurred_on, e.precision, e.occurred_at, e.source_reference, e.what_happened,
       e.dash_level, e.referred_to_marac, e.discussed_at_marac, e.author_comment,
       a.id, a.name,
       (SELECT STRING_AGG(l.person_id::text, ',') FROM imr_chronologyentry_people l
         WHERE l.chronologyentry_id = e.id)
  FROM imr_chronologyentry e
  JOIN imr_imr i ON i.id = e.imr_id
  JOIN cases_agency a ON a.id = i.agency_id
 WHERE i.case_id = %s AND i.status IN ('submitted', 'revision_requested', 'accepted')
 ORDER BY e.occurred_on, e.occurred_at, a.name, e.id
"""
RAW_DATES = """
SELECT DISTINCT e.occurred_on FROM imr_chronologyentry e JOIN imr_imr i ON i.id = e.imr_id
 WHERE i.case_id = %s AND i.status IN ('submitted', 'revision_requested', 'accepted')
 ORDER BY e.occurred_on
"""


def verified_client(user) -> Client:
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def seed(entries: int, agencies: int) -> tuple[Case, object]:
    case, _, chair = review_at_imrs()
    people = list(case.people.all())
    for n in range(3):
        people.append(
            Person.objects.create(case=case, role=Person.Role.FAMILY, real_name=f"Relative {n}")
        )
    imrs = [imr_being_written(case, chair, f"Bench agency {n:02d}")[0] for n in range(agencies)]
    start = date(2020, 1, 1)
    rows = [
        ChronologyEntry(
            imr=imrs[n % agencies],
            # Two agencies a day on average, with a 100-day silence every 1,000 entries.
            occurred_on=start + timedelta(days=n // 2 + (n // 1000) * 100),
            precision="exact",
            source_reference=f"REF-{n}",
            what_happened=f"Contact {n}: the agency's record of what happened that day. " * 3,
            dash_level=("standard", "medium", "high", "")[n % 4],
            referred_to_marac=n % 7 == 0,
            author_comment="The author's comment." if n % 3 == 0 else "",
            recorded_by=chair,
        )
        for n in range(entries)
    ]
    created = ChronologyEntry.objects.bulk_create(rows, batch_size=1000)
    Link = ChronologyEntry.people.through
    Link.objects.bulk_create(
        [
            Link(chronologyentry_id=row.pk, person_id=people[n % len(people)].pk)
            for n, row in enumerate(created)
        ],
        batch_size=2000,
    )
    Imr.objects.filter(case=case).update(status=Imr.Status.SUBMITTED)
    return case, chair


def raw_page(case, request, labels) -> str:
    """The same page's rows from hand-written SQL, rendered with the same template."""
    with connection.cursor() as cursor:
        cursor.execute(RAW_ENTRIES, [case.pk])
        values = [dict(zip(selectors.ROW_FIELDS, record, strict=True)) for record in cursor]
        cursor.execute(RAW_DATES, [case.pk])
        dates = [record[0] for record in cursor]
    rows = list(selectors.rows_from(values, labels))
    days = settings.DHR_CHRONOLOGY_GAP_DAYS
    gaps = [selectors.Gap(after=a, before=b) for a, b in pairwise(dates) if (b - a).days > days]
    return render_to_string(
        "imr/combined_chronology.html",
        {
            "case": case,
            "filters": ChronologyFilterForm(None, agencies=[], people=labels),
            "timeline": selectors.timeline(rows, gaps),
            "gap_days": days,
            "record": None,
            "query": "",
            "may_compile": True,
            "may_record_sending": False,
        },
        request=request,
    )


def timed(action, runs: int) -> list[float]:
    action()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--agencies", type=int, default=12)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    with override_settings(TWO_FACTOR_REQUIRED=True), transaction.atomic():
        case, chair = seed(options.entries, options.agencies)
        client = verified_client(chair)
        url = reverse("imr:combined_chronology", args=[case.reference])
        request = RequestFactory().get(url)
        request.user = chair
        labels = selectors.person_labels(case, real_names=True)

        def page():
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"The page answered {response.status_code}.")

        page_times = timed(page, options.runs)
        raw_times = timed(lambda: raw_page(case, request, labels), options.runs)
        page_median, raw_median = statistics.median(page_times), statistics.median(raw_times)
        print(f"{options.entries} entries from {options.agencies} agencies, {options.runs} runs")
        print(f"page (GET, the service's view):      median {page_median * 1000:7.0f} ms")
        print(f"raw SQL plus the same template:      median {raw_median * 1000:7.0f} ms")
        print(f"ratio page / raw:                    {page_median / raw_median:.2f}")

        csv_url = reverse("imr:combined_chronology_csv", args=[case.reference])
        tracemalloc.start()
        response = client.get(csv_url)
        size = sum(len(chunk) for chunk in response.streaming_content)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"CSV: {size / 1024:.0f} KiB streamed, peak Python memory {peak / 1024:.0f} KiB")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
