from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.admin import PortalModelAdmin, PortalTabularInline
from practices.desk import due_for_rereview
from practices.models import Practice, Review, Uptake


class ReviewInline(PortalTabularInline):
    """Ratings are given in the portal (practices.services.review_record keeps the seats); shown here only."""

    model = Review
    extra = 0
    fields = ["seat", "reviewer", "level", "reason", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ReviewDueFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", _("Due again (rated two years ago or earlier)"))]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return due_for_rereview(queryset, today=timezone.localdate())
        return queryset


class UptakeInline(PortalTabularInline):
    model = Uptake
    extra = 0
    fields = ["organisation", "kind", "note", "person", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Practice)
class PracticeAdmin(PortalModelAdmin):
    list_display = ["title", "state", "level", "level_decided_on", "is_public", "status", "updated_at"]
    list_filter = [ReviewDueFilter, "state", "level", "is_public", "status", "setting", "language"]
    search_fields = ["title", "problem"]
    filter_horizontal = ["organisations", "offences", "topics"]
    raw_id_fields = ["evaluation_report", "contact_person"]
    readonly_fields = ["created_by", "created_at", "submitted_at", "disputed_at"]
    inlines = [ReviewInline, UptakeInline]

    def has_module_permission(self, request):
        return request.user.has_perm("practices.view_practice")


@admin.register(Review)
class ReviewAdmin(PortalModelAdmin):
    list_display = ["practice", "seat", "reviewer", "level", "created_at"]
    list_filter = ["seat", "level"]
    list_select_related = ["practice", "reviewer"]
    readonly_fields = ["practice", "reviewer", "seat", "level", "reason", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_module_permission(self, request):
        return request.user.has_perm("practices.view_review")
