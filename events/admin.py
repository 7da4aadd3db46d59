from django.contrib import admin

from defus.admin import PortalModelAdmin, PortalTabularInline
from events import services
from events.models import AgendaItem, Event, Registration

# A change to these fields must reach the calendars and the people registered.
_NOTIFIED_FIELDS = {"title", "start", "end", "location", "online_url", "format", "status"}


class AgendaInline(PortalTabularInline):
    model = AgendaItem
    extra = 1


class RegistrationInline(PortalTabularInline):
    model = Registration
    fields = ["person", "status", "requested_at", "attended", "show_in_participants"]
    readonly_fields = ["person", "status", "requested_at"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(PortalModelAdmin):
    list_display = ["title", "kind", "start", "status", "audience", "capacity", "organisation"]
    list_filter = ["status", "kind", "audience"]
    search_fields = ["title", "location"]
    list_select_related = ["organisation"]
    date_hierarchy = "start"
    inlines = [AgendaInline, RegistrationInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        was_public = change and form.initial.get("status") in {Event.Status.PUBLISHED, Event.Status.CANCELLED}
        if was_public and _NOTIFIED_FIELDS & set(form.changed_data):
            services.event_changed(event=obj, cancelled=obj.status == Event.Status.CANCELLED)
