"""Time the overview report's PDF with a 1,000-entry chronology (issue 11, "Speed"): the
service's path (reading the version, the chronology and the register, anonymising, the
template, WeasyPrint through the deny-by-default fetcher with the cached stylesheets, and
storing the file) against WeasyPrint rendering the same HTML directly, interleaved in one
run; then the peak memory of one service render, in a fresh process. Not a test: it prints
figures; what the PDF holds is tested by tests/reports/test_rendering.py.

    DATABASE_URL=postgres://dhr:dhr@127.0.0.1:5432/dhr_d DHR_PRIVATE_DOCUMENTS_DIR=/tmp/docs \
        uv run python bench/report_pdf.py        # --entries N --runs N --variant public

Everything it writes (a review at drafting with its versions, an IMR's entries, the
renderings) is written inside a transaction rolled back at the end; the stored files are
deleted.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dhr.settings")

import django

django.setup()

from django.core.files.storage import default_storage  # noqa: E402
from django.db import transaction  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from weasyprint import CSS, HTML  # noqa: E402

from imr import pdf  # noqa: E402
from imr.models import ChronologyEntry  # noqa: E402
from reports.models import Document, RenderedPdf  # noqa: E402
from reports.selectors.pdfs import printed_document  # noqa: E402
from reports.services import pdfs  # noqa: E402
from tests.reports.pdf_factories import printable_review  # noqa: E402


def seed(entries: int):
    case, _, chair = printable_review(chronology_entries=0)
    imr = case.imrs.get()
    people = list(case.people.all())
    start = date(2024, 1, 1)
    created = ChronologyEntry.objects.bulk_create(
        [
            ChronologyEntry(
                imr=imr,
                occurred_on=start + timedelta(days=n // 3),
                precision="exact",
                source_reference=f"REF-{n}",
                what_happened=f"Contact {n}: Jane Doe told the officer that Mark Smith had "
                "followed her home again; the officer recorded it and gave advice. " * 2,
                dash_level=("standard", "medium", "high", "")[n % 4],
                author_comment="The author's comment on Marky's behaviour." if n % 3 == 0 else "",
                recorded_by=chair,
            )
            for n in range(entries)
        ],
        batch_size=1000,
    )
    Link = ChronologyEntry.people.through
    Link.objects.bulk_create(
        [
            Link(chronologyentry_id=row.pk, person_id=people[n % len(people)].pk)
            for n, row in enumerate(created)
        ],
        batch_size=2000,
    )
    return case, chair


def service_render(case, chair, variant: str) -> tuple[int, str]:
    """The service's path, as the Celery task runs it, for a rendering made anew each time
    (a changed version would be: the reuse of an unchanged one is not what is timed)."""
    rendering = RenderedPdf.objects.filter(case=case, document="overview_report", variant=variant)
    rendering.update(status=RenderedPdf.Status.QUEUED)
    found = rendering.first() or pdfs.request_rendering(
        case=case, document=Document.OVERVIEW_REPORT, variant=variant, by=chair
    )
    pdfs.render(rendering_id=found.pk)
    found.refresh_from_db()
    if found.status != RenderedPdf.Status.READY:
        raise SystemExit(f"The rendering failed: {found.failure}")
    default_storage.delete(found.file_name)
    return found.pages, found.file_name


def direct_render(html: str, css: list[str]) -> int:
    """WeasyPrint alone on the same HTML and stylesheets."""
    document = HTML(string=html, base_url=pdf.BASE_URL).render(
        stylesheets=[CSS(string=text) for text in css], pdf_variant=pdf.PDF_VARIANT
    )
    document.write_pdf(pdf_variant=pdf.PDF_VARIANT)
    return len(document.pages)


def timed(times: list, action):
    """Run `action`, append (wall time, this process's CPU time) to `times`: the machine is
    shared, and the CPU time is the steadier figure under load."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    times.append((time.perf_counter() - wall, time.process_time() - cpu))
    return result


def child(entries: int, variant: str) -> None:
    """One service render in this fresh process: tracemalloc's peak of the render (Python
    objects) and the growth of the process's maximum resident size (everything, Pango's and
    HarfBuzz's memory included)."""
    with transaction.atomic():
        case, chair = seed(entries)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        pages, _ = service_render(case, chair, variant)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(
            f"{pages} pages: tracemalloc peak {peak / 2**20:.1f} MiB; maximum resident size "
            f"{before / 1024:.0f} MiB before the render, {after / 1024:.0f} MiB after "
            f"(+{(after - before) / 1024:.0f} MiB)"
        )
        transaction.set_rollback(True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--variant", choices=RenderedPdf.Variant.values, default="restricted")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        return child(options.entries, options.variant)
    load = os.getloadavg()
    with transaction.atomic():
        case, chair = seed(options.entries)
        printed = printed_document(case, Document.OVERVIEW_REPORT, options.variant)
        html = render_to_string(pdfs.TEMPLATE, {"doc": printed})
        names = [pdfs.STYLESHEET] + ([pdfs.RESTRICTED_STYLESHEET] if printed.is_restricted else [])
        css = [render_to_string(name) for name in names]
        service_render(case, chair, options.variant)  # warm-up: fonts, the cached CSS
        direct_render(html, css)
        times = {"service": [], "direct": []}
        for _ in range(options.runs):  # interleaved, so both see the same load
            pages, _ = timed(times["service"], lambda: service_render(case, chair, options.variant))
            direct_pages = timed(times["direct"], lambda: direct_render(html, css))
        transaction.set_rollback(True)
    (service, service_cpu), (direct, direct_cpu) = (
        [statistics.median(run[i] for run in times[path]) for i in (0, 1)]
        for path in ("service", "direct")
    )
    print(f"{options.entries} chronology entries, {options.variant}, {options.runs} runs each")
    print(f"load average before (1, 5, 15 min):   {load}")
    print(
        f"service path (task's render + store): median {service:6.2f} s, CPU {service_cpu:6.2f} s"
    )
    print(f"WeasyPrint directly, same HTML:       median {direct:6.2f} s, CPU {direct_cpu:6.2f} s")
    print(f"pages:                                {pages} and {direct_pages}")
    print(
        f"ratio service / direct:               {service / direct:.2f}",
        f"(CPU {service_cpu / direct_cpu:.2f})",
    )
    print(
        f"pages per second (service path):      {pages / service:.1f}",
        f"(per CPU second {pages / service_cpu:.1f})",
    )
    print(f"load average after (1, 5, 15 min):    {os.getloadavg()}")
    subprocess.run(  # noqa: S603 - this script, in a fresh process for its memory
        [
            sys.executable,
            __file__,
            "--child",
            f"--entries={options.entries}",
            f"--variant={options.variant}",
        ],
        check=True,
    )


if __name__ == "__main__":
    main()
