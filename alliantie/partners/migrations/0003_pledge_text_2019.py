"""The pledge's wording as partners have signed it since 2019 (three commitments and the monitoring promise)."""

import datetime

from django.db import migrations

TEXT = """Wij sluiten ons aan bij de Alliantie Kinderarmoede. Samen zorgen we dat in 2030 geen kind meer de dupe is van armoede, en dat er geen nieuwe gezinnen in armoede bij komen. Wij luisteren daarbij altijd naar de wensen van kinderen en gezinnen.
Wij beloven:
- Wij signaleren armoede, maken het bespreekbaar en weten welke andere organisaties we kunnen betrekken bij de oplossing.
- Wij doen wat in onze mogelijkheden ligt om de gevolgen van armoede, ook voor de gezondheid, op te lossen in gezinnen en bij aanstaande ouders.
- Wij werken actief samen en laten zien wat werkt.
Wij werken mee aan de (jaarlijkse) monitoring van onze activiteiten en van de voortgang van deze belofte.
Wij beschrijven onze concrete activiteiten en dragen minstens één nieuwe partner voor."""  # noqa: E501


def load(apps, schema_editor):
    apps.get_model("partners", "PledgeText").objects.create(
        version=1, title="Belofte van de Alliantie Kinderarmoede", text=TEXT, published_on=datetime.date(2019, 3, 26)
    )


def unload(apps, schema_editor):
    apps.get_model("partners", "PledgeText").objects.filter(version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("partners", "0002_application_and_pledge")]
    operations = [migrations.RunPython(load, unload)]
