"""The community's first groups: one per opgave (named after it, so "Een gezonde dag" is the group of that opgave), and
open topic groups for what the LinkedIn group was used for (seed 004): finding each other, and meetings and calls."""

from django.db import migrations

TOPICS = [
    ("kennismaken", "Kennismaken en partners vinden",
     "Stel uw organisatie voor, zoek partners voor een plan, of vraag wie al ervaring heeft met iets."),
    ("bijeenkomsten-en-oproepen", "Bijeenkomsten en oproepen",
     "Kondig een bijeenkomst aan, zoek deelnemers of deel een oproep van uw organisatie."),
]


def load(apps, schema_editor):
    Group = apps.get_model("community", "Group")
    for challenge in apps.get_model("core", "Challenge").objects.order_by("number"):
        Group.objects.get_or_create(
            slug=challenge.slug,
            defaults={
                "kind": "opgave",
                "name": challenge.name,
                "challenge": challenge,
                "description": challenge.description,
            },
        )
    for slug, name, description in TOPICS:
        Group.objects.get_or_create(slug=slug, defaults={"kind": "onderwerp", "name": name, "description": description})


def unload(apps, schema_editor):
    apps.get_model("community", "Group").objects.filter(threads__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("community", "0002_search_indexes"), ("core", "0002_reference_data")]
    operations = [migrations.RunPython(load, unload)]
