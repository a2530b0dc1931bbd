from django.contrib import admin

from alliantie.core.admin import BumpsVersionsAdmin
from alliantie.partners.models import Invitation, Membership, Nomination, Organisation, Pledge, PledgeText


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(BumpsVersionsAdmin):
    list_display = ["name", "sector", "scope", "status", "joined_on"]
    list_filter = ["status", "sector", "scope"]
    search_fields = ["name", "kvk_number", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["municipality", "area_municipalities", "area_provinces"]
    list_select_related = ["sector", "scope"]
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at"]
    list_select_related = ["organisation"]
    readonly_fields = [
        "organisation",
        "email",
        "role",
        "invited_by",
        "created_at",
        "mail",
        "accepted_at",
        "accepted_by",
    ]
    exclude = ["token_hash"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["organisation_name", "nominated_by", "created_at", "joined_organisation"]
    list_select_related = ["nominated_by", "joined_organisation"]
    search_fields = ["organisation_name", "nominated_by__name"]
    exclude = ["token_hash"]
    readonly_fields = ["nominated_by", "nominated_by_user", "created_at"]


@admin.register(PledgeText)
class PledgeTextAdmin(admin.ModelAdmin):
    list_display = ["version", "title", "published_on"]

    def has_change_permission(self, request, obj=None) -> bool:
        # A text that was signed stays as it was; a new wording is a new version.
        return obj is None or not obj.pledges.exists()


@admin.register(Pledge)
class PledgeAdmin(BumpsVersionsAdmin):
    list_display = ["organisation", "signatory_name", "signed_at", "text_version"]
    list_select_related = ["organisation", "text_version"]
    search_fields = ["organisation__name", "signatory_name"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
