from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from members import services
from members.models import Invitation, Mandate, Organisation, User


class PersonInline(admin.TabularInline):
    model = User
    fields = ["email", "first_name", "last_name", "position", "level", "is_active"]
    extra = 0
    show_change_link = True


class OrganisationMandateInline(admin.TabularInline):
    model = Mandate
    fk_name = "organisation"
    fields = ["role", "person", "start", "end", "elected_at"]
    autocomplete_fields = ["person"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "federal_state", "status", "joined_on", "efus_member"]
    list_filter = ["status", "kind", "federal_state", "efus_member"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonInline, OrganisationMandateInline]


class PersonMandateInline(admin.TabularInline):
    model = Mandate
    fk_name = "person"
    fields = ["role", "organisation", "working_group", "start", "end", "elected_at"]
    extra = 0


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "first_name", "last_name", "organisation", "level", "is_active"]
    list_filter = ["is_active", "level", "language", "organisation"]
    search_fields = ["email", "first_name", "last_name", "organisation__name"]
    list_select_related = ["organisation"]
    fields = ["email", "first_name", "last_name", "position", "phone", "organisation", "level", "language", "is_active"]
    inlines = [PersonMandateInline]


@admin.register(Mandate)
class MandateAdmin(admin.ModelAdmin):
    list_display = ["role", "person", "organisation", "working_group", "start", "end"]
    list_filter = ["role"]
    search_fields = ["person__email", "person__last_name", "organisation__name"]
    list_select_related = ["person", "organisation", "working_group"]
    autocomplete_fields = ["person", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "created_at", "sent_at", "expires_at", "accepted_at", "revoked_at"]
    list_filter = ["organisation"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation"]
    fields = ["email", "organisation"]
    actions = ["resend", "revoke"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        invitation = services.invitation_create(
            email=form.cleaned_data["email"], organisation=form.cleaned_data["organisation"], invited_by=request.user
        )
        # The admin expects obj to be the saved object.
        obj.pk = invitation.pk

    @admin.action(description=_("Send selected invitations again"))
    def resend(self, request, queryset):
        pending = queryset.filter(accepted_at__isnull=True)
        for invitation in pending:
            services.invitation_resend(invitation=invitation)
        count = len(pending)
        self.message_user(request, ngettext("%d invitation sent again.", "%d invitations sent again.", count) % count)

    @admin.action(description=_("Revoke selected invitations"))
    def revoke(self, request, queryset):
        pending = list(queryset.filter(accepted_at__isnull=True, revoked_at__isnull=True))
        for invitation in pending:
            services.invitation_revoke(invitation=invitation)
        self.message_user(
            request,
            ngettext("%d invitation revoked.", "%d invitations revoked.", len(pending)) % len(pending),
            messages.SUCCESS,
        )
