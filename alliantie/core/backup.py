"""Backups: a consistent copy of the database while the platform keeps running (docs/production.md).

SQLite (the embedded default) is copied with its online backup API; PostgreSQL with pg_dump in its custom format,
which pg_restore reads back. Files (uploads, job results, report PDFs) are in MEDIA_ROOT and are copied apart."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    """Why a backup could not be made, in Dutch."""


def backup(target: Path) -> str:
    """Write a backup of the default database to `target`; returns what kind of backup it is."""
    target = target.resolve()
    if not target.parent.is_dir():
        raise BackupError(f"De map {target.parent} bestaat niet. Maak hem eerst, of kies een andere plek.")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return "sqlite"
    if connection.vendor == "postgresql":
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            raise BackupError("pg_dump is niet gevonden. Installeer de PostgreSQL-client (Debian: postgresql-client).")
        db = connection.settings_dict
        env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
        command = [pg_dump, "--format=custom", "--no-owner", "--file", str(target), "--dbname", db["NAME"]]
        for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
            if db.get(key):
                command += [option, str(db[key])]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - our own arguments
        if result.returncode != 0:
            raise BackupError(f"pg_dump gaf een fout: {result.stderr.strip()[-500:]}")
        return "postgresql"
    raise BackupError(f"Back-ups van een {connection.vendor}-database kan dit commando niet maken.")
