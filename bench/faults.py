"""Fault benchmark: reminders delivered by a real Celery worker that is killed (SIGKILL)
several times mid-delivery, through real Redis and a real SMTP server (an aiosmtpd sink in
this process). Not a test (it is not in `make test`); see bench/README.md.

    createdb -h 127.0.0.1 -U dhr dhr_bench_faults
    export DATABASE_URL=postgres://dhr:dhr@127.0.0.1:5432/dhr_bench_faults DJANGO_DEBUG=true
    uv run python manage.py migrate -v0
    uv run python bench/faults.py --redis redis://127.0.0.1:6379/13

It REWRITES the cases of the database it is given (the name must contain "bench"), seeding
volume data when there are too few cases: --reminders cases (default 1,000) get their
decision due today and no other reminder applies, so exactly that many reminders are due,
each for the case's CSP officer and chair. The run:

1. empties the Redis database given and starts the SMTP sink and a worker
   (bench/fault_worker.py: the service's tasks, leases of --lease seconds);
2. queues the daily scan (cases.tasks.scan_deadlines), as beat would;
3. kills the worker's whole process group with SIGKILL --kills times, each time a further
   share of the e-mails has reached the sink, and starts a new worker at once;
4. then runs the sweeps beat runs (the scan hourly, the outbox every five minutes) every
   --sweep seconds, until every reminder is delivered and every outbox row is sent;
5. prints: reminders lost, in-app messages doubled, timeline events doubled, e-mails
   doubled (the same message to the same person twice), and whether every doubled e-mail
   kept its Message-ID.
"""

import argparse
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from email import message_from_bytes
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dhr.settings")


def _argument(name: str, default: str) -> str:
    for i, arg in enumerate(sys.argv):
        if arg == name and i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        if arg.startswith(f"{name}="):
            return arg.split("=", 1)[1]
    return default


# The broker and the mail server are read when the settings load, so before django.setup();
# the worker is started with the same environment.
os.environ["REDIS_URL"] = _argument("--redis", "redis://127.0.0.1:6379/13")
os.environ["EMAIL_HOST"] = "127.0.0.1"
os.environ["EMAIL_PORT"] = _argument("--smtp-port", "8125")
os.environ["EMAIL_USE_TLS"] = "false"
os.environ["BENCH_LEASE_SECONDS"] = _argument("--lease", "10")

from aiosmtpd.controller import Controller  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench import fault_worker  # noqa: E402  (django.setup(), the shortened leases)
from bench.reminders import cleanup, prepare  # noqa: E402
from cases import clocks, tasks  # noqa: E402
from cases.models import Case, CaseEvent, EmailDelivery, Message, Reminder  # noqa: E402

app = fault_worker.app


class Sink:
    """An SMTP server that keeps what it is given: (recipient, subject, Message-ID)."""

    def __init__(self):
        self.received: list[tuple[str, str, str]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        email = message_from_bytes(envelope.content)
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.received.append((recipient, email["Subject"], email["Message-ID"]))
        return "250 Message accepted for delivery"

    def count(self) -> int:
        with self.lock:
            return len(self.received)


class Worker:
    """A real `celery worker` process group, killed with SIGKILL and started again."""

    def __init__(self, concurrency: int, log: Path):
        self.concurrency = concurrency
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "celery", "-A", "bench.fault_worker", "worker"]
        command += ["--pool=prefork", f"--concurrency={self.concurrency}", "--loglevel=WARNING"]
        with self.log.open("a") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                command, cwd=ROOT, stdout=log, stderr=log, start_new_session=True
            )

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)  # the main process and its pool children
        self.process.wait()

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.kill()


def outbox_left() -> int:
    return EmailDelivery.objects.exclude(status=EmailDelivery.Status.SENT).count()


def drained(due: int) -> bool:
    return delivered() == due and EmailDelivery.objects.exists() and not outbox_left()


def wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)  # polling
    return condition()


def doubled(counts) -> int:
    return sum(count - 1 for count in counts if count > 1)


def report(due: int, sink: Sink, kills: list[str], seconds: float) -> None:
    in_inboxes = delivered()
    recorded = Reminder.objects.count()
    messages = Message.objects.filter(reminder__isnull=False)
    per_reminder_and_person = Counter(messages.values_list("reminder_id", "user_id"))
    # One reminder per case here: a second message to one person about one case is a copy.
    per_case_and_person = Counter(messages.values_list("case_id", "user_id"))
    events = Counter(
        CaseEvent.objects.filter(name__startswith="case.reminder.").values_list(
            "case_id", flat=True
        )
    )
    outbox = Counter(EmailDelivery.objects.values_list("status", flat=True))
    by_email = defaultdict(list)
    for recipient, subject, message_id in sink.received:
        by_email[recipient, subject].append(message_id)
    copies = {key: ids for key, ids in by_email.items() if len(ids) > 1}
    expected_emails = messages.count()
    attempts = Counter(EmailDelivery.objects.values_list("attempts", flat=True))

    print(f"\n  kills (SIGKILL of the worker's process group): {len(kills)}")
    for kill in kills:
        print(f"    {kill}")
    print(f"  drained in {seconds:.1f} s after the scan was queued")
    print("\n  Results")
    print(f"    reminders due                     {due:>6,}")
    print(f"    reminders recorded / delivered    {recorded:>6,} / {in_inboxes:,}")
    print(f"    reminders lost                    {due - in_inboxes:>6,}")
    print(f"    in-app messages                   {messages.count():>6,}")
    print(
        f"    in-app messages doubled           "
        f"{doubled(per_reminder_and_person.values()) + doubled(per_case_and_person.values()):>6,}"
    )
    print(f"    timeline events doubled           {doubled(events.values()):>6,}")
    print(f"    outbox rows by status             {dict(outbox)}")
    print(f"    outbox attempts (attempts: rows)  {dict(sorted(attempts.items()))}")
    print(f"    e-mails received by the sink      {len(sink.received):>6,}")
    print(f"    e-mails lost                      {expected_emails - len(by_email):>6,}")
    print(f"    e-mails doubled                   {doubled(len(i) for i in by_email.values()):>6,}")
    kept = all(len(set(ids)) == 1 for ids in copies.values())
    print(
        "    every doubled e-mail kept its Message-ID: "
        + ("yes" if kept else "NO")
        + (f" ({len(copies)} e-mails sent more than once)" if copies else " (none doubled)")
    )


def delivered() -> int:
    return Reminder.objects.filter(delivered_at__isnull=False).count()


def kill_moments(due: int, kills: int, sink: Sink) -> list:
    """The first kill once a third of the reminders are in the inboxes (in-app delivery
    under way), the others at even shares of the e-mails (twice as many as the reminders:
    the officer's and the chair's)."""
    moments = [lambda: delivered() >= due // 3]
    for i in range(1, kills):
        share = 2 * due * i // kills
        moments.append(lambda share=share: sink.count() >= share)
    return moments[:kills]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reminders", type=int, default=1_000)
    parser.add_argument("--kills", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--redis", help="A Redis database of its own (emptied).")
    parser.add_argument("--smtp-port", help="Where the SMTP sink listens (default 8125).")
    parser.add_argument("--lease", help="Leases in seconds (default 10).")
    parser.add_argument("--sweep", type=float, default=15.0, help="Seconds between sweeps.")
    parser.add_argument("--timeout", type=float, default=900.0)
    args = parser.parse_args()

    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql" or "bench" not in name:
        raise SystemExit("Give a dedicated PostgreSQL database whose name contains 'bench'.")
    if Case.objects.count() < args.reminders:
        call_command("seed_volume", cases=args.reminders - Case.objects.count())
    on = clocks.today()
    due = prepare(on, due=args.reminders)
    print(
        f"Fault benchmark — {due:,} reminders due, {args.kills} kills, worker concurrency "
        f"{args.concurrency}, leases {fault_worker.LEASE.total_seconds():.0f} s, "
        f"{name}, broker {os.environ['REDIS_URL']}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    app.control.purge()
    sink = Sink()
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's line per command
    smtp = Controller(sink, hostname="127.0.0.1", port=int(os.environ["EMAIL_PORT"]))
    smtp.start()
    worker = Worker(args.concurrency, ROOT / "var" / "bench-faults-worker.log")
    worker.log.parent.mkdir(exist_ok=True)
    kills = []
    started = time.monotonic()
    try:
        worker.start()
        tasks.scan_deadlines.delay()
        for i, moment in enumerate(kill_moments(due, args.kills, sink), 1):
            if not wait_until(moment, args.timeout):
                print(f"  !! kill {i}: its moment never came; skipped")
                break
            worker.kill()
            kills.append(
                f"{time.monotonic() - started:6.1f} s: reminders delivered {delivered():,}, "
                f"e-mails received {sink.count():,}, outbox rows not sent {outbox_left():,}"
            )
            worker.start()
        while not drained(due) and time.monotonic() - started < args.timeout:
            # What beat does hourly (the scan) and every five minutes (the outbox).
            tasks.scan_deadlines.delay()
            tasks.send_pending_emails.delay()
            wait_until(lambda: drained(due), args.sweep)
        seconds = time.monotonic() - started
        # Anything still queued (a copy of a message) runs before the figures are taken.
        time.sleep(args.sweep)
    finally:
        worker.stop()
        smtp.stop()
        app.control.purge()
    report(due, sink, kills, seconds)
    cleanup()


if __name__ == "__main__":
    main()
