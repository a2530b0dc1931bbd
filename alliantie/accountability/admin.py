from django.contrib import admin

from alliantie.accountability.models import ContactMoment


@admin.register(ContactMoment)
class ContactMomentAdmin(admin.ModelAdmin):
    list_display = ["organisation", "kind", "happened_on", "follow_up_on", "recorded_by"]
    list_filter = ["kind"]
    search_fields = ["organisation__name", "summary"]
    list_select_related = ["organisation", "recorded_by"]
    autocomplete_fields = ["organisation"]
    date_hierarchy = "happened_on"
