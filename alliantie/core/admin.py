from django.contrib import admin
from django.contrib.admin import options
from django.db import models, transaction

from alliantie.core import versions
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


class BumpsVersionsAdmin(admin.ModelAdmin):
    """An admin whose changes and deletions bump the data versions the model feeds (core/versions.py), so cached
    pages, figures and indexes follow an administrator's edit at once, like a change made through a service."""

    bumps_versions: tuple[str, ...] = (versions.PARTNERS,)

    def versions_for(self, obj) -> tuple[str, ...]:
        return self.bumps_versions

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        versions.bump(*self.versions_for(obj))

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        versions.bump(*self.versions_for(form.instance))

    def delete_model(self, request, obj) -> None:
        names = self.versions_for(obj)
        super().delete_model(request, obj)
        versions.bump(*names)

    @transaction.atomic
    def delete_queryset(self, request, queryset) -> None:
        names = {name for obj in queryset for name in self.versions_for(obj)}
        super().delete_queryset(request, queryset)
        versions.bump(*names)


@admin.register(Province)
class ProvinceAdmin(BumpsVersionsAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


class MunicipalityAliasInline(admin.TabularInline):
    model = MunicipalityAlias
    extra = 1


@admin.register(Municipality)
class MunicipalityAdmin(BumpsVersionsAdmin):
    list_display = ["code", "name", "province", "inhabitants"]
    list_filter = ["province"]
    search_fields = ["code", "name", "aliases__name"]
    list_select_related = ["province"]
    inlines = [MunicipalityAliasInline]


@admin.register(Challenge)
class ChallengeAdmin(BumpsVersionsAdmin):
    list_display = ["number", "name", "slug"]


@admin.register(ChangeLine)
class ChangeLineAdmin(BumpsVersionsAdmin):
    list_display = ["order", "name", "code", "horizon"]
    readonly_fields = ["code"]

    def has_add_permission(self, request) -> bool:
        return False  # the three lines drive rules in code; their texts are editable, their set is not

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Sector)
class SectorAdmin(BumpsVersionsAdmin):
    list_display = ["order", "name", "slug"]
    list_editable = ["name"]
    list_display_links = ["slug"]


@admin.register(Scope)
class ScopeAdmin(BumpsVersionsAdmin):
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
