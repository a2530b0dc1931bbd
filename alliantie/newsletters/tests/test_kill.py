"""An edition to 40 subscribers is sent by a real background worker (`alliantie db_worker`, production settings) to a
real SMTP server that holds the thirteenth message; the worker is killed with SIGKILL in the middle of sending it. The
periodic safety net sends what is left, and every subscriber gets exactly one copy (one outbox key and one Message-ID
each), with its headers."""

import signal
import subprocess
import time

import pytest

from alliantie.core.models import OutboxMessage
from alliantie.core.tests.servers import VENV_BIN, server_environment
from alliantie.core.tests.test_faults import HoldingMailbox
from alliantie.newsletters import services
from alliantie.newsletters.models import Block, Edition
from alliantie.newsletters.tests.helpers import make_edition, make_subscriber

READERS = 40


@pytest.mark.servers
def test_a_worker_killed_halfway_through_an_edition_leaves_everyone_exactly_one_copy(live_personas, settings, tmp_path):
    box = HoldingMailbox(hold_at=13)
    box.start()
    worker = None
    try:
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        settings.NEWSLETTER_MAX_PER_MINUTE = 0  # no pacing: the outbox sends as fast as the mail server takes them
        readers = [make_subscriber(f"lezer{n:02d}@example.org") for n in range(READERS)]
        make_subscriber("nog-niet-bevestigd@example.org", active=False)
        team, admin = live_personas.users["project_team"], live_personas.users["administrator"]
        edition = make_edition(created_by=team, title="Nieuwsbrief april")
        Block.objects.create(edition=edition, position=1, kind="free", title="Ontbijt op school", body="Lees meer.")
        services.submit_edition(edition=edition, submitted_by=team, scheduled_for=None)
        services.confirm_edition(edition=edition, confirmed_by=admin)  # the job waits for the worker
        env = server_environment(box.port, tmp_path, NEWSLETTER_MAX_PER_MINUTE="0", NEWSLETTER_QUEUE_CHUNK="7")
        log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 - closed with the process
        worker = subprocess.Popen(
            [str(VENV_BIN / "alliantie"), "db_worker", "--interval", "0.2", "--no-startup-delay"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        # The worker is in the middle of sending the thirteenth message when it dies.
        assert box.holding.wait(timeout=90), (tmp_path / "worker.log").read_text()[-3000:]
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=20)
        time.sleep(0.3)  # the server notices the connection is gone
        box.release.set()
        assert len(box.messages) == 12
        assert Edition.objects.get().queued == READERS  # queued in chunks of 7 before the kill

        # The killed worker's task never finishes; the periodic safety net sends what is left.
        subprocess.run(
            [str(VENV_BIN / "alliantie"), "run_periodic", "--job", "uitgaande-mail", "--force"],
            env=env,
            check=True,
            capture_output=True,
        )
        received = sorted(m["To"] for m in box.messages)
        assert received == sorted(r.email for r in readers)  # each once, nobody else
        assert len({m["Message-ID"] for m in box.messages}) == READERS
        assert all(m["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" for m in box.messages)
        assert all("/nieuwsbrief/afmelden/" in m["List-Unsubscribe"] for m in box.messages)
        assert OutboxMessage.objects.filter(kind=f"newsletter:{edition.pk}", status="sent").count() == READERS
        assert Edition.objects.get().status == "sent"
    finally:
        if worker is not None and worker.poll() is None:
            worker.kill()
        box.stop()
