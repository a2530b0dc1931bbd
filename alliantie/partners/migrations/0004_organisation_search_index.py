"""A GIN index for Dutch full-text search on PostgreSQL (core.search uses the same expression)."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX = GinIndex(SearchVector("name", "description", "city", config="dutch"), name="partners_organisation_search")


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("partners", "Organisation"), INDEX)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("partners", "Organisation"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("partners", "0003_pledge_text_2019")]
    operations = [migrations.RunPython(add, remove)]
