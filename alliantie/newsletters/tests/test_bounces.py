"""Bounces: delivery status notifications (RFC 3464) read from a mailbox (`alliantie process_bounces`: a local Maildir
or IMAP) and sent to the webhook; a hard bounce holds the address at once, soft bounces after the threshold; a held
address gets no newsletter (its waiting copy is withdrawn); the team sees held addresses and why, and releases them."""

import mailbox as maildir
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from alliantie.core.models import OutboxMessage
from alliantie.newsletters import bounces, services
from alliantie.newsletters.models import AddressHold, Bounce
from alliantie.newsletters.selectors import recipients
from alliantie.newsletters.tests.dsn import AUTO_REPLY, dsn
from alliantie.newsletters.tests.helpers import make_edition, make_subscriber
from alliantie.newsletters.tests.imap_server import Mailbox as ImapMailbox

pytestmark = pytest.mark.django_db
WEBHOOK = reverse("newsletters:bounce-webhook")


def test_a_dsn_is_read_per_recipient_hard_soft_or_no_bounce():
    from email import message_from_bytes, policy

    def outcome(**kwargs):
        return bounces.parse_dsn(message_from_bytes(dsn("weg@example.org", **kwargs), policy=policy.default))

    assert outcome() == [
        bounces.Report(
            "weg@example.org",
            "hard",
            "5.1.1",
            "550 5.1.1 <weg@example.org>: Recipient address rejected: User unknown in virtual mailbox table",
        )
    ]
    assert outcome(status="4.2.2", action="delayed")[0].kind == "soft"
    assert outcome(status="5.2.2")[0].kind == "soft"  # a full mailbox
    assert outcome(status="2.0.0", action="delivered") == []
    assert bounces.parse_dsn(message_from_bytes(AUTO_REPLY, policy=policy.default)) == []


@pytest.mark.smoke
def test_process_bounces_reads_a_maildir_holds_a_hard_bounce_at_once_and_leaves_what_it_does_not_understand(tmp_path):
    subscriber = make_subscriber("weg@example.org")
    box = maildir.Maildir(tmp_path / "bounces", create=True)
    box.add(dsn("weg@example.org"))
    box.add(AUTO_REPLY)
    out = StringIO()
    call_command("process_bounces", "--maildir", str(tmp_path / "bounces"), stdout=out)
    assert "2 berichten gelezen, 1 bounces vastgelegd, 1 niet herkend" in out.getvalue()
    hold = AddressHold.objects.current().get()
    assert (hold.email, hold.reason) == ("weg@example.org", "hard") and "5.1.1" in hold.detail
    assert list(recipients(make_edition())) == []
    assert subscriber not in recipients(make_edition())
    left = list(maildir.Maildir(tmp_path / "bounces", create=False))
    assert len(left) == 1 and "S" in left[0].get_flags()  # the auto-reply stays, seen, for a person
    call_command("process_bounces", "--maildir", str(tmp_path / "bounces"), stdout=StringIO())
    assert Bounce.objects.count() == 1


def test_process_bounces_reads_an_imap_mailbox(settings):
    with ImapMailbox([dsn("vol@example.org", status="4.2.2", action="delayed"), AUTO_REPLY]) as imap:
        settings.BOUNCE_IMAP_HOST, settings.BOUNCE_IMAP_PORT = "127.0.0.1", imap.port
        settings.BOUNCE_IMAP_USER, settings.BOUNCE_IMAP_PASSWORD = "bounces", "geheim"
        outcome = bounces.process_imap(host="127.0.0.1", port=imap.port, user="bounces", password="geheim", ssl=False)
        assert (outcome.read, outcome.bounces, outcome.not_understood) == (2, 1, 1)
        assert len(imap.messages) == 1 and "\\Seen" in imap.messages[0]["flags"]  # the bounce was deleted
    assert Bounce.objects.get().kind == "soft" and not AddressHold.objects.exists()


def test_soft_bounces_hold_an_address_after_the_threshold(settings):
    settings.NEWSLETTER_SOFT_BOUNCE_LIMIT = 3
    for n in range(2):
        bounces.handle_message(dsn("vol@example.org", "4.2.2", "delayed", f"<d{n}@x>"), source="mailbox")
    assert not AddressHold.objects.exists()
    bounces.handle_message(dsn("vol@example.org", "4.2.2", "delayed", "<d2@x>"), source="mailbox")
    hold = AddressHold.objects.get()
    assert (hold.reason, hold.bounces) == ("soft", 3)


def test_a_hold_withdraws_the_waiting_newsletter(personas):
    subscriber = make_subscriber("weg@example.org")
    edition = make_edition(status="sending", number=1)
    OutboxMessage.objects.create(
        key=services.mail_key(edition.pk, subscriber.pk),
        kind=edition.mail_kind,
        recipients=[subscriber.email],
        subject="x",
        body_text="x",
        message_id="<h@x>",
    )
    bounces.handle_message(dsn("weg@example.org"), source="mailbox")
    assert OutboxMessage.objects.get().status == "cancelled"


def test_the_command_says_what_is_wrong(tmp_path):
    with pytest.raises(CommandError, match="Geen postbus ingesteld"):
        call_command("process_bounces")
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("process_bounces", "--maildir", str(tmp_path / "nergens"))


def test_the_webhook_takes_json_and_dsn_with_its_secret(settings):
    settings.BOUNCE_WEBHOOK_SECRET = "s3cr3t-webhook"
    auth = {"HTTP_AUTHORIZATION": "Bearer s3cr3t-webhook"}
    client = Client(enforce_csrf_checks=True)
    body = '[{"email": "weg@example.org", "type": "hard", "status": "5.1.1", "diagnostic": "no such user", "id": "e1"}]'
    response = client.post(WEBHOOK, body, content_type="application/json", **auth)
    assert response.status_code == 202 and response.json()["vastgelegd"] == 1
    assert client.post(WEBHOOK, body, content_type="application/json", **auth).json()["vastgelegd"] == 0  # again
    raw = client.post(WEBHOOK, dsn("ander@example.org"), content_type="message/rfc822", **auth)
    assert raw.status_code == 202
    head, _, report = dsn("derde@example.org", message_id="<d3@x>").partition(b"\r\n\r\n")
    boundary = 'multipart/report; report-type=delivery-status; boundary="GRENS"'
    assert client.post(WEBHOOK, report, content_type=boundary, **auth).json()["vastgelegd"] == 1
    assert set(AddressHold.objects.values_list("email", flat=True)) == {
        "weg@example.org",
        "ander@example.org",
        "derde@example.org",
    }


@pytest.mark.parametrize(
    ("headers", "body", "content_type", "status"),
    [
        ({}, "{}", "application/json", 401),
        ({"HTTP_AUTHORIZATION": "Bearer fout"}, "{}", "application/json", 401),
        ({"HTTP_AUTHORIZATION": "Basic s3cr3t-webhook"}, "{}", "application/json", 401),
        ({"HTTP_AUTHORIZATION": "Bearer s3cr3t-webhook"}, "{niet json", "application/json", 400),
        ({"HTTP_AUTHORIZATION": "Bearer s3cr3t-webhook"}, '{"email": "x", "type": "hard"}', "application/json", 400),
        (
            {"HTTP_AUTHORIZATION": "Bearer s3cr3t-webhook"},
            '{"email": "a@example.org", "type": "raar"}',
            "application/json",
            400,
        ),
        ({"HTTP_AUTHORIZATION": "Bearer s3cr3t-webhook"}, AUTO_REPLY.decode(), "message/rfc822", 400),
    ],
)
def test_the_webhook_refuses_bad_calls_and_records_nothing(settings, headers, body, content_type, status):
    settings.BOUNCE_WEBHOOK_SECRET = "s3cr3t-webhook"
    response = Client().post(WEBHOOK, body, content_type=content_type, **headers)
    assert response.status_code == status
    assert not Bounce.objects.exists()


def test_the_webhook_is_off_without_a_secret_and_takes_only_post(settings):
    settings.BOUNCE_WEBHOOK_SECRET = ""
    assert Client().post(WEBHOOK, "{}", content_type="application/json").status_code == 404
    assert Client().get(WEBHOOK).status_code == 405


def test_the_team_sees_held_addresses_and_why_and_releases_one(personas, django_assert_num_queries):
    bounces.handle_message(dsn("weg@example.org"), source="mailbox")
    team = personas.client("project_team")
    page = team.get(reverse("newsletters:holds")).content.decode()
    assert "weg@example.org" in page and "blijvende bounce" in page.lower() and "5.1.1" in page
    # 1-2 session and user; 3 the second factor's device; 4 count; 5 the holds; 6 their recent bounces
    with django_assert_num_queries(6):
        response = team.get(reverse("newsletters:holds"))
    assert response.status_code == 200
    for n in range(30):
        bounces.handle_message(dsn(f"weg{n}@example.org", message_id=f"<m{n}@x>"), source="mailbox")
    with django_assert_num_queries(6):
        response = team.get(reverse("newsletters:holds"))
    assert response.status_code == 200
    hold = AddressHold.objects.get(email="weg@example.org")
    assert personas.client("member").post(reverse("newsletters:hold-release", args=[hold.pk])).status_code == 403
    assert team.post(reverse("newsletters:hold-release", args=[hold.pk])).status_code == 302
    assert not AddressHold.objects.current().filter(email="weg@example.org").exists()
