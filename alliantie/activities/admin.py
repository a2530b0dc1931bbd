from django.contrib import admin

from alliantie.activities.models import Activity, ProgressUpdate
from alliantie.core.admin import BumpsVersionsAdmin


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    extra = 0


@admin.register(Activity)
class ActivityAdmin(BumpsVersionsAdmin):
    list_display = ["title", "organisation", "change_line", "involvement", "starts_on", "ends_on"]
    list_filter = ["change_line", "involvement", "challenges"]
    search_fields = ["title", "organisation__name"]
    list_select_related = ["organisation", "change_line"]
    autocomplete_fields = ["organisation", "municipalities", "co_partners"]
    inlines = [ProgressUpdateInline]
