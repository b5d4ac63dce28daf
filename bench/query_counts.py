"""Count the SQL statements of the service's pages, as production runs them (issue 13 items
1 and 2). Not a test: it prints counts; the ceilings are held by tests/test_query_counts.py.

    DATABASE_URL=postgres://dhr:dhr@127.0.0.1:5432/dhr_e_volume \\
        uv run python bench/query_counts.py

Everything it writes (a partnership, its staff, a case with N rows of each list, history, and
the demo's reviews, one at every stage) is written inside a transaction that is rolled back at
the end. Each request is made by a
session verified with a second factor and with TWO_FACTOR_REQUIRED on, as in production,
after one warm-up request of the same page; a statement is any SQL Django sends, so BEGIN /
COMMIT around a session save count (as SAVEPOINT / RELEASE inside the bench's transaction).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dhr.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from cases import services  # noqa: E402
from cases.demo import seed_demo  # noqa: E402
from cases.models import Case, Message, Person, User  # noqa: E402
from cases.roles import CaseRole  # noqa: E402
from tests.case_factories import (  # noqa: E402
    case_member,
    case_under_review,
    partnership_with_staff,
)
from tests.factories import AgencyFactory  # noqa: E402

CASE_PAGES = ["cases:detail", "cases:timeline", "cases:people", "cases:members"]
CASE_PAGES += ["cases:access_log", "cases:audit"]


def verified_client(user) -> Client:
    """A client whose session passed the second factor, as django_otp.login leaves it."""
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def count(client, url: str) -> int:
    client.get(url)  # warm-up: per-process caches (content types, permission ids)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")
    return len(captured.captured_queries)


def fill(case, officer, rows: int) -> None:
    for number in range(rows):
        services.record_event(case=case, name="bench.note", description="Note", actor=officer)
        services.add_person(
            case=case,
            by=officer,
            role=Person.Role.FAMILY,
            details={"real_name": f"Relative {number}", "pseudonym": f"Relative {number}"},
        )
        case_member(case, CaseRole.PANEL_MEMBER, by=officer)
        services.log_access(case=case, user=officer, what="people_register")
        Message.objects.create(user=officer, case=case, text=f"Note {number}", link="/")


def page_counts() -> None:
    print("statements per request, verified session, TWO_FACTOR_REQUIRED on")
    print(f"{'page':<24} {'1 row':>6} {'50 rows':>8}")
    by_rows = {}
    for rows in (1, 50):
        partnership, officer, _ = partnership_with_staff()
        for _ in range(rows):  # the dashboard's rows
            case_under_review(partnership, officer)
        case = case_under_review(partnership, officer)
        fill(case, officer, rows)
        client = verified_client(officer)
        urls = {"baseline (accessibility)": reverse("accessibility_statement")}
        urls |= {"home": reverse("home"), "inbox": reverse("inbox")}
        urls |= {name: reverse(name, args=[case.reference]) for name in CASE_PAGES}
        by_rows[rows] = {name: count(client, url) for name, url in urls.items()}
    for name in by_rows[1]:
        print(f"{name:<24} {by_rows[1][name]:>6} {by_rows[50][name]:>8}")


def audit_counts() -> None:
    print()
    print("audit trail: statements after N saves that each change a foreign key")
    print(f"{'saves':>5} {'statements':>10}")
    partnership, officer, _ = partnership_with_staff()
    case = case_under_review(partnership, officer)
    client = verified_client(officer)
    url = reverse("cases:audit", args=[case.reference])
    saves = 0
    for target in (1, 2, 4, 8, 16, 32):
        while saves < target:
            case.referring_agency = AgencyFactory(name=f"Bench agency {saves}")
            case.save()
            saves += 1
        print(f"{saves:>5} {count(client, url):>10}", flush=True)


def stage_counts() -> None:
    """The case page and its stage's own page on the demo reviews, one at every stage."""
    print()
    print("the demo reviews: statements of the case page at each stage")
    print(f"{'case':<18} {'stage':<14} {'case page':>9}")
    seed_demo()
    officer = User.objects.get(email="officer@riverside.example")
    client = verified_client(officer)
    for case in Case.objects.filter(partnership__code="RIV").order_by("reference"):
        url = reverse("cases:detail", args=[case.reference])
        print(f"{case.reference:<18} {case.stage:<14} {count(client, url):>9}", flush=True)


def main() -> None:
    with override_settings(TWO_FACTOR_REQUIRED=True), transaction.atomic():
        page_counts()
        audit_counts()
        stage_counts()
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
