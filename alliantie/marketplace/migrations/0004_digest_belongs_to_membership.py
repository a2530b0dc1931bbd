"""The weekly digest belongs to a membership, so it ends when the person leaves the organisation; introductions'
answer tokens are no longer stored (they are derived from the id with the secret key)."""

from django.db import migrations, models
import django.db.models.deletion


def attach_to_memberships(apps, schema_editor):
    DigestSubscription = apps.get_model("marketplace", "DigestSubscription")
    Membership = apps.get_model("partners", "Membership")
    for subscription in DigestSubscription.objects.all():
        membership = Membership.objects.filter(
            user_id=subscription.user_id, organisation_id=subscription.organisation_id
        ).first()
        if membership is None:
            subscription.delete()  # the person left: the subscription should have ended with the membership
        else:
            subscription.membership = membership
            subscription.save(update_fields=["membership"])


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0003_post_kind_index"),
        ("partners", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="digestsubscription",
            name="membership",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="digest",
                to="partners.membership",
            ),
        ),
        migrations.RunPython(attach_to_memberships, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="digestsubscription", name="one_digest_per_person"),
        migrations.RemoveField(model_name="digestsubscription", name="user"),
        migrations.RemoveField(model_name="digestsubscription", name="organisation"),
        migrations.AlterField(
            model_name="digestsubscription",
            name="membership",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE, related_name="digest", to="partners.membership"
            ),
        ),
        migrations.RemoveField(model_name="introduction", name="answer_token"),
    ]
