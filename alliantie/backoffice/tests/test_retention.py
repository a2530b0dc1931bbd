"""The retention job removes what is no longer needed, and running it twice changes nothing more."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from alliantie.backoffice.retention import apply_retention
from alliantie.core import audit
from alliantie.core.models import AuditEntry, BackgroundJob, OutboxMessage
from alliantie.core.tests.factories import make_service
from alliantie.socialmap.models import ErrorReport

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_old_personal_data_goes_and_recent_data_stays(personas, settings):
    member = personas.users["member"]
    long_ago = timezone.now() - timedelta(days=365 * settings.AUDIT_PERSONAL_DATA_YEARS + 1)
    with time_machine.travel(long_ago):
        old = audit.record(actor=member, action="invitation.created", target=member, email="oud@example.org", role="x")
        old_report = ErrorReport.objects.create(service=make_service(), message="x", reply_email="ouder@example.org")
        old_report.handled_at = timezone.now()
        old_report.save()
        OutboxMessage.objects.create(
            key="oud",
            kind="t",
            recipients=["a@example.org"],
            subject="s",
            body_text="geheim",
            message_id="<o@x>",
            status="sent",
            sent_at=timezone.now(),
        )
        BackgroundJob.objects.create(kind="t", title="oud", handler="alliantie.x", status="done")
        session = SessionStore()
        session.set_expiry(1)
        session.create()
    recent = audit.record(actor=member, action="invitation.created", target=member, email="nieuw@example.org")
    fresh_report = ErrorReport.objects.create(service=make_service(), message="y", reply_email="vers@example.org")

    summary = apply_retention()
    assert "auditregels" in summary
    old.refresh_from_db()
    assert old.actor is None and old.target_repr == "persoon" and "email" not in old.data
    recent.refresh_from_db()
    assert recent.actor == member and recent.data["email"] == "nieuw@example.org"
    assert ErrorReport.objects.get(pk=old_report.pk).reply_email == ""
    assert ErrorReport.objects.get(pk=fresh_report.pk).reply_email == "vers@example.org"
    assert not OutboxMessage.objects.filter(key="oud").exists()
    assert not BackgroundJob.objects.filter(title="oud").exists()
    assert apply_retention() == "niets te doen"
    assert AuditEntry.objects.count() == 2


def test_the_text_of_sent_mail_goes_after_a_month_but_waiting_mail_stays_whole():
    with time_machine.travel(timezone.now() - timedelta(days=40)):
        sent = OutboxMessage.objects.create(
            key="a",
            kind="t",
            recipients=["a@example.org"],
            subject="s",
            body_text="link",
            message_id="<a@x>",
            status="sent",
            sent_at=timezone.now(),
        )
        waiting = OutboxMessage.objects.create(
            key="b", kind="t", recipients=["b@example.org"], subject="s", body_text="link", message_id="<b@x>"
        )
    apply_retention()
    sent.refresh_from_db()
    waiting.refresh_from_db()
    assert sent.body_text == "" and sent.subject == "s"
    assert waiting.body_text == "link"
