from django.contrib import admin

from alliantie.community.models import Group, Post, Removal, Thread


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    """For administrators; the team uses the community's own pages, which audit."""

    list_display = ["name", "kind", "thread_count", "post_count", "is_archived"]
    list_filter = ["kind", "is_archived"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["moderators"]


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "kind", "created_at", "reply_count"]
    list_filter = ["kind"]
    search_fields = ["title"]
    raw_id_fields = ["author", "answer", "knowledge_item"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["pk", "thread", "author", "status", "open_flags", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["thread", "author", "reply_to", "moderated_by"]


@admin.register(Removal)
class RemovalAdmin(admin.ModelAdmin):
    list_display = ["user", "removed_at", "lifted_at"]
    raw_id_fields = ["user", "removed_by", "lifted_by"]
