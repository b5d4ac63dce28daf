"""Benchmark the deadline scan and the batched delivery of reminders on a dedicated database.

Not a test: it prints figures and fails nothing. See bench/README.md.

    DATABASE_URL=postgres://dhr:dhr@127.0.0.1:5432/dhr_bench_reminders DJANGO_DEBUG=true \
        uv run python bench/reminders.py --label "10,000 cases"

It REWRITES the cases of the database it is given (the database name must contain "bench"):
every case is put back to stage "notified", undecided, its report's completion events are
deleted and every extension is marked as told to the Home Office, so no rule other than the
decision reminder applies. The first
--due cases (default: every case) get their decision due today and the others a month
later, so exactly that many decision reminders are due. Then, in one run:

1. the scan, --runs times, each interleaved with the baseline: one hand-written
   INSERT … SELECT … ON CONFLICT DO NOTHING that records the same rows (RAW_SCAN); the
   ratio of the medians is the figure (goal: at most 1.5);
2. the delivery of every due reminder in batches of cases.reminders.DELIVERY_BATCH through
   cases.reminders.deliver_reminders (the path the worker and the operator's command share),
   with the queries of each batch counted (goal: 10,000 in under 30 s, queries per batch
   the same for every batch). The e-mails are only queued (outbox rows), as the delivery
   does; sending them is the outbox's work (bench/faults.py sends them through a worker).

Everything the run wrote (reminders, messages, outbox rows, timeline events) is deleted at
the end.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dhr.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from cases import clocks, reminders  # noqa: E402
from cases.models import Case, CaseEvent, Message, Reminder, ReportExtension  # noqa: E402
from cases.workflow import Stage  # noqa: E402

SCAN_GOAL = 1.5  # times the raw INSERT … SELECT (issue 13, item 4)
DELIVERY_GOAL_SECONDS = 30.0  # for 10,000 due reminders
CASE = Case._meta.db_table
EXTENSION = ReportExtension._meta.db_table
REMINDER = Reminder._meta.db_table

# The decision rule's reminders as a person would write them for this data: every due date
# is today, so the occurrence is the date and "+0".
RAW_SCAN = f"""
    INSERT INTO {REMINDER}
        (case_id, rule, subject, occurrence, due_on, days_from_due, created_at)
    SELECT id, 'decision_due', '', to_char(decision_due_on, 'YYYY-MM-DD') || '+0',
           decision_due_on, 0, now()
    FROM {CASE}
    WHERE stage IN (%(notified)s, %(decision)s)
      AND decided_on IS NULL
      AND decision_due_on = %(on)s
    ON CONFLICT DO NOTHING
"""  # noqa: S608 - table names from the models, values as parameters


def execute(sql: str, params=None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def vacuum(*tables: str) -> None:
    for table in tables:
        execute(f"VACUUM ANALYZE {table}")


def prepare(on, *, due: int) -> int:
    """Make exactly `due` cases (the lowest ids) owe a decision reminder on `on` and no
    other reminder of any rule due; return how many reminders are due."""
    later = on + timedelta(days=45)  # outside every rule's window (at most 30 days before)
    cleanup()
    execute(
        f"UPDATE {EXTENSION} SET home_office_told_on = agreed_on "  # noqa: S608
        "WHERE home_office_told_on IS NULL"
    )
    # A review back at notification has no completed report to owe copies of.
    CaseEvent.objects.filter(name=settings.DHR_REPORT_COMPLETED_EVENT).delete()
    execute(
        f"UPDATE {CASE} SET stage = %s, decided_on = NULL, decision_due_on = "  # noqa: S608
        f"CASE WHEN id IN (SELECT id FROM {CASE} ORDER BY id LIMIT %s) THEN %s ELSE %s END",
        [Stage.NOTIFIED, due, on, later],
    )
    vacuum(CASE, EXTENSION, REMINDER)
    return Case.objects.filter(decision_due_on=on).count()


def cleanup() -> None:
    """Delete what a run wrote: messages and their outbox rows go with their reminders."""
    CaseEvent.objects.filter(name__startswith="case.reminder.").delete()
    Message.objects.filter(reminder__isnull=False).delete()
    execute(f"DELETE FROM {REMINDER}")  # noqa: S608


def time_raw(on) -> tuple[float, int]:
    params = {"notified": Stage.NOTIFIED, "decision": Stage.DECISION, "on": on}
    started = time.perf_counter()
    with transaction.atomic():
        recorded = execute(RAW_SCAN, params)
    return time.perf_counter() - started, recorded


def time_scan(on) -> tuple[float, int, int]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        to_deliver = reminders.scan(on=on)
        seconds = time.perf_counter() - started
    return seconds, len(to_deliver), len(queries.captured_queries)


def measure_scan(on, *, runs: int, due: int) -> float:
    print("\n  The scan against the raw INSERT … SELECT (interleaved, each first in turn)")
    print("    run     raw SQL       scan   ×raw  queries  recorded")
    raws, scans = [], []
    for run in range(1, runs + 1):
        # Each goes first in every other run, into an emptied and vacuumed table.
        for contender in ("raw", "scan") if run % 2 else ("scan", "raw"):
            if contender == "raw":
                raw, raw_rows = time_raw(on)
            else:
                scan, recorded, queries = time_scan(on)
            execute(f"DELETE FROM {REMINDER}")  # noqa: S608
            vacuum(REMINDER)
        raws.append(raw)
        scans.append(scan)
        print(
            f"    {run:>3}  {raw * 1000:>7.1f} ms {scan * 1000:>7.1f} ms {scan / raw:>6.2f} "
            f"{queries:>8}  {recorded:>8,}"
        )
        if raw_rows != due or recorded != due:
            print(f"    !! expected {due:,} rows: raw {raw_rows:,}, scan {recorded:,}")
    raw, scan = statistics.median(raws), statistics.median(scans)
    print(f"    med  {raw * 1000:>7.1f} ms {scan * 1000:>7.1f} ms {scan / raw:>6.2f}")
    return scan / raw


def measure_delivery(on, *, due: int) -> tuple[float, list[int]]:
    reminder_ids = reminders.scan(on=on)
    per_batch = []
    delivered = emails = 0
    counted = []

    def count(execute, sql, params, many, context):
        # Counted, not captured: capturing formats every bulk INSERT's SQL, which is slow.
        counted.append(1)
        return execute(sql, params, many, context)

    started, cpu_started = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(count):
        for batch in reminders.batches(reminder_ids):
            counted.clear()
            result = reminders.deliver_reminders(reminder_ids=batch)
            per_batch.append(len(counted))
            delivered += result.reminders
            emails += len(result.email_ids)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(
        f"\n  Delivery of {len(reminder_ids):,} due reminders in {len(per_batch)} batches of "
        f"up to {reminders.DELIVERY_BATCH}"
    )
    print(
        f"    delivered {delivered:,}, e-mails queued {emails:,}, in {seconds:.2f} s "
        f"({cpu:.2f} s of this process's CPU)"
    )
    print(
        f"    queries per batch: {min(per_batch)}–{max(per_batch)}; "
        f"{sum(per_batch):,} in all; {seconds / len(per_batch) * 1000:.0f} ms per batch"
    )
    left = Reminder.objects.filter(delivered_at__isnull=True).count()
    if delivered != due or left:
        print(f"    !! expected {due:,} delivered, {left:,} left undelivered")
    return seconds, per_batch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--label", default="", help="What the database holds, for the output.")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--due", type=int, help="How many cases owe a reminder (default all).")
    args = parser.parse_args()

    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql" or "bench" not in name:
        raise SystemExit("Give a dedicated PostgreSQL database whose name contains 'bench'.")
    on = clocks.today()
    total_cases = Case.objects.count()
    print(
        f"Reminders benchmark — {args.label or name} ({name}, {total_cases:,} cases), "
        f"as of {on}, {args.runs} runs, DEBUG={settings.DEBUG}, {os.cpu_count()} CPUs, "
        f"PostgreSQL {connection.pg_version // 10000}, "
        f"load average {os.getloadavg()[0]:.1f} at {timezone.now():%H:%M} UTC"
    )
    due = prepare(on, due=min(args.due or total_cases, total_cases))
    ratio = measure_scan(on, runs=args.runs, due=due)
    seconds, per_batch = measure_delivery(on, due=due)
    cleanup()

    print(f"\n  load average at the end: {os.getloadavg()[0]:.1f}")
    print("\n  Conclusions")
    print(
        f"    scan: {ratio:.2f}× the raw INSERT … SELECT, "
        + ("meets" if ratio <= SCAN_GOAL else "MISSES")
        + f" the {SCAN_GOAL}× goal"
    )
    goal = DELIVERY_GOAL_SECONDS * due / 10_000
    print(
        f"    delivery: {due:,} in {seconds:.1f} s, "
        + ("meets" if seconds < goal else "MISSES")
        + f" the {goal:.0f} s goal; queries per batch "
        + ("constant" if len(set(per_batch)) == 1 else "NOT constant")
        + f" ({max(per_batch)})"
    )


if __name__ == "__main__":
    main()
