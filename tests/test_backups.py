"""A statutory record survives the loss of its machine: the backup, restored into a fresh
database and an empty documents folder, holds every case, event, letter and document."""

import sqlite3
import uuid
from io import StringIO

import psycopg
import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from cases import backups, services
from cases.models import AccessLogEntry, Case, CaseEvent, CaseLetter
from tests.case_factories import case_with_letters_sent, notified_case, partnership_with_staff

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fresh_database(tmp_path):
    """An empty database beside the test one, dropped afterwards."""
    here = backups.configured_database()
    if not here.is_postgresql:
        yield backups.Database(engine=here.engine, name=str(tmp_path / "restored.sqlite3"))
        return
    name = f"dhr_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(
        dbname="postgres",
        user=here.user or None,
        password=here.password or None,
        host=here.host or None,
        port=here.port or None,
        autocommit=True,
    )
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield backups.Database(**{**here.__dict__, "name": name})
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def count_rows_of(table: str) -> str:
    return f'SELECT count(*) FROM "{table}"'  # noqa: S608 - a table name from the models


def rows_in(database: backups.Database, labels) -> dict[str, int]:
    tables = {label: apps.get_model(label)._meta.db_table for label in labels}
    if database.is_postgresql:
        with psycopg.connect(
            dbname=database.name,
            user=database.user or None,
            password=database.password or None,
            host=database.host or None,
            port=database.port or None,
        ) as restored:
            return {
                label: restored.execute(count_rows_of(table)).fetchone()[0]
                for label, table in tables.items()
            }
    with sqlite3.connect(database.name) as restored:
        return {
            label: restored.execute(count_rows_of(table)).fetchone()[0]
            for label, table in tables.items()
        }


def test_a_backup_restores_every_case_event_letter_and_document(tmp_path, fresh_database):
    partnership, officer, _chair = partnership_with_staff()
    with_letters = case_with_letters_sent(partnership, officer)
    notified_case(partnership, officer)
    services.log_access(case=with_letters, user=officer, what=AccessLogEntry.What.AUDIT_TRAIL)
    documents = backups.configured_documents()
    originals = backups.document_checksums(documents)
    assert len(originals) == CaseLetter.objects.count() == 2

    call_command("backup", "--to", str(tmp_path / "backups"), stdout=StringIO())
    [folder] = (tmp_path / "backups").iterdir()
    manifest = backups.restore(
        backup=folder, database=fresh_database, documents=tmp_path / "restored-documents"
    )

    assert backups.document_checksums(tmp_path / "restored-documents") == originals
    counted = rows_in(fresh_database, manifest["rows"])
    assert counted == manifest["rows"] == backups.row_counts()
    assert counted["cases.Case"] == Case.objects.count() == 2
    assert counted["cases.CaseEvent"] == CaseEvent.objects.count() > 0
    assert counted["cases.CaseLetter"] == 2
    assert counted["cases.AccessLogEntry"] == 1
    assert counted["cases.HistoricalCase"] == Case.history.count()


def test_a_restore_refuses_a_documents_folder_that_is_not_empty(tmp_path, fresh_database):
    partnership, officer, _chair = partnership_with_staff()
    case_with_letters_sent(partnership, officer)
    folder = backups.back_up(
        to=tmp_path,
        database=backups.configured_database(),
        documents=backups.configured_documents(),
    )
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "someone-elses.pdf").write_bytes(b"%PDF-1.4")

    with pytest.raises(backups.BackupError, match="is not empty"):
        backups.restore(backup=folder, database=fresh_database, documents=occupied)


def test_a_document_changed_in_the_backup_is_caught(tmp_path, fresh_database):
    partnership, officer, _chair = partnership_with_staff()
    case_with_letters_sent(partnership, officer)
    folder = backups.back_up(
        to=tmp_path,
        database=backups.configured_database(),
        documents=backups.configured_documents(),
    )
    manifest = (folder / backups.MANIFEST).read_text()
    first = next(iter(backups.document_checksums(backups.configured_documents()).values()))
    (folder / backups.MANIFEST).write_text(manifest.replace(first, "0" * 64))

    with pytest.raises(backups.BackupError, match="Documents differ"):
        backups.restore(backup=folder, database=fresh_database, documents=tmp_path / "docs")


def test_the_backup_command_says_what_failed(tmp_path, settings):
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(CommandError, match="The backup failed"):
        call_command("backup", "--to", str(tmp_path / "a-file"), stdout=StringIO())
