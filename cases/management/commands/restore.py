from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cases import backups


class Command(BaseCommand):
    help = (
        "Restore a backup folder into the configured database (new and empty: create it, do "
        "not migrate it) and the configured documents folder (empty), then check that every "
        "document and every row the manifest lists came back."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup folder that `backup` wrote.")

    def handle(self, *args, **options):
        try:
            manifest = backups.restore(
                backup=Path(options["backup"]),
                database=backups.configured_database(),
                documents=backups.configured_documents(),
            )
        except (backups.BackupError, OSError, KeyError) as error:
            raise CommandError(f"The restore failed: {error}") from error
        if (restored := backups.row_counts()) != manifest["rows"]:
            differ = {
                label: (count, restored.get(label))
                for label, count in manifest["rows"].items()
                if restored.get(label) != count
            }
            raise CommandError(f"Rows differ from the backup (backup, restored): {differ}")
        self.stdout.write(
            f"Restored {sum(manifest['rows'].values())} rows and "
            f"{len(manifest['documents'])} documents; every checksum matches."
        )
