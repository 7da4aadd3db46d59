"""The secretariat prepares meetings here: event, agenda, motions, candidates, chair and minute-taker.

Votes, proxies, attendance and consents are shown but written only by the services
(in the portal), where the bylaws are checked; a frozen result cannot be edited.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assemblies import desk, services
from assemblies.models import AgendaItem, Attendance, Candidate, Consent, Meeting, Proxy, Resolution, Vote
from events.models import Event
from kernel.admin import PortalModelAdmin, PortalTabularInline, ReadOnlyTabularInline


class AgendaItemInline(PortalTabularInline):
    model = AgendaItem
    fields = ["number", "title", "description", "documents"]
    raw_id_fields = ["documents"]
    extra = 1


class ResolutionInline(ReadOnlyTabularInline):
    model = Resolution
    fields = ["title", "procedure", "majority", "outcome"]
    show_change_link = True


class ProxyInline(ReadOnlyTabularInline):
    model = Proxy
    fields = ["organisation", "holder", "recorded_by", "signed_by", "recorded_at", "awaiting_approval", "approved_by"]


class AttendanceInline(ReadOnlyTabularInline):
    model = Attendance
    fields = ["organisation", "member"]


class InvitationDueFilter(admin.SimpleListFilter):
    title = _("invitation")
    parameter_name = "invitation"

    def lookups(self, request, model_admin):
        return [("due", _("members' meeting still to be convened"))]

    def queryset(self, request, queryset):
        return desk.invitation_due(queryset) if self.value() == "due" else queryset


@admin.register(Meeting)
class MeetingAdmin(PortalModelAdmin):
    list_display = ["title", "body", "kind", "event", "invitation_sent_at", "chair_signed_at", "minute_taker_signed_at"]
    list_filter = [InvitationDueFilter, "body", "kind"]
    list_select_related = ["event"]
    search_fields = ["title"]
    raw_id_fields = ["chair", "minute_taker"]
    readonly_fields = ["invitation_sent_at", "convened_by", "chair_signed_at", "minute_taker_signed_at"]
    inlines = [AgendaItemInline, ResolutionInline, ProxyInline, AttendanceInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "event":
            kwargs["queryset"] = Event.objects.filter(kind__in=["members_meeting", "board_meeting"])
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.minutes_signed:
            # Signed minutes are a record: nothing in them changes afterwards.
            fields += ["title", "body", "kind", "event", "quorum_percent", "chair", "minute_taker", "minutes_notes"]
        return fields


class CandidateInline(PortalTabularInline):
    model = Candidate
    raw_id_fields = ["person"]
    extra = 1

    # The ballot paper is fixed once voting has started.
    def has_add_permission(self, request, obj=None):
        return obj is None or not (obj.is_frozen or voting_started(obj))

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)


class VoteInline(ReadOnlyTabularInline):
    """Who voted; for a secret ballot the choice is empty by construction."""

    model = Vote
    fields = ["organisation", "member", "cast_by", "proxy", "recorded_in_meeting", "choice", "candidate", "cast_at"]


class ConsentInline(ReadOnlyTabularInline):
    model = Consent
    fields = ["organisation", "agrees", "statement", "declared_by", "declared_at"]


def voting_started(resolution) -> bool:
    opened = resolution.opens_at is not None and resolution.opens_at <= timezone.now()
    return opened or resolution.votes.exists() or resolution.consents.exists()


@admin.register(Resolution)
class ResolutionAdmin(PortalModelAdmin):
    list_display = ["title", "meeting", "procedure", "majority", "is_secret", "closes_at", "outcome"]
    list_filter = ["procedure", "majority", "outcome"]
    list_select_related = ["meeting"]
    search_fields = ["title", "text"]
    raw_id_fields = ["position_paper"]
    readonly_fields = ["closed_at", "outcome", "tally", "elected", "office_note"]
    inlines = [CandidateInline, VoteInline, ConsentInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        item = form.base_fields.get("agenda_item")
        if item is not None:
            # Only the items of the resolution's own meeting, never another meeting's (none until it has one).
            meeting_id = obj.meeting_id if obj is not None else None
            item.queryset = AgendaItem.objects.filter(meeting_id=meeting_id).select_related("meeting")
        return form

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and (obj.is_frozen or voting_started(obj)):
            # Once the first vote or declaration may be in, the motion stays as it was put to the vote;
            # a frozen result, and the motion it decided, are never edited.
            return [field.name for field in Resolution._meta.fields if field.name != "id"]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.is_frozen or obj.votes.exists()):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Proxy)
class ProxyAdmin(PortalModelAdmin):
    """Read-only; a proxy on paper waits here for a second person to approve (or reject) it."""

    list_display = [
        "meeting",
        "organisation",
        "holder",
        "recorded_by",
        "signed_by",
        "recorded_at",
        "awaiting_approval",
        "approved_by",
    ]
    list_filter = ["awaiting_approval"]
    list_select_related = ["meeting", "organisation", "holder", "recorded_by", "approved_by"]
    readonly_fields = [
        "meeting",
        "organisation",
        "holder",
        "recorded_by",
        "signed_by",
        "recorded_at",
        "awaiting_approval",
        "approved_by",
    ]
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        return False  # proxies are recorded on the meeting page, where the limit is checked

    def has_approve_permission(self, request):
        return request.user.has_perm("assemblies.approve_proxy")

    @admin.action(description=_("Approve the selected proxies on paper (second person)"), permissions=["approve"])
    def approve(self, request, queryset):
        self._decide(request, queryset, services.proxy_approve, _("The proxy %(proxy)s is in force."))

    @admin.action(description=_("Reject the selected proxies on paper"), permissions=["approve"])
    def reject(self, request, queryset):
        self._decide(request, queryset, services.proxy_reject, _("The proxy %(proxy)s has been rejected."))

    def _decide(self, request, queryset, service, done: str) -> None:
        for proxy in queryset.filter(awaiting_approval=True).select_related("organisation", "holder"):
            try:
                service(proxy=proxy, actor=request.user)
            except ValidationError as error:
                self.message_user(request, f"{proxy}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, done % {"proxy": proxy}, messages.SUCCESS)
