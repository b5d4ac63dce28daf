from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases import submissions


class Command(BaseCommand):
    help = (
        "Delete the one-time form tokens older than DHR_FORM_TOKEN_RETENTION_DAYS (or --days), "
        "as the nightly task does."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Delete tokens older than this many days (default: the setting).",
        )

    def handle(self, *args, **options):
        days = options["days"] or settings.DHR_FORM_TOKEN_RETENTION_DAYS
        if days < 1:
            raise CommandError("--days must be 1 or more.")
        forgotten = submissions.forget_old_tokens(older_than=timedelta(days=days))
        tokens = "token" if forgotten == 1 else "tokens"
        self.stdout.write(f"Deleted {forgotten} form {tokens} older than {days} {_days(days)}.")


def _days(days: int) -> str:
    return "day" if days == 1 else "days"
