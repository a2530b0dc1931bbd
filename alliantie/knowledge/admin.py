from django.contrib import admin

from alliantie.knowledge.models import Collection, Item


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    """For administrators to look things up; publishing, consent and withdrawal go through the kennisbank's pages,
    which keep the search index and the audit log in step."""

    list_display = ["title", "kind", "knowledge_source", "status", "visibility", "published_at"]
    list_filter = ["kind", "knowledge_source", "status", "visibility"]
    search_fields = ["title", "slug"]
    readonly_fields = ["status", "published_at", "published_by", "withdrawn_at", "withdrawn_by", "submitted_by"]


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["title", "slug"]
