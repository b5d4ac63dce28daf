"""Backup and restore of the statutory record: the database and the private documents.

A backup is a folder: `database.dump` (pg_dump's custom format) or `database.sqlite3` (the
embedded default), `documents.tar`, and `manifest.json` with the SHA-256 of every document
and the number of rows of each model, so a restore can prove it brought everything back.
An administrator runs them as `manage.py backup` and `manage.py restore` (README).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
DOCUMENTS = "documents.tar"


class BackupError(Exception):
    """A backup or restore could not be completed; the message says why."""


@dataclass(frozen=True)
class Database:
    """Where a database lives: the settings' ENGINE, NAME, USER, PASSWORD, HOST and PORT."""

    engine: str
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    @classmethod
    def from_settings(cls, config: dict) -> "Database":
        return cls(
            engine=config["ENGINE"],
            name=str(config["NAME"]),
            user=config.get("USER") or "",
            password=config.get("PASSWORD") or "",
            host=config.get("HOST") or "",
            port=str(config.get("PORT") or ""),
        )

    @property
    def is_postgresql(self) -> bool:
        return self.engine == "django.db.backends.postgresql"

    def pg_arguments(self) -> list[str]:
        arguments = ["--dbname", self.name]
        for flag, value in (
            ("--host", self.host),
            ("--port", self.port),
            ("--username", self.user),
        ):
            if value:
                arguments += [flag, value]
        return arguments

    def pg_environment(self) -> dict[str, str]:
        return {**os.environ, **({"PGPASSWORD": self.password} if self.password else {})}


def row_counts() -> dict[str, int]:
    """Rows of every model of the service's own apps, as the manifest records them."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"cases", "panels", "imr", "reports"}
    }


def document_checksums(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def back_up(*, to: Path, database: Database, documents: Path) -> Path:
    """Write a backup folder under `to` and return it."""
    folder = Path(to) / timezone.now().strftime("dhr-backup-%Y%m%dT%H%M%SZ")
    folder.mkdir(parents=True, exist_ok=False)
    if database.is_postgresql:
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--file",
                str(folder / "database.dump"),
                *database.pg_arguments(),
            ],
            database,
        )
    else:
        with (
            sqlite3.connect(database.name) as source,
            sqlite3.connect(folder / "database.sqlite3") as copy,
        ):
            source.backup(copy)
    documents = Path(documents)
    with tarfile.open(folder / DOCUMENTS, "w") as archive:
        if documents.exists():
            archive.add(documents, arcname=".")
    manifest = {
        "created_at": timezone.now().isoformat(),
        "database_engine": database.engine,
        "rows": row_counts(),
        "documents": document_checksums(documents) if documents.exists() else {},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return folder


def restore(*, backup: Path, database: Database, documents: Path) -> dict:
    """Restore a backup folder into `database` (which must be empty) and `documents`, and
    check every document against the manifest. Returns the manifest."""
    backup = Path(backup)
    manifest = json.loads((backup / MANIFEST).read_text())
    documents = Path(documents)
    if documents.exists() and any(documents.iterdir()):
        raise BackupError(f"{documents} is not empty: restore documents into an empty folder.")
    if database.is_postgresql:
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--exit-on-error",
                *database.pg_arguments(),
                str(backup / "database.dump"),
            ],
            database,
        )
    else:
        if Path(database.name).exists():
            raise BackupError(f"{database.name} exists: restore into a new database file.")
        Path(database.name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(backup / "database.sqlite3", database.name)
    documents.mkdir(parents=True, exist_ok=True)
    with tarfile.open(backup / DOCUMENTS) as archive:
        archive.extractall(documents, filter="data")
    restored = document_checksums(documents)
    if restored != manifest["documents"]:
        missing = sorted(set(manifest["documents"]) - set(restored))
        changed = sorted(
            name
            for name in restored
            if manifest["documents"].get(name) not in (None, restored[name])
        )
        raise BackupError(
            f"Documents differ from the backup: missing {missing}, changed {changed}."
        )
    return manifest


def configured_database() -> Database:
    return Database.from_settings(connection.settings_dict)


def configured_documents() -> Path:
    return Path(settings.STORAGES["default"]["OPTIONS"]["location"])


def _run(command: list[str], database: Database) -> None:
    result = subprocess.run(  # noqa: S603 - fixed programs, arguments from settings
        command, env=database.pg_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")
