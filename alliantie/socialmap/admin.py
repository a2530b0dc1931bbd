from django.contrib import admin

from alliantie.socialmap.models import Location, Provider, Service


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "partner", "phone"]
    search_fields = ["name"]
    list_select_related = ["parent", "partner"]
    autocomplete_fields = ["parent", "partner", "area_municipalities"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "provider", "national", "status", "last_verified_on"]
    list_filter = ["status", "national", "referral_needed"]
    search_fields = ["name", "description", "provider__name"]
    list_select_related = ["provider"]
    autocomplete_fields = ["provider"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "provider"]
    search_fields = ["name", "city", "provider__name"]
    list_select_related = ["provider"]
    autocomplete_fields = ["provider", "municipality"]
    filter_horizontal = ["services"]
