"""Invitation mail moves to the shared outbox (core.OutboxMessage), and the link tokens are no longer stored: they
are derived from the invitation's id with the secret key. Invitations already sent keep a record in the outbox, so
nobody is invited a second time; unsent ones are queued by the next run of `monitor_daily`."""

import django.db.models.deletion
from django.db import migrations, models


def record_sent_invitations(apps, schema_editor):
    Invitation = apps.get_model("monitoring", "Invitation")
    OutboxMessage = apps.get_model("core", "OutboxMessage")
    for invitation in Invitation.objects.filter(sent_at__isnull=False).select_related("round").iterator():
        message, _created = OutboxMessage.objects.get_or_create(
            key=f"monitor-invitation:{invitation.pk}",
            defaults={
                "kind": "monitor.invitation",
                "recipients": [],
                "subject": f"Monitor {invitation.round.year}",
                "body_text": "",
                "message_id": f"<monitor-invitation.{invitation.pk}@alliantie.invalid>",
                "status": "sent",
                "attempts": invitation.attempts or 1,
                "sent_at": invitation.sent_at,
            },
        )
        invitation.mail = message
        invitation.save(update_fields=["mail"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_rate_limits_and_cache_table"),
        ("monitoring", "0003_round_include_dormant"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="mail",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="core.outboxmessage"
            ),
        ),
        migrations.RunPython(record_sent_invitations, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="invitation", name="monitoring__round_i_cb17ec_idx"),
        migrations.RemoveField(model_name="invitation", name="attempts"),
        migrations.RemoveField(model_name="invitation", name="last_error"),
        migrations.RemoveField(model_name="invitation", name="next_attempt_at"),
        migrations.RemoveField(model_name="invitation", name="sent_at"),
        migrations.RemoveField(model_name="invitation", name="token"),
    ]
