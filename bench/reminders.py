"""Benchmark the daily deadline scan (cases.tasks.scan_deadlines) on a dedicated database.

Not a test: it prints figures and fails nothing. See bench/README.md.

    DATABASE_URL=postgres://dhr:dhr@127.0.0.1:5432/dhr_bench_reminders \
        uv run python bench/reminders.py --label "10,000 cases"

It REWRITES the cases of the database it is given (the database name must contain "bench"):
every case is put back to stage "notified", undecided, and every extension is marked as
told to the Home Office, so no rule other than the decision reminder applies (a pause
does not stop the decision reminder; the bench leaves pauses as they are).
Then, for each size (--due, by default 100 and every case), the first N cases get their
decision due today and the others a month later, so exactly N decision reminders are due
"on the day". For each size and each of --runs runs, in the same run:

1. the raw SQL of the decision rule's filter (cursor.execute + fetchall), the baseline;
2. cases.tasks.scan_deadlines() itself, synchronously, with its queries counted: the scan
   (cases.reminders.scan, timed through a wrapper) records the N Reminder rows and commits
   them, as in production, then the task enqueues deliver_reminders batches to Redis
   (--redis, a dedicated database index; no worker runs). "Dispatch" is the task's time
   minus the scan's.

After each run the reminders are deleted (and cases_reminder vacuumed), the Redis queue is
counted and purged. Medians of the runs are compared with the 2 s target for 10,000 due
reminders and with the raw query.

--profile N  additionally runs one scan with cProfile and prints the top N functions.
--prototype  additionally times a set-based variant of the scan (prototype_scan below,
             a copy of cases.reminders.scan with the proposed change) on the same data.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dhr.settings")


def _redis_from_argv() -> str:
    # The broker is read from REDIS_URL when the settings load, so before django.setup().
    for i, arg in enumerate(sys.argv):
        if arg == "--redis" and i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        if arg.startswith("--redis="):
            return arg.split("=", 1)[1]
    return os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14"


os.environ["REDIS_URL"] = _redis_from_argv()

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from cases import clocks, reminders, tasks  # noqa: E402
from cases.models import Case, Reminder  # noqa: E402
from cases.workflow import Stage  # noqa: E402
from dhr.celery import app as celery_app  # noqa: E402

TARGET_SECONDS = 2.0
TARGET_DUE = 10_000
CASE = Case._meta.db_table
EXTENSION = reminders.ReportExtension._meta.db_table
REMINDER = Reminder._meta.db_table
DECISION_RULE = reminders.RULES_BY_NAME["decision_due"]

RAW_DECISIONS_DUE = f"""
    SELECT c.id, c.decision_due_on FROM {CASE} c
    WHERE c.stage IN (%(notified)s, %(decision)s)
      AND c.decided_on IS NULL
      AND c.decision_due_on <= %(until)s
"""  # noqa: S608 - table names from the models, values as parameters


def execute(sql: str, params=None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def scalar(sql: str, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def vacuum(*tables: str) -> None:
    for table in tables:
        execute(f"VACUUM ANALYZE {table}")


# Setting up the data -------------------------------------------------------------------


def prepare(on, *, due: int) -> int:
    """Make exactly `due` cases (the lowest ids) owe a decision reminder on `on` and no
    other reminder of any rule due; return how many cases owe one."""
    later = on + timedelta(days=30)  # outside every rule's window (at most 30 days before)
    for model in (reminders.Notification, reminders.EmailDelivery):
        model.objects.filter(reminder__isnull=False).delete()
    execute(f"DELETE FROM {REMINDER}")  # noqa: S608
    # No Home Office reminder of an extension either.
    execute(
        f"UPDATE {EXTENSION} SET home_office_told_on = agreed_on "  # noqa: S608
        "WHERE home_office_told_on IS NULL"
    )
    execute(
        f"UPDATE {CASE} SET stage = %s, decided_on = NULL, decision_due_on = "  # noqa: S608
        f"CASE WHEN id IN (SELECT id FROM {CASE} ORDER BY id LIMIT %s) THEN %s ELSE %s END",
        [Stage.NOTIFIED, due, on, later],
    )
    vacuum(CASE, EXTENSION, REMINDER)
    return len(raw_query(on))


def cleanup() -> None:
    execute(f"DELETE FROM {REMINDER}")  # noqa: S608
    vacuum(REMINDER)


def queued_and_purge() -> int:
    """Messages waiting in the default Celery queue of the bench Redis database; then
    empty it."""
    queue = celery_app.conf.task_default_queue
    with celery_app.connection_for_write() as conn:
        channel = conn.default_channel
        try:
            waiting = channel.queue_declare(queue, passive=True).message_count
        except Exception:  # the queue does not exist yet: nothing waiting
            return 0
        channel.queue_purge(queue)
        return waiting


# Measuring -----------------------------------------------------------------------------


def raw_query(on) -> list:
    until = on + timedelta(days=max(DECISION_RULE.days_before))
    with connection.cursor() as cursor:
        cursor.execute(
            RAW_DECISIONS_DUE,
            {"notified": Stage.NOTIFIED, "decision": Stage.DECISION, "until": until},
        )
        return cursor.fetchall()


def time_raw(on) -> tuple[float, int]:
    started = time.perf_counter()
    rows = raw_query(on)
    return time.perf_counter() - started, len(rows)


def time_task(on, scan=None, task=None) -> dict:
    """Run scan_deadlines (or `task`), with `scan` in place of reminders.scan if given, and
    time it and the scan within it."""
    if clocks.today() != on:
        raise SystemExit("The date changed during the benchmark; run it again.")
    real_scan = scan or reminders.scan
    timing = {}

    def timed_scan(*, on):
        started = time.perf_counter()
        ids = real_scan(on=on)
        timing["scan"] = time.perf_counter() - started
        return ids

    with (
        mock.patch.object(reminders, "scan", timed_scan),
        CaptureQueriesContext(connection) as queries,
    ):
        started = time.perf_counter()
        returned = (task or tasks.scan_deadlines)()
        total = time.perf_counter() - started
    recorded = Reminder.objects.count()
    return {
        "total": total,
        "scan": timing["scan"],
        "dispatch": total - timing["scan"],
        "queries": len(queries.captured_queries),
        "query_kinds": [query["sql"].split(None, 1)[0] for query in queries.captured_queries],
        "returned": returned,
        "recorded": recorded,
    }


def measure(on, *, runs: int, scan=None, task=None) -> list[dict]:
    queued_and_purge()
    raw_query(on)  # warm the cache for both contenders
    results = []
    for _ in range(runs):
        raw_seconds, raw_rows = time_raw(on)
        result = time_task(on, scan=scan, task=task)
        result["raw"], result["raw_rows"] = raw_seconds, raw_rows
        result["queued"] = queued_and_purge()
        cleanup()
        results.append(result)
    return results


def report(label: str, due: int, results: list[dict]) -> dict:
    print(f"\n  {due:,} due reminders")
    print("    run    raw SQL     scan  dispatch  scan+dispatch  ×raw  queries  recorded  queued")
    for i, r in enumerate(results, 1):
        print(
            f"    {i:>3}  {r['raw'] * 1000:>7.1f} ms {r['scan'] * 1000:>7.1f} ms "
            f"{r['dispatch'] * 1000:>6.1f} ms  {r['total'] * 1000:>10.1f} ms "
            f"{r['total'] / r['raw']:>6.1f}  {r['queries']:>7}  {r['recorded']:>8,}  "
            f"{r['queued']:>6}"
        )
    median = {key: statistics.median(r[key] for r in results) for key in results[0]
              if isinstance(results[0][key], float)}  # fmt: skip
    print(
        f"    med  {median['raw'] * 1000:>7.1f} ms {median['scan'] * 1000:>7.1f} ms "
        f"{median['dispatch'] * 1000:>6.1f} ms  {median['total'] * 1000:>10.1f} ms "
        f"{median['total'] / median['raw']:>6.1f}"
    )
    kinds = results[0]["query_kinds"]
    print(f"    queries of one scan: {len(kinds)} ({', '.join(kinds)})")
    bad = [r for r in results if r["recorded"] != due or r["raw_rows"] != due]
    if bad:
        print(f"    !! expected {due:,} rows, got raw {bad[0]['raw_rows']:,}, "
              f"recorded {bad[0]['recorded']:,}")  # fmt: skip
    return median | {"queries": results[0]["queries"]}


def profile(on, top: int) -> None:
    queued_and_purge()
    profiler = cProfile.Profile()
    profiler.enable()
    tasks.scan_deadlines()
    profiler.disable()
    queued_and_purge()
    cleanup()
    print(f"\n  cProfile of one scan_deadlines ({top} functions by cumulative time)")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)
    print("  ... by own time")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


# A prototype of the proposed change (bench only; the app is not modified) --------------


def _scheduled_sql(rule: reminders.ReminderRule) -> str:
    """reminders.occurrence() in SQL, over a `days` column (days from the due date)."""
    whens = [f"WHEN days >= {-before} THEN {-before}" for before in sorted(rule.days_before)]
    if rule.weekly_when_overdue:
        whens.insert(0, "WHEN days >= 7 THEN days - mod(days, 7)")
    return f"CASE {' '.join(whens)} END"


def prototype_record_rule(rule: reminders.ReminderRule, on) -> None:
    """reminders._record_rule as one INSERT ... SELECT: the rule's own queryset (the same
    filter and pause exclusion) is the source, the occurrence key is computed in SQL
    exactly as occurrence() and f"{due_on:%Y-%m-%d}{scheduled:+d}" do, and the unique
    constraint drops what is recorded already. No rows travel to Python and back."""
    rows = reminders.due_rows(rule, on)
    source, params = rows.query.sql_with_params()
    sql = f"""
        INSERT INTO {REMINDER} (case_id, rule, occurrence, due_on, days_from_due, created_at)
        SELECT case_id, %s,
               to_char(due_on, 'YYYY-MM-DD') || CASE WHEN scheduled >= 0 THEN '+' ELSE '' END
                   || scheduled::text,
               due_on, days, %s
        FROM (
            SELECT case_id, due_on, days, {_scheduled_sql(rule)} AS scheduled
            FROM (SELECT due.case_id, due.due_on, %s::date - due.due_on AS days
                  FROM ({source}) AS due (case_id, due_on)) AS dated
        ) AS scheduled
        WHERE scheduled IS NOT NULL
        ON CONFLICT (case_id, rule, occurrence) DO NOTHING
    """  # noqa: S608 - table name and CASE from code, values as parameters
    execute(sql, [rule.name, timezone.now(), on, *params])


def prototype_scan(*, on):
    """cases.reminders.scan with prototype_record_rule in place of _record_rule."""
    for rule in reminders.RULES:
        prototype_record_rule(rule, on)
    return list(
        Reminder.objects.filter(delivered_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def prototype_dispatch(reminder_ids: list[int]) -> None:
    """The dispatch loop of scan_deadlines publishing through one producer, with a short
    argsrepr instead of Celery's saferepr of every id list."""
    batch_size = tasks.DELIVERY_BATCH
    with celery_app.producer_or_acquire() as producer:
        for start in range(0, len(reminder_ids), batch_size):
            batch = reminder_ids[start : start + batch_size]
            tasks.deliver_reminders.apply_async(
                (batch,), producer=producer, argsrepr=f"[{len(batch)} reminder ids]"
            )


def prototype_scan_deadlines() -> int:
    """cases.tasks.scan_deadlines with prototype_dispatch."""
    reminder_ids = reminders.scan(on=clocks.today())
    prototype_dispatch(reminder_ids)
    return len(reminder_ids)


def verify_prototype(on) -> None:
    """Spread the due dates over -80..+40 days around `on` (every rule branch: before,
    on the day, weekly overdue, not yet due) and check the prototype records exactly the
    rows the real scan records."""
    execute(
        f"UPDATE {CASE} SET decision_due_on = %s::date + (mod(id, 121) - 80)::int",  # noqa: S608
        [on],
    )
    columns = ("case_id", "rule", "occurrence", "due_on", "days_from_due")
    results = []
    for scan in (reminders.scan, prototype_scan):
        scan(on=on)
        results.append(set(Reminder.objects.values_list(*columns)))
        cleanup()
    real, prototype = results
    same = "identical" if real == prototype else f"DIFFERENT ({len(real ^ prototype)} rows)"
    print(f"\n  prototype check: {len(real):,} reminders at spread due dates, {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--label", default="", help="What the database holds, for the output.")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--due",
        type=int,
        action="append",
        help="How many cases owe a reminder (repeatable; default 100 and every case).",
    )
    parser.add_argument("--redis", default=os.environ["REDIS_URL"], help="Dedicated Redis db.")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--prototype", action="store_true")
    args = parser.parse_args()

    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql" or "bench" not in name:
        raise SystemExit("Give a dedicated PostgreSQL database whose name contains 'bench'.")
    on = clocks.today()
    total_cases = Case.objects.count()
    sizes = sorted(set(args.due or [100, total_cases]))
    print(
        f"Deadline scan benchmark — {args.label or name} ({name}, {total_cases:,} cases), "
        f"as of {on}, {args.runs} runs, DEBUG={settings.DEBUG}, broker {settings.REDIS_URL}, "
        f"{os.cpu_count()} CPUs, PostgreSQL {connection.pg_version // 10000}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    medians = {}
    for due in sizes:
        if due > total_cases:
            print(f"\n  {due:,} due: only {total_cases:,} cases; skipped")
            continue
        owed = prepare(on, due=due)
        medians[due] = report(args.label, owed, measure(on, runs=args.runs))
        if args.prototype:
            print("    prototype: INSERT ... SELECT scan (prototype_scan), dispatch as now")
            report(args.label, owed, measure(on, runs=args.runs, scan=prototype_scan))
            print("    prototype: INSERT ... SELECT scan and one-producer dispatch")
            results = measure(
                on, runs=args.runs, scan=prototype_scan, task=prototype_scan_deadlines
            )
            report(args.label, owed, results)
    if args.profile and sizes:
        prepare(on, due=sizes[-1])
        profile(on, args.profile)
    if args.prototype:
        verify_prototype(on)

    print(f"\n  load average at the end: {os.getloadavg()[0]:.1f}")
    print("\n  Conclusions")
    counts = {due: median["queries"] for due, median in medians.items()}
    constant = len(set(counts.values())) == 1
    print(
        "    queries per scan by due reminders: "
        + ", ".join(f"{due:,} → {count}" for due, count in counts.items())
        + (" (constant)" if constant else " (NOT constant)")
    )
    for due, median in medians.items():
        if due >= TARGET_DUE:
            verdict = "meets" if median["total"] < TARGET_SECONDS else "MISSES"
            print(
                f"    {due:,} due: scan+dispatch {median['total']:.2f} s, {verdict} the "
                f"{TARGET_SECONDS:.0f} s target; {median['total'] / median['raw']:.0f}× the "
                f"raw query ({median['raw'] * 1000:.0f} ms)"
            )


if __name__ == "__main__":
    main()
