from django.contrib import admin

from topics.models import Membership, WorkingGroup


class MembershipInline(admin.TabularInline):
    model = Membership
    autocomplete_fields = ["person"]
    extra = 0


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "join_policy", "archived_at"]
    list_filter = ["join_policy"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
