from django.contrib import admin

from defus.admin import PortalModelAdmin, PortalTabularInline
from topics.models import Membership, WorkingGroup


class MembershipInline(PortalTabularInline):
    model = Membership
    raw_id_fields = ["person"]
    extra = 0


@admin.register(WorkingGroup)
class WorkingGroupAdmin(PortalModelAdmin):
    list_display = ["name", "join_policy", "archived_at"]
    list_filter = ["join_policy"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
