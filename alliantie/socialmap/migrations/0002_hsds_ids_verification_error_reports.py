import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def give_ids(apps, schema_editor):
    for name in ("Provider", "Service", "Location"):
        model = apps.get_model("socialmap", name)
        rows = list(model.objects.only("pk"))
        for row in rows:
            row.hsds_id = uuid.uuid4()
        model.objects.bulk_update(rows, ["hsds_id"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("socialmap", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        *[
            migrations.AddField(
                model_name=name, name="hsds_id", field=models.UUIDField(null=True, editable=False, verbose_name="HSDS-id")
            )
            for name in ("provider", "service", "location")
        ],
        migrations.RunPython(give_ids, migrations.RunPython.noop),
        *[
            migrations.AlterField(
                model_name=name,
                name="hsds_id",
                field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="HSDS-id"),
            )
            for name in ("provider", "service", "location")
        ],
        migrations.AddField(
            model_name="service",
            name="verification_requested_on",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="om controle gevraagd op"),
        ),
        migrations.CreateModel(
            name="ErrorReport",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("message", models.TextField(max_length=1000, verbose_name="wat klopt er niet?")),
                ("reply_email", models.EmailField(blank=True, max_length=254, verbose_name="e-mailadres voor een antwoord")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("handled_at", models.DateTimeField(blank=True, null=True, verbose_name="afgehandeld op")),
                (
                    "handled_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="error_reports",
                        to="socialmap.service",
                        verbose_name="voorziening",
                    ),
                ),
            ],
            options={"verbose_name": "foutmelding", "verbose_name_plural": "foutmeldingen", "ordering": ["-created_at"]},
        ),
    ]
