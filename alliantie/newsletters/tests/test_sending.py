"""Sending an edition: through the shared outbox with one message per subscriber (key per edition and subscriber),
paced, to the segment only, never to unconfirmed, unsubscribed, held addresses or addresses without consent; plain
text and HTML, the personal links and the unsubscribe headers of RFC 8058; no images, no tracking; resumable without
a second copy."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import TestCase
from django.utils import timezone

from alliantie.core import consent, mail
from alliantie.core.models import BackgroundJob, Challenge, OutboxMessage, Province
from alliantie.newsletters import jobs, rendering, services
from alliantie.newsletters.models import AddressHold, Block, Edition
from alliantie.newsletters.tests.helpers import make_edition, make_subscriber

pytestmark = pytest.mark.django_db


def send_now(edition, user):
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.submit_edition(edition=edition, submitted_by=user, scheduled_for=None)
    edition.refresh_from_db()
    return edition


def segmented(user, **overrides):
    edition = make_edition(created_by=user, **overrides)
    edition.challenges.set([Challenge.objects.get(slug="een-gezonde-dag")])
    Block.objects.create(
        edition=edition,
        position=1,
        kind="free",
        title="Ontbijt op school",
        body="Lees meer.",
        url="https://alliantie.example.org/kennisbank/ontbijt/",
    )
    return edition


@pytest.mark.smoke
def test_every_subscriber_in_the_segment_gets_one_copy_with_both_parts_and_the_unsubscribe_headers(
    personas, mailbox, settings
):
    settings.SITE_URL = "https://alliantie.example.org"
    gezond = Challenge.objects.get(slug="een-gezonde-dag")
    wanted = [make_subscriber("gezond@example.org", challenges=[gezond]), make_subscriber("alles@example.org")]
    make_subscriber("ander@example.org", challenges=[Challenge.objects.get(slug="meedoen")])
    make_subscriber("wacht@example.org", active=False)
    gone = make_subscriber("weg@example.org", challenges=[gezond])
    services.unsubscribe(subscriber=gone, how="test")
    make_subscriber("vol@example.org")
    AddressHold.objects.create(email="vol@example.org", reason="hard")
    no_consent = make_subscriber("zonder@example.org")
    consent.withdraw(email=no_consent.email, purpose="newsletter", how="test")

    edition = send_now(segmented(personas.users["project_team"]), personas.users["project_team"])
    assert edition.status == "sent" and edition.number == 1 and edition.queued == 2
    received = sorted(m["To"] for m in mailbox.messages)
    assert received == ["alles@example.org", "gezond@example.org"]
    message = next(m for m in mailbox.messages if m["To"] == "gezond@example.org")
    subscriber = wanted[0]
    token = re.escape(f"{subscriber.pk}-")
    one_click = message["List-Unsubscribe"].strip()  # the header may be folded onto its own line
    assert re.fullmatch(rf"<https://alliantie\.example\.org/nieuwsbrief/afmelden/{token}[0-9a-f]+/>", one_click)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "nieuwsbrief.alliantie.example.org" in message["List-Id"]
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    for body in (text, html):
        assert "Ontbijt op school" in body and "/nieuwsbrief/voorkeuren/" in body
        assert one_click[1:-1] in body
        assert "/nieuwsbrief/archief/1/" in body
    assert "<img" not in html.lower() and "@@" not in html + text  # no pixel, no marker left
    assert set(re.findall(r'href="([^"]+)"', html)) <= {
        "https://alliantie.example.org/kennisbank/ontbijt/",
        "https://alliantie.example.org/nieuwsbrief/archief/1/",
        one_click[1:-1],
        one_click[1:-1].replace("/afmelden/", "/voorkeuren/"),
    }  # links go straight to the page: no redirect that counts clicks
    assert OutboxMessage.objects.filter(kind=edition.mail_kind, priority=mail.Priority.BULK).count() == 2


def test_queueing_again_after_a_crash_makes_no_second_copy(personas, mailbox, settings):
    team = personas.users["project_team"]
    subscribers = [make_subscriber() for _ in range(7)]
    edition = make_edition(created_by=team, status="sending", number=1, send_started_at=timezone.now())
    Block.objects.create(edition=edition, position=1, kind="free", title="Eén bericht")
    rendered = rendering.render_edition(edition, list(edition.blocks.all()))
    settings.NEWSLETTER_QUEUE_CHUNK = 3
    assert jobs.queue_chunk(edition.pk, rendered) == 3  # the first chunk committed, then the job "died"
    edition.refresh_from_db()
    assert (edition.queued, edition.queued_up_to) == (3, subscribers[2].pk)
    # Someone queued the first three again by hand: the keys keep the first messages.
    again = [
        mail.build_mail(
            key=services.mail_key(edition.pk, s.pk), kind=edition.mail_kind, to=[s.email], subject="x", body="x"
        )
        for s in subscribers[:3]
    ]
    mail.queue_many(again)
    job = BackgroundJob.objects.create(kind="newsletter", title="t", handler="x", params={"edition_id": edition.pk})
    jobs.queue_edition(job, lambda *a, **k: None)  # the restarted job resumes after the third
    assert OutboxMessage.objects.filter(kind=edition.mail_kind).count() == 7
    mailbox.deliver()
    assert sorted(m["To"] for m in mailbox.messages) == sorted(s.email for s in subscribers)
    edition.refresh_from_db()
    assert edition.status == "sent" and edition.queued == 7


def test_messages_are_paced_and_personal_mail_goes_first(personas, mailbox, settings):
    settings.NEWSLETTER_MAX_PER_MINUTE, settings.NEWSLETTER_BATCH_SIZE = 60, 2  # two every two seconds
    for _ in range(5):
        make_subscriber()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        edition = send_now(segmented(personas.users["project_team"], title="Gepaced"), personas.users["project_team"])
        edition.challenges.clear()
        moments = sorted(OutboxMessage.objects.filter(kind=edition.mail_kind).values_list("next_attempt_at", flat=True))
        assert [round((m - start).total_seconds()) for m in moments] == [0, 0, 2, 2, 4]
        assert len(mailbox.messages) == 2  # only what was due went out
        mail.queue_mail(
            key="login",
            kind="t",
            to=["iemand@example.org"],
            subject="Inloggen",
            body="x",
            priority=mail.Priority.PERSONAL,
        )
    with time_machine.travel(start + timedelta(seconds=5), tick=False):
        mail.deliver_due()
    subjects = [m["Subject"] for m in mailbox.messages]
    assert subjects[2] == "Inloggen" and len(subjects) == 6


def test_an_edition_stopped_while_sending_sends_nothing_more(personas, mailbox, settings):
    settings.NEWSLETTER_MAX_PER_MINUTE, settings.NEWSLETTER_BATCH_SIZE = 60, 1
    for _ in range(4):
        make_subscriber()
    team = personas.users["project_team"]
    edition = segmented(team, status="sending", number=1, send_started_at=timezone.now())
    edition.challenges.clear()
    rendered = rendering.render_edition(edition, list(edition.blocks.all()))
    assert jobs.queue_chunk(edition.pk, rendered) == 4
    mail.deliver_due()
    assert len(mailbox.messages) == 1  # the others wait for their moment
    services.cancel_edition(edition=edition, cancelled_by=team)
    assert jobs.queue_chunk(edition.pk, rendered) is None  # a job still running stops
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        mail.deliver_due()
    assert len(mailbox.messages) == 1
    assert OutboxMessage.objects.filter(kind=edition.mail_kind, status="cancelled").count() == 3
    assert Edition.objects.get().status == "cancelled"


def test_a_test_goes_only_to_the_team_member_and_its_links_do_nothing(personas, mailbox):
    make_subscriber()
    team = personas.users["project_team"]
    edition = segmented(team)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.send_test(edition=edition, to=team)
    assert [m["To"] for m in mailbox.messages] == ["team@example.org"]
    assert mailbox.messages[0]["Subject"].startswith("[Test]")
    assert "/nieuwsbrief/afmelden/test/" in mailbox.body()
    assert Edition.objects.get().status == "draft"


def test_a_province_segment_with_strict_reaches_only_who_chose_it(personas):
    from alliantie.newsletters.selectors import recipients

    utrecht = Province.objects.get(code="PV26")
    chose = make_subscriber(provinces=[utrecht])
    make_subscriber()  # chose no province
    edition = make_edition(created_by=personas.users["project_team"])
    edition.provinces.set([utrecht])
    assert recipients(edition).count() == 2
    edition.strict = True
    assert list(recipients(edition)) == [chose]
