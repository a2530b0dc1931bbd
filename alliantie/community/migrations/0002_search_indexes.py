"""GIN indexes for Dutch full-text search in the community on PostgreSQL (core.search uses the same expressions)."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

POSTS = GinIndex(SearchVector("body", config="dutch"), name="community_post_search")
THREADS = GinIndex(SearchVector("title", config="dutch"), name="community_thread_search")


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("community", "Post"), POSTS)
        schema_editor.add_index(apps.get_model("community", "Thread"), THREADS)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("community", "Post"), POSTS)
        schema_editor.remove_index(apps.get_model("community", "Thread"), THREADS)


class Migration(migrations.Migration):
    dependencies = [("community", "0001_groups_threads_posts")]
    operations = [migrations.RunPython(add, remove)]
