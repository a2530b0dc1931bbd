from django.contrib import admin

from alliantie.events.models import Event, Registration


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["name", "email", "organisation_name", "status", "attended_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """For administrators; the team uses the agenda's own pages, which mail and audit."""

    list_display = ["title", "kind", "starts_at", "status", "audience", "capacity"]
    list_filter = ["kind", "status", "audience"]
    search_fields = ["title", "slug"]
    readonly_fields = ["uid", "sequence", "created_by"]
    inlines = [RegistrationInline]
