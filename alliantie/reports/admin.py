from django.contrib import admin

from alliantie.reports.models import RecruitmentCandidate, Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["title", "definition", "value", "period_start", "period_end", "public"]


@admin.register(RecruitmentCandidate)
class RecruitmentCandidateAdmin(admin.ModelAdmin):
    list_display = ["name", "challenge", "province", "status", "added_at"]
    list_filter = ["status"]
    raw_id_fields = ["organisation", "provider"]
