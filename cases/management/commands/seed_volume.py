import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases.volume import seed_volume


class Command(BaseCommand):
    help = (
        "Add national-scale volume data for benchmarks (demo mode only): partnerships "
        "V001..., an officer and a chair each, and N fictional cases at varied stages with "
        "their people, memberships, permissions and history. Written in bulk, not through "
        "the per-case services. Every account's password is the demo password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=10_000, help="How many cases to add.")
        parser.add_argument(
            "--partnerships", type=int, default=300, help="How many partnerships (V001...)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed.")

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("seed_volume runs only in demo mode (DJANGO_DEBUG=true).")
        if options["cases"] < 0 or options["partnerships"] < 1:
            raise CommandError("Give at least one partnership and a non-negative number of cases.")
        started = time.monotonic()
        counts = seed_volume(
            cases=options["cases"], partnerships=options["partnerships"], seed=options["seed"]
        )
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Volume data written in {elapsed:.1f} s."))
        counts.pop("seconds", None)
        width = max(len(label) for label in counts)
        for label, count in counts.items():
            self.stdout.write(f"  {label.ljust(width)}  {count:>9,}")
