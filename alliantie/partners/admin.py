from django.contrib import admin

from alliantie.partners.models import Invitation, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
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
        "sent_at",
        "accepted_at",
        "accepted_by",
    ]
    exclude = ["token_hash"]

    def has_add_permission(self, request) -> bool:
        return False
