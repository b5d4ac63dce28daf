from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cases import backups


class Command(BaseCommand):
    help = (
        "Back up the database and the private documents into a new folder under --to, with a "
        "manifest of every document's SHA-256 and each model's row count."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, help="The folder to write the backup under.")

    def handle(self, *args, **options):
        try:
            folder = backups.back_up(
                to=Path(options["to"]),
                database=backups.configured_database(),
                documents=backups.configured_documents(),
            )
        except (backups.BackupError, OSError) as error:
            raise CommandError(f"The backup failed: {error}") from error
        self.stdout.write(f"Backup written to {folder}")
