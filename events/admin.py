from django.contrib import admin

from events import services
from events.models import (
    AgendaItem,
    AttendanceCertificate,
    DatePoll,
    Event,
    ExchangeOffer,
    ExchangeRequest,
    GuestRegistration,
    Registration,
)
from kernel.admin import PortalModelAdmin, PortalTabularInline, ReadOnlyTabularInline

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


class GuestInline(PortalTabularInline):
    """Guests register themselves on the public page; here the secretariat sees them and marks attendance."""

    model = GuestRegistration
    fields = ["name", "organisation", "email", "status", "requested_at", "attended"]
    readonly_fields = ["name", "organisation", "email", "status", "requested_at"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(PortalModelAdmin):
    list_display = ["title", "kind", "start", "status", "audience", "capacity", "organisation"]
    list_filter = ["status", "kind", "audience", "is_public"]
    search_fields = ["title", "location"]
    list_select_related = ["organisation"]
    date_hierarchy = "start"
    raw_id_fields = ["organisers", "invitees"]
    inlines = [AgendaInline, RegistrationInline, GuestInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        was_public = change and form.initial.get("status") in {Event.Status.PUBLISHED, Event.Status.CANCELLED}
        if was_public and _NOTIFIED_FIELDS & set(form.changed_data):
            services.event_changed(event=obj, cancelled=obj.status == Event.Status.CANCELLED)
        if change and "capacity" in form.changed_data:
            services.capacity_changed(event=obj)


@admin.register(DatePoll)
class DatePollAdmin(PortalModelAdmin):
    list_display = ["title", "organiser", "group", "created_at", "closed_at"]
    list_select_related = ["organiser", "group"]
    search_fields = ["title"]
    raw_id_fields = ["organiser", "invitees"]
    readonly_fields = ["chosen", "event", "closed_at"]


class ExchangeRequestInline(ReadOnlyTabularInline):
    model = ExchangeRequest
    fields = ["organisation", "person", "preferred_date", "status", "event"]


@admin.register(ExchangeOffer)
class ExchangeOfferAdmin(PortalModelAdmin):
    list_display = ["theme", "host", "place", "is_open", "created_at"]
    list_filter = ["is_open"]
    list_select_related = ["host"]
    search_fields = ["theme", "place"]
    raw_id_fields = ["created_by"]
    inlines = [ExchangeRequestInline]


@admin.register(AttendanceCertificate)
class AttendanceCertificateAdmin(PortalModelAdmin):
    """Issued certificates (name and event only), to answer a question about one."""

    list_display = ["code", "name", "event", "hours", "issued_at"]
    list_select_related = ["event"]
    search_fields = ["code", "name"]
    readonly_fields = ["code", "name", "event", "hours", "issued_at"]

    def has_add_permission(self, request):
        return False
