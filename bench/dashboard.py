"""Benchmark the dashboard ("/") on whatever PostgreSQL database DATABASE_URL names.

Not a test: it prints figures and the query plan, and fails nothing. See bench/README.md.

    DATABASE_URL=postgres://dhr:dhr@127.0.0.1:5432/dhr_volume \
        uv run python bench/dashboard.py --label "10,000 cases"

For each viewer (the officer of partnership V001, the existing user who sees the most cases,
and a synthetic national viewer who may see every case) and each URL ("/", "/?overdue=on",
"/?stage=imrs") it times N requests through django.test.Client after W warm-ups, counts the
SQL queries of one more request, then prints EXPLAIN (ANALYZE, BUFFERS) of the dashboard's
page query and checks the permission filter in its SQL and plan.

With --ratios it instead times "/" for viewers of 1 to every case under three permission
filters in interleaved rounds (the service's, guardian's as before issue 13, and none) and
prints each as a ratio of the unfiltered page's speed.

The national viewer is created inside a transaction that is rolled back at the end, so the
database is left as it was (apart from the statistics ANALYZE refreshes).
"""

import argparse
import math
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dhr.settings")

import django

django.setup()

from django.contrib.auth.models import Permission  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from guardian.shortcuts import get_objects_for_user  # noqa: E402

from cases import access, clocks, selectors  # noqa: E402
from cases.models import Case, CaseUserObjectPermission, User  # noqa: E402
from cases.views import CASES_PER_PAGE  # noqa: E402

URLS = [("/", {}), ("/?overdue=on", {"overdue": True}), ("/?stage=imrs", {"stage": "imrs"})]
PERMISSION_TABLE = CaseUserObjectPermission._meta.db_table
NATIONAL_EMAIL = "bench.national@volume.example"


def p95(samples: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def visible_count(user) -> int:
    return selectors.dashboard_cases(user, on=clocks.today()).count()


def measure(user, url: str, *, requests: int, warmups: int) -> dict:
    client = Client()
    client.force_login(user)
    for _ in range(warmups):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} as {user.email} answered {response.status_code}")
    samples, cpu = [], []
    for _ in range(requests):
        started, cpu_started = time.perf_counter(), time.process_time()
        client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    sql_ms = sum(float(query["time"]) for query in captured.captured_queries) * 1000
    return {
        "median": statistics.median(samples),
        "p95": p95(samples),
        "cpu": statistics.median(cpu),
        "queries": len(captured.captured_queries),
        "sql_ms": sql_ms,
    }


def page_queryset(user, filters: dict):
    """The query the dashboard runs for its first page (the Paginator slices it)."""
    return selectors.dashboard_cases(user, on=clocks.today(), **filters)[:CASES_PER_PAGE]


def check_plan(queryset) -> tuple[str, list[str]]:
    sql, _ = queryset.query.sql_with_params()
    plan = queryset.explain(analyze=True, buffers=True)
    findings = []
    findings.append(
        f"permission table {PERMISSION_TABLE} in SQL: {'yes' if PERMISSION_TABLE in sql else 'NO'}"
    )
    joined_by_fk = '"content_object_id"' in sql
    findings.append(f"filtered by content_object_id (direct FK): {'yes' if joined_by_fk else 'NO'}")
    casts = [cast for cast in ("::text", "object_pk") if cast in sql]
    findings.append(f"::text / object_pk casts in SQL: {', '.join(casts) if casts else 'none'}")
    permission_scans = [
        line.strip()
        for line in plan.splitlines()
        if re.search(r"Index (Only )?Scan", line) and ("cases_caseu" in line)
    ]
    findings.append(
        "index scans on the permission table: "
        + ("; ".join(permission_scans) if permission_scans else "NONE")
    )
    case_scans = [
        line.strip().split("  (")[0]
        for line in plan.splitlines()
        if re.search(r"Scan .*on cases_case\b(?!\w)", line)
    ]
    findings.append("cases_case read by: " + ("; ".join(case_scans) or "?"))
    execution = re.search(r"Execution Time: ([\d.]+) ms", plan)
    findings.append(f"execution time: {execution.group(1) if execution else '?'} ms")
    return plan, findings


def busiest_user(exclude: set[int]) -> User | None:
    row = (
        CaseUserObjectPermission.objects.filter(permission__codename="view_case")
        .exclude(user__in=exclude)
        .values("user")
        .annotate(cases=Count("content_object", distinct=True))
        .order_by("-cases", "user")
        .first()
    )
    return User.objects.get(pk=row["user"]) if row else None


def make_national_viewer() -> User:
    """A user holding view_case on every case: what a national (Home Office) dashboard
    would read. Written straight into the permission table, inside the caller's
    transaction; no membership rows, so it exists only for this run."""
    user = User(email=NATIONAL_EMAIL, full_name="Bench National Viewer")
    user.set_unusable_password()
    user.save()
    view_case = Permission.objects.get(content_type__app_label="cases", codename="view_case")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {PERMISSION_TABLE} (user_id, permission_id, content_object_id) "  # noqa: S608
            f"SELECT %s, %s, id FROM {Case._meta.db_table}",
            [user.pk, view_case.pk],
        )
        cursor.execute(f"ANALYZE {PERMISSION_TABLE}")
    return user


def run_viewer(name: str, user, args, results: list, plans: list) -> None:
    count = visible_count(user)
    print(f"  measuring {name}: {user.email} ({count} visible cases)", flush=True)
    for url, filters in URLS:
        figures = measure(user, url, requests=args.requests, warmups=args.warmups)
        results.append((name, user.email, count, url, figures))
        if args.explain == "all" or (args.explain == "main" and url == "/"):
            plans.append((name, user.email, url, *check_plan(page_queryset(user, filters))))


def _visible_through_guardian(user, permission: str = "cases.view_case"):
    """cases_visible_to before issue 13: guardian's filter, which joins auth_permission by
    codename (the planner cannot see which permission id that is)."""
    return get_objects_for_user(
        user,
        permission,
        klass=Case,
        accept_global_perms=False,
        with_superuser=False,
        use_groups=False,
    )


def _every_case(user, permission: str = "cases.view_case"):
    """No permission filter at all: the unfiltered dashboard the ratio is taken against."""
    return Case.objects.all()


FILTERS = {
    "app": access.cases_visible_to,
    "guardian": _visible_through_guardian,
    "unfiltered": _every_case,
}


def use_filter(variant: str) -> None:
    """Swap the dashboard's permission filter in this process only; the app is not edited."""
    selectors.cases_visible_to = FILTERS[variant]


def make_viewer_of(cases: int) -> User:
    """A user holding view_case on the first `cases` cases, inside the caller's
    transaction (rolled back at the end)."""
    user = User(email=f"bench.viewer{cases}@volume.example", full_name=f"Bench viewer {cases}")
    user.set_unusable_password()
    user.save()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {PERMISSION_TABLE} (user_id, permission_id, content_object_id) "  # noqa: S608
            f"SELECT %s, %s, id FROM {Case._meta.db_table} ORDER BY id LIMIT %s",
            [user.pk, access.permission_id("view_case"), cases],
        )
    return user


def explain_ms(user) -> float:
    plan = page_queryset(user, {}).explain(analyze=True)
    return float(re.search(r"Execution Time: ([\d.]+) ms", plan).group(1))


def run_ratios(args) -> None:
    """For viewers of 1 to every case: the dashboard with each permission filter, timed
    in interleaved rounds (one request of each variant per round, so the machine's load
    falls on all of them alike), as a ratio of speeds against the unfiltered page."""
    sizes = [size for size in args.viewer_sizes if size <= Case.objects.count()]
    variants = ["unfiltered", "app", "guardian"]
    print(
        f"{'cases':>6} {'variant':<10} {'median ms':>9} {'× unfiltered':>12} {'page query ms':>13}"
    )
    with transaction.atomic():
        viewers = [make_viewer_of(size) for size in sizes]
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {PERMISSION_TABLE}")
        for size, viewer in zip(sizes, viewers, strict=True):
            clients = {}
            for variant in variants:
                use_filter(variant)
                clients[variant] = Client()
                clients[variant].force_login(viewer)
                for _ in range(args.warmups):
                    clients[variant].get("/")
            samples = {variant: [] for variant in variants}
            plans = {variant: [] for variant in variants}
            for _ in range(args.requests):
                for variant in variants:
                    use_filter(variant)
                    started = time.perf_counter()
                    clients[variant].get("/")
                    samples[variant].append((time.perf_counter() - started) * 1000)
                    plans[variant].append(explain_ms(viewer))
            base = statistics.median(samples["unfiltered"])
            for variant in variants:
                median = statistics.median(samples[variant])
                print(
                    f"{size:>6} {variant:<10} {median:>9.1f} {base / median:>12.2f}"
                    f" {statistics.median(plans[variant]):>13.2f}",
                    flush=True,
                )
        use_filter("app")
        transaction.set_rollback(True)
    print(
        "(× unfiltered: the unfiltered page's median time over this variant's, so above 1 is\n"
        " faster than the unfiltered page; page query ms: median EXPLAIN ANALYZE execution time\n"
        " of the dashboard's first page for the same viewer, taken after each request)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label", default="", help="Name for this database in the output.")
    parser.add_argument("--requests", type=int, default=30, help="Timed requests per URL.")
    parser.add_argument("--warmups", type=int, default=3, help="Untimed requests first.")
    parser.add_argument("--officer", default="officer.v001@volume.example")
    parser.add_argument(
        "--explain",
        choices=["main", "all", "none"],
        default="main",
        help="EXPLAIN the page query for '/' only (main), for every URL (all), or not.",
    )
    parser.add_argument(
        "--no-national", action="store_true", help="Skip the synthetic national viewer."
    )
    parser.add_argument(
        "--no-analyze", action="store_true", help="Do not ANALYZE the database first."
    )
    parser.add_argument(
        "--variant",
        choices=list(FILTERS),
        default="app",
        help="The permission filter for the viewers table: the app's (app), guardian's "
        "join by codename as before issue 13 (guardian), or none (unfiltered).",
    )
    parser.add_argument(
        "--ratios",
        action="store_true",
        help="Only the ratio table: viewers of --viewer-sizes cases, each filter interleaved.",
    )
    parser.add_argument("--viewer-sizes", type=int, nargs="+", default=[1, 10, 100, 1000, 10000])
    args = parser.parse_args()
    use_filter(args.variant)

    if connection.vendor != "postgresql":
        raise SystemExit("Run this against PostgreSQL: set DATABASE_URL=postgres://...")
    label = args.label or connection.settings_dict["NAME"]
    if not args.no_analyze:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"== dashboard benchmark: {label} (variant: {args.variant}) ==")
    print(
        f"database {connection.settings_dict['NAME']}: {Case.objects.count():,} cases, "
        f"{CaseUserObjectPermission.objects.count():,} permission rows; "
        f"{args.requests} timed requests after {args.warmups} warm-ups; "
        f"statistics {'refreshed by ANALYZE' if not args.no_analyze else 'as found'}",
        flush=True,
    )

    if args.ratios:
        run_ratios(args)
        return

    results, plans = [], []
    officer = User.objects.get(email=args.officer)
    run_viewer("officer", officer, args, results, plans)
    busiest = busiest_user({officer.pk}) or officer
    run_viewer("busiest", busiest, args, results, plans)
    if not args.no_national:
        with transaction.atomic():
            national = make_national_viewer()
            run_viewer("national", national, args, results, plans)
            transaction.set_rollback(True)

    print()
    header = f"{'viewer':<9} {'cases':>6}  {'url':<15} {'median ms':>9} {'p95 ms':>8}"
    header += f" {'cpu ms':>7} {'queries':>7} {'sql ms':>7}"
    print(header)
    print("-" * len(header))
    for name, _email, count, url, figures in results:
        print(
            f"{name:<9} {count:>6}  {url:<15} {figures['median']:>9.1f} {figures['p95']:>8.1f}"
            f" {figures['cpu']:>7.1f} {figures['queries']:>7} {figures['sql_ms']:>7.1f}"
        )
    print(
        "(cpu ms: median CPU time of this Python process per request, less disturbed by other\n"
        " load on the machine than wall time; sql ms: database time of the one request whose\n"
        " queries were counted, as Django records it to the millisecond)"
    )

    for name, email, url, plan, findings in plans:
        print()
        print(f"-- EXPLAIN (ANALYZE, BUFFERS) page query, {name} ({email}), GET {url}")
        for finding in findings:
            print(f"   * {finding}")
        print(plan)


if __name__ == "__main__":
    main()
