"""Backups: a dump of the demo alliance, restored into a fresh database, is served by the platform with the same
counts; the embedded SQLite is copied with its online backup."""

import sqlite3
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from alliantie.partners.models import Organisation


@pytest.mark.servers
def test_a_postgresql_dump_of_the_demo_restores_into_a_fresh_database_that_serves_the_same_counts(
    reference_data, tmp_path, mailbox
):
    from alliantie.core.tests.servers import VENV_BIN, database_url, free_port, server_environment, wait_until_up
    from alliantie.core.tests.test_faults import pg_tool

    call_command("demo", "--scale", "1", "--seed", "7", stdout=open("/dev/null", "w"))  # noqa: SIM115
    partners = Organisation.objects.partners().count()
    assert partners > 100
    dump = tmp_path / "alliantie.dump"
    call_command("backup", str(dump), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert dump.stat().st_size > 100_000

    fresh = f"restore_{free_port()}"
    source = database_url()
    base = source.rsplit("/", 1)[0]
    psql = pg_tool("psql")
    subprocess.run([psql, "-q", "-d", f"{base}/postgres", "-c", f"CREATE DATABASE {fresh}"], check=True)
    gunicorn = None
    try:
        restored = subprocess.run(
            [pg_tool("pg_restore"), "--no-owner", "--dbname", f"{base}/{fresh}", str(dump)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert restored.returncode == 0, restored.stderr[-2000:]
        env = server_environment(mailbox.port, tmp_path, DATABASE_URL=f"{base}/{fresh}", REDIS_URL="")
        port = free_port()
        gunicorn = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "alliantie.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_up(port, gunicorn, "gunicorn op de teruggezette database")
        import json
        import urllib.request

        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/organisaties?pageSize=1") as response:
            served = json.loads(response.read())
        assert served["count"] == partners
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=20)
        subprocess.run([psql, "-q", "-d", f"{base}/postgres", "-c", f"DROP DATABASE IF EXISTS {fresh}"], check=False)


@pytest.mark.smoke
@pytest.mark.django_db(transaction=True)
def test_the_embedded_database_is_copied_with_the_online_backup(tmp_path, reference_data):
    if connection.vendor != "sqlite":
        from alliantie.core.tests.factories import make_organisation

        make_organisation(name="Eén partner")
        call_command("backup", str(tmp_path / "pg.dump"), stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert (tmp_path / "pg.dump").read_bytes().startswith(b"PGDMP")
        return
    from alliantie.core.tests.factories import make_organisation

    make_organisation(name="Eén partner")
    target = tmp_path / "kopie.sqlite3"
    call_command("backup", str(target), stdout=open("/dev/null", "w"))  # noqa: SIM115
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT name FROM partners_organisation").fetchall() == [("Eén partner",)]


def test_a_backup_into_a_folder_that_does_not_exist_is_refused_in_dutch(db):
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("backup", "/bestaat/niet/kopie.dump")
