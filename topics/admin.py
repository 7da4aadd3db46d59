from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kernel.admin import PortalModelAdmin, PortalTabularInline, ReadOnlyTabularInline
from topics import desk, inquiries, services
from topics.models import Document, DocumentVersion, Inquiry, InquiryAnswer, Membership, Post, Thread, WorkingGroup


class MembershipInline(PortalTabularInline):
    model = Membership
    raw_id_fields = ["person"]
    extra = 0


@admin.register(WorkingGroup)
class WorkingGroupAdmin(PortalModelAdmin):
    list_display = ["name", "join_policy", "is_restricted", "archived_at"]
    list_filter = ["join_policy", "is_restricted"]
    search_fields = ["name"]
    # The short name in the addresses follows the name (German words kept); old addresses lead on.
    readonly_fields = ["slug"]
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        if not change or "name" in form.changed_data:
            services.group_readdress(group=obj)
        super().save_model(request, obj, form, change)


@admin.register(Thread)
class ThreadAdmin(PortalModelAdmin):
    list_display = ["title", "group", "author", "post_count", "last_activity_at", "is_pinned", "is_closed"]
    list_filter = ["group", "is_pinned", "is_closed"]
    search_fields = ["title"]
    list_select_related = ["group", "author"]
    # Who wrote it is a fact, not a setting: staff moderate threads, they never write in a member's name.
    readonly_fields = ["author", "post_count", "last_activity_at"]

    def has_add_permission(self, request):
        return False  # threads are started in the portal, by their author


@admin.register(Post)
class PostAdmin(PortalModelAdmin):
    list_display = ["thread", "author", "created_at", "edited_at", "hidden_at"]
    list_filter = ["thread__group"]
    search_fields = ["body", "thread__title"]
    list_select_related = ["thread", "author"]
    # Staff may correct or hide a post, but not put it in another member's name or another thread (where it
    # would speak to people its author never wrote to).
    readonly_fields = ["thread", "author", "created_at", "edited_at"]

    def has_add_permission(self, request):
        return False  # posts are written in the portal, by their author

    def save_model(self, request, obj, form, change):
        services.post_admin_save(post=obj, changed=form.changed_data)


class VersionInline(ReadOnlyTabularInline):
    model = DocumentVersion
    fields = ["number", "filename", "content_type", "size", "uploaded_at"]


@admin.register(Document)
class DocumentAdmin(PortalModelAdmin):
    list_display = ["title", "label", "category", "language", "year", "organisation", "created_at"]
    list_filter = ["label", "category", "language", "year"]
    search_fields = ["title", "description"]
    list_select_related = ["organisation"]
    fields = ["title", "description", "label", "category", "language", "year", "organisation", "groups"]
    filter_horizontal = []
    inlines = [VersionInline]


class AnswerInline(ReadOnlyTabularInline):
    model = InquiryAnswer
    fields = ["organisation", "author", "text", "updated_at"]


@admin.register(Inquiry)
class InquiryAdmin(PortalModelAdmin):
    list_display = ["title", "organisation", "group", "deadline", "created_at"]
    list_filter = ["group"]
    search_fields = ["title", "question"]
    list_select_related = ["organisation", "group"]
    fields = ["title", "question", "group", "deadline"]
    inlines = [AnswerInline]

    def save_model(self, request, obj, form, change):
        inquiries.inquiry_admin_save(inquiry=obj, changed=form.changed_data)


class WaitingFilter(admin.SimpleListFilter):
    title = _("requests")
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("week", _("waiting longer than 7 days"))]

    def queryset(self, request, queryset):
        return desk.waiting_requests(queryset) if self.value() == "week" else queryset


@admin.register(Membership)
class MembershipAdmin(PortalModelAdmin):
    """Group memberships and requests to join (leads answer them in the portal)."""

    list_display = ["person", "group", "status", "joined_at"]
    list_filter = [WaitingFilter, "status", "group"]
    list_select_related = ["person", "group"]
    search_fields = ["person__email", "person__last_name", "group__name"]
    raw_id_fields = ["person"]
