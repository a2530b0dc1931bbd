from django.contrib import admin

from alliantie.localalliances.models import AllianceRequest, Coordinator, LocalAlliance, Member, PhaseStep


class CoordinatorInline(admin.TabularInline):
    model = Coordinator
    extra = 0
    fields = ["user", "since"]
    readonly_fields = fields
    can_delete = False


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    fields = ["organisation", "joined_on", "contribution"]
    readonly_fields = fields
    can_delete = False


class PhaseInline(admin.TabularInline):
    model = PhaseStep
    extra = 0
    fields = ["phase", "started_on", "note"]
    readonly_fields = fields
    can_delete = False


@admin.register(LocalAlliance)
class LocalAllianceAdmin(admin.ModelAdmin):
    """For administrators; the team and coordinators use the alliances' own pages, which audit and mail. The pool of
    ervaringsdeskundigen is left out on purpose: only its owners change it, and the team sees it on its own page."""

    list_display = ["name", "phase", "ended_on", "created_at"]
    list_filter = ["phase"]
    search_fields = ["name", "slug"]
    readonly_fields = ["created_by", "created_at"]
    filter_horizontal = ["municipalities"]
    inlines = [CoordinatorInline, MemberInline, PhaseInline]


@admin.register(AllianceRequest)
class AllianceRequestAdmin(admin.ModelAdmin):
    list_display = ["pk", "organisation_name", "status", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["handled_by", "handled_at", "alliance", "created_at"]
