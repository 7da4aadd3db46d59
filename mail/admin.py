"""The secretariat sees bouncing addresses and what came in by email."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from mail import admin_digest, desk  # noqa: F401  (admin_digest registers the digest's admins)
from mail.models import AddressHealth, InboundMessage


class BouncingFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("stopped", _("No more mail (score 4 or more)")), ("bouncing", _("Bounced in the last 30 days"))]

    def queryset(self, request, queryset):
        # The same definitions as the secretariat's desk counts (mail/desk.py).
        if self.value() == "stopped":
            return desk.stopped(queryset)
        if self.value() == "bouncing":
            return desk.bouncing(queryset)
        return queryset


@admin.register(AddressHealth)
class AddressHealthAdmin(admin.ModelAdmin):
    list_display = ["address", "person", "score", "stopped", "last_bounce_kind", "last_bounce_at", "last_status"]
    list_filter = [BouncingFilter, "last_bounce_kind"]
    search_fields = ["address", "person__email", "person__last_name"]
    list_select_related = ["person"]
    readonly_fields = ["person", "address", "last_bounce_at", "last_bounce_kind", "last_status"]
    ordering = ["-last_bounce_at"]

    @admin.display(boolean=True, description=_("mail stopped"))
    def stopped(self, obj):
        return obj.is_suppressed


@admin.register(InboundMessage)
class InboundMessageAdmin(admin.ModelAdmin):
    list_display = ["received_at", "sender", "person", "outcome", "reason"]
    list_filter = ["outcome"]
    search_fields = ["sender", "message_id"]
    list_select_related = ["person"]
    date_hierarchy = "received_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
