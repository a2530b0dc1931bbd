from django.contrib import admin
from django.contrib.admin import options
from django.db import models

from alliantie.core.forms import JSONField
from alliantie.core.models import (
    AuditEntry,
    Challenge,
    ChangeLine,
    Municipality,
    MunicipalityAlias,
    Province,
    Scope,
    Sector,
)

# Every admin form (this module is read before the other apps' admin modules) takes JSON through the field that
# limits nesting: Django's own answers deeply nested input with a server error.
options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.JSONField] = {"form_class": JSONField}


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


class MunicipalityAliasInline(admin.TabularInline):
    model = MunicipalityAlias
    extra = 1


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "province", "inhabitants"]
    list_filter = ["province"]
    search_fields = ["code", "name", "aliases__name"]
    list_select_related = ["province"]
    inlines = [MunicipalityAliasInline]


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "slug"]


@admin.register(ChangeLine)
class ChangeLineAdmin(admin.ModelAdmin):
    list_display = ["order", "name", "code", "horizon"]
    readonly_fields = ["code"]

    def has_add_permission(self, request) -> bool:
        return False  # the three lines drive rules in code; their texts are editable, their set is not

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["order", "name", "slug"]
    list_editable = ["name"]
    list_display_links = ["slug"]


@admin.register(Scope)
class ScopeAdmin(admin.ModelAdmin):
    list_display = ["order", "name", "code"]
    readonly_fields = ["code"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "target_repr"]
    list_filter = ["action"]
    search_fields = ["target_repr", "actor__email"]
    list_select_related = ["actor"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
