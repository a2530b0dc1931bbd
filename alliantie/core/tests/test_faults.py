"""Faults: PostgreSQL restarted while partners save their monitor answers, the background worker killed halfway
through sending, the shared cache (Redis) gone, and the mail server down during the weekly digest. Nothing is lost
or half-written, nothing is sent twice, and every refusal says in Dutch to try again."""

import asyncio
import glob
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import connection
from django.test import TestCase
from django.urls import reverse

from alliantie.conftest import Mailbox
from alliantie.core import mail
from alliantie.core.models import OutboxMessage
from alliantie.core.tests.factories import (
    PASSWORD,
    make_invitation,
    make_membership,
    make_organisation,
    make_round,
    make_user,
)
from alliantie.core.tests.servers import VENV_BIN, Visitor, free_port, server_environment, wait_until_up
from alliantie.partners.models import Membership

ANSWERERS = 3


def pg_bin() -> Path:
    """The folder with PostgreSQL's server programs (Debian keeps them out of PATH)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    pytest.fail("PostgreSQL (pg_ctl) is niet geïnstalleerd: `make test` installeert het.")


def pg_tool(name: str) -> str:
    """A PostgreSQL client program (psql, pg_dump, pg_restore): on PATH, or beside the server programs."""
    return shutil.which(name) or str(pg_bin() / name)


class Cluster:
    """A PostgreSQL of the test's own, so it can be restarted without disturbing the rest of the suite."""

    def __init__(self) -> None:
        self.bin = pg_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="alliantie-fault-pg-"))
        self.port = free_port()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")

    def run(self, *args: str) -> None:
        # No pipes: a server started by pg_ctl would inherit them and keep this call waiting for their end.
        subprocess.run(
            [*self.as_postgres, *args],
            check=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.dir / "data"),
            "-l",
            str(self.dir / "log"),
            "-w",
            "start",
            "-o",
            options,
        )

    def create(self) -> None:
        self.run(
            str(self.bin / "initdb"),
            "-D",
            str(self.dir / "data"),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        self.start()

    def restart(self) -> None:
        self.run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.dir / "data"),
            "-l",
            str(self.dir / "log"),
            "-m",
            "fast",
            "-w",
            "restart",
        )

    def stop(self) -> None:
        subprocess.run(
            [
                *self.as_postgres,
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.dir / "data"),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
            capture_output=True,
        )
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, name: str = "alliantie") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def copy_of(self, source_url: str) -> str:
        """The test database, copied in (schema and data), faster than migrating."""
        psql, pg_dump = pg_tool("psql"), pg_tool("pg_dump")
        subprocess.run([str(psql), "-q", "-d", self.url("postgres"), "-c", "CREATE DATABASE alliantie"], check=True)
        dump = subprocess.run([str(pg_dump), "--no-owner", "-d", source_url], check=True, capture_output=True)
        subprocess.run(
            [str(psql), "-q", "-d", self.url(), "-v", "ON_ERROR_STOP=1"],
            input=dump.stdout,
            check=True,
            capture_output=True,
        )
        return self.url()


@pytest.mark.servers
def test_postgresql_restarted_while_partners_save_answers_loses_nothing_and_the_app_recovers(
    live_personas, mailbox, tmp_path
):
    from alliantie.core.tests.servers import database_url

    monitor_round = make_round()
    answer_field = monitor_round.questionnaire.sections.get(position=1).questions.get(key="belofte-hoe").field_name
    people = []
    for n in range(ANSWERERS):
        organisation = make_organisation(name=f"Partner {n}")
        user = make_user(email=f"antwoorder{n}@example.org")
        user.password = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
        user.save(update_fields=["password"])
        make_membership(user, organisation, Membership.Role.CONTACT)
        people.append((user, make_invitation(monitor_round, organisation)))

    cluster = Cluster()
    cluster.create()
    gunicorn = None
    try:
        env = server_environment(
            mailbox.port, tmp_path, DATABASE_URL=cluster.copy_of(database_url()), CONN_MAX_AGE="60"
        )
        port = free_port()
        log = open(tmp_path / "app.log", "w")  # noqa: SIM115 - closed with the process
        gunicorn = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "alliantie.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_until_up(port, gunicorn, "gunicorn")
        statuses: list[int] = []
        saved: dict[int, list[int]] = {}
        stop = threading.Event()

        def answer(index: int, user, invitation) -> None:
            browser = Visitor(f"http://127.0.0.1:{port}")
            while browser.log_in(user.email, PASSWORD).status != 302:
                time.sleep(0.2)
            path = f"/monitor/antwoorden/{invitation.token}/"
            attempt = 0
            while not stop.is_set():
                attempt += 1
                page = browser.get(path)
                if page.status != 200:
                    statuses.append(page.status)
                    time.sleep(0.1)
                    continue
                revision = re.search(r'name="revision" value="(\d+)"', page.text).group(1)
                result = browser.post(path, {"revision": revision, answer_field: f"poging {attempt}"})
                statuses.append(result.status)
                if result.status == 503:
                    assert "Probeer het over een minuut opnieuw" in result.text
                if result.status == 302:
                    saved.setdefault(index, []).append(attempt)

        threads = [threading.Thread(target=answer, args=(i, u, inv)) for i, (u, inv) in enumerate(people)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        cluster.restart()
        time.sleep(4)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

        assert 500 not in statuses, (tmp_path / "app.log").read_text()[-3000:]
        assert set(statuses) <= {200, 302, 409, 503}
        assert all(saved.get(i) for i in range(ANSWERERS))
        # After the restart, without restarting gunicorn, saving works again (fresh connections).
        assert statuses[-ANSWERERS * 3 :].count(302) >= 1
        # Nothing half-written: each response holds exactly one answer to the question, from one whole save.
        import psycopg

        with psycopg.connect(cluster.url()) as db:
            rows = db.execute(
                "SELECT r.organisation_id, r.revision, count(a.id), max(a.text) FROM monitoring_response r "
                "JOIN monitoring_answer a ON a.response_id = r.id GROUP BY r.id"
            ).fetchall()
        assert len(rows) == ANSWERERS
        for _organisation, revision, answers, text in rows:
            assert answers == 1 and text.startswith("poging ") and revision >= 1
    finally:
        if gunicorn is not None:
            gunicorn.send_signal(signal.SIGTERM)
            gunicorn.wait(timeout=20)
        cluster.stop()
        connection.close()


class HoldingMailbox(Mailbox):
    """A mail server that holds the transaction of message number `hold_at` until released, and, like a real one,
    keeps only messages whose sender is still there when it answers."""

    def __init__(self, hold_at: int) -> None:
        super().__init__()
        self.hold_at = hold_at
        self.holding = threading.Event()
        self.release = threading.Event()

    def start(self) -> None:
        from email import message_from_bytes, policy

        from aiosmtpd.controller import Controller

        mailbox = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
                if len(mailbox.messages) + 1 == mailbox.hold_at and not mailbox.release.is_set():
                    mailbox.holding.set()
                    while not mailbox.release.is_set():
                        await asyncio.sleep(0.02)
                if server.transport is None or server.transport.is_closing():
                    return "421 Verbinding verbroken"
                mailbox.messages.append(message_from_bytes(envelope.content, policy=policy.default))
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()


@pytest.mark.servers
def test_a_worker_killed_halfway_through_sending_leaves_the_rest_for_the_next_run_and_nobody_gets_two(
    live_personas, settings, tmp_path
):
    box = HoldingMailbox(hold_at=7)
    box.start()
    try:
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        for n in range(24):
            mail.queue_mail(
                key=f"kill:{n}", kind="test", to=[f"ontvanger{n}@example.org"], subject=f"Bericht {n}", body="x"
            )
        env = server_environment(box.port, tmp_path)
        log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 - closed with the process
        worker = subprocess.Popen(
            [str(VENV_BIN / "alliantie"), "db_worker", "--interval", "0.2", "--no-startup-delay"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        # The worker is in the middle of sending the seventh message when it dies.
        assert box.holding.wait(timeout=60), (tmp_path / "worker.log").read_text()[-3000:]
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=20)
        time.sleep(0.3)  # the server notices the connection is gone
        box.release.set()
        assert len(box.messages) == 6
        # The killed worker's task never finishes; the periodic safety net sends what is left.
        subprocess.run(
            [str(VENV_BIN / "alliantie"), "run_periodic", "--job", "uitgaande-mail", "--force"],
            env=env,
            check=True,
            capture_output=True,
        )
        recipients = [m["To"] for m in box.messages]
        assert sorted(recipients) == sorted(f"ontvanger{n}@example.org" for n in range(24))
        assert len({m["Message-ID"] for m in box.messages}) == 24
        assert OutboxMessage.objects.filter(kind="test", status="sent").count() == 24
    finally:
        box.stop()


@pytest.mark.django_db
def test_without_the_shared_cache_pages_work_and_limited_writes_say_to_try_again(personas, settings):
    from alliantie.core.tests.factories import make_service
    from alliantie.socialmap.models import ErrorReport

    service = make_service(partner=personas.organisation, name="Kindpakket")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens here
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    visitor = personas.client("anonymous")
    assert visitor.get(reverse("partners:directory")).status_code == 200
    assert visitor.get(reverse("socialmap:find"), {"waar": "Zoetermeer"}).status_code == 200
    assert visitor.get("/api/v1/opgaven").status_code == 200
    refused = visitor.post(reverse("socialmap:report-error", args=[service.slug]), {"message": "Klopt niet."})
    assert refused.status_code == 429 and "Dit kan op dit moment even niet" in refused.content.decode()
    assert not ErrorReport.objects.exists()
    # Logging in still works: the throttle per address and account lives in the database.
    login = personas.client("anonymous").post(
        reverse("accounts:login"), {"username": personas.users["member"].email, "password": PASSWORD}
    )
    assert login.status_code == 302


@pytest.mark.django_db
def test_the_mail_server_down_during_the_digest_loses_nothing_and_sends_once_later(personas, mailbox):
    import time_machine
    from django.utils import timezone

    from alliantie.core.tests.factories import make_post
    from alliantie.marketplace.services import send_digests, set_digest

    set_digest(user=personas.users["contact"], organisation=personas.organisation, wanted=True)
    personas.organisation.description = "Wij zorgen voor ontbijt op school."
    personas.organisation.save()
    make_post(personas.other_organisation, kind="offer", title="Schoolontbijt", body="Ontbijt voor scholen.")
    mailbox.stop()
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert send_digests() == 1
    assert mailbox.messages == []
    assert OutboxMessage.objects.get(kind="marketplace.digest").status == "waiting"
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert send_digests() == 0  # not queued twice
    mailbox.start()
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        assert mailbox.deliver() == 1
        assert mailbox.deliver() == 0
    assert [m["To"] for m in mailbox.messages] == ["contact@example.org"]
