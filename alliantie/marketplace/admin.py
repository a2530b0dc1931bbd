from django.contrib import admin

from alliantie.core import versions
from alliantie.core.admin import BumpsVersionsAdmin
from alliantie.marketplace.models import Introduction, Post, SynonymGroup


@admin.register(Post)
class PostAdmin(BumpsVersionsAdmin):
    list_display = ["title", "kind", "organisation", "status", "open_until", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "body", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation", "area_municipalities"]

    def versions_for(self, obj) -> tuple[str, ...]:
        return (versions.posts(obj.kind),)


@admin.register(SynonymGroup)
class SynonymGroupAdmin(BumpsVersionsAdmin):
    bumps_versions = (versions.SYNONYMS,)

    list_display = ["terms", "created_at"]
    search_fields = ["terms"]


@admin.register(Introduction)
class IntroductionAdmin(admin.ModelAdmin):
    list_display = ["post", "poster", "other", "status", "created_at", "answered_at"]
    list_filter = ["status"]
    list_select_related = ["post", "poster", "other"]
    raw_id_fields = ["post", "other_post", "poster", "other"]
