"""The newsletter at national scale: the time to queue one edition for 50,000 recipients, and the rate at which the
outbox sends it to a local SMTP server (messages per second).

Run by `make bench` against the scale-50 database after the page timings (no background worker may run meanwhile: it
would send the messages this script times). It tops the demo's active subscribers up to `--recipients` with
subscribers of its own, composes an edition from the platform's proposals, has two team members confirm it, and runs
the sending job in this process (as the worker would, without pacing: NEWSLETTER_MAX_PER_MINUTE=0). Then it starts an
SMTP server that accepts and discards everything (aiosmtpd's Sink, in its own process) and lets the outbox deliver
`--send` of the queued messages, one per transaction with its row lock, as in production."""

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=50_000)
    parser.add_argument("--send", type=int, default=5_000, help="messages to deliver for the sending rate")
    args = parser.parse_args()
    port = free_port()
    os.environ.update(
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        NEWSLETTER_MAX_PER_MINUTE="0",
        MAIL_MAX_PER_SECOND="0",
        DJANGO_SETTINGS_MODULE=os.environ.get("DJANGO_SETTINGS_MODULE", "alliantie.settings"),
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from alliantie.accounts.models import User
    from alliantie.core import jobs, mail
    from alliantie.core.models import OutboxMessage, PersonalConsent
    from alliantie.newsletters import services
    from alliantie.newsletters.models import Edition, Subscriber

    active = Subscriber.objects.active().count()
    missing = max(0, args.recipients - active)
    now = timezone.now()
    with transaction.atomic():
        Subscriber.objects.bulk_create(
            [Subscriber(email=f"bench{n:06d}@example.org", confirmed_at=now) for n in range(missing)], batch_size=5000
        )
        PersonalConsent.objects.bulk_create(
            [
                PersonalConsent(
                    email=f"bench{n:06d}@example.org",
                    purpose="newsletter",
                    text=services.CONSENT_TEXT,
                    method="import",
                    confirmed_at=now,
                )
                for n in range(missing)
            ],
            batch_size=5000,
        )
    team = User.objects.get(email="projectteam@example.org")
    second = User.objects.get(email="beheerder@example.org")

    started = time.perf_counter()
    edition = services.create_edition(
        title="Benchmark: nieuwsbrief voor iedereen", intro="Beste lezer,", created_by=team
    )
    composed = time.perf_counter() - started
    services.submit_edition(edition=edition, submitted_by=team, scheduled_for=None)
    services.confirm_edition(edition=edition, confirmed_by=second)
    edition.refresh_from_db()
    started = time.perf_counter()
    jobs.run(str(edition.job_id))
    queued_in = time.perf_counter() - started
    edition.refresh_from_db()
    queued = OutboxMessage.objects.filter(kind=edition.mail_kind).count()

    server = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink", "-l", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        started = time.perf_counter()
        run = mail.deliver_due(limit=args.send)
        sent_in = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()

    report = {
        "when": datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "recipients": edition.queued,
        "queued_messages": queued,
        "compose_seconds": round(composed, 3),
        "queue_seconds": round(queued_in, 2),
        "queued_per_second": round(edition.queued / queued_in, 1),
        "sent": run.sent,
        "send_seconds": round(sent_in, 2),
        "sent_per_second": round(run.sent / sent_in, 1) if sent_in else None,
        "edition_status": Edition.objects.get(pk=edition.pk).status,
    }
    print(f"nieuwsbrief: editie samengesteld in {composed:.2f} s")
    print(
        f"nieuwsbrief: {edition.queued} ontvangers in de wachtrij in {queued_in:.1f} s "
        f"({report['queued_per_second']} per seconde)"
    )
    print(f"nieuwsbrief: {run.sent} berichten verstuurd in {sent_in:.1f} s ({report['sent_per_second']} per seconde)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    for path in (RESULTS / f"newsletter-{report['when']}.json", RESULTS / "newsletter-latest.json"):
        path.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
