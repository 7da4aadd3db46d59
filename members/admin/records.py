"""Fees, invitations and the audit log."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kernel.admin import RecordAdmin
from members import desk, services
from members.admin.base import AuditedAdmin
from members.models import AuditEntry, Invitation, MembershipFee, User


class OverdueFilter(admin.SimpleListFilter):
    title = _("payment")
    parameter_name = "payment"

    def lookups(self, request, model_admin):
        return [("overdue", _("overdue")), ("open", _("not paid")), ("paid", _("paid"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return desk.overdue_fees(queryset)
        if self.value() == "open":
            return queryset.filter(paid_on__isnull=True)
        if self.value() == "paid":
            return queryset.filter(paid_on__isnull=False)
        return queryset


@admin.register(MembershipFee)
class MembershipFeeAdmin(AuditedAdmin):
    list_display = ["organisation", "year", "amount", "invoiced_on", "due_on", "paid_on", "is_overdue"]
    list_filter = [OverdueFilter, "year"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation"]

    @admin.display(boolean=True, description=_("overdue"))
    def is_overdue(self, fee):
        return fee.is_overdue


class InvitationStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", _("sent, not accepted"))]

    def queryset(self, request, queryset):
        return desk.open_invitations(queryset) if self.value() == "open" else queryset


@admin.register(Invitation)
class InvitationAdmin(AuditedAdmin):
    list_display = ["email", "organisation", "created_at", "sent_at", "expires_at", "accepted_at", "revoked_at"]
    list_filter = [InvitationStateFilter, "organisation"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation"]
    fields = ["email", "organisation"]
    actions = ["resend", "revoke"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class InvitationForm(form):
            def clean_email(self):
                email = self.cleaned_data["email"].strip().lower()
                if User.objects.filter(email__iexact=email).exists():
                    raise ValidationError(_("There is already an account with this address."))
                return email

        return InvitationForm

    def has_change_permission(self, request, obj=None):
        # Invitations are changed through the actions only (resend, revoke).
        return False if obj is not None else super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        invitation = services.invitation_create(
            email=form.cleaned_data["email"], organisation=form.cleaned_data["organisation"], invited_by=request.user
        )
        # The admin expects obj to be the saved object.
        obj.pk = invitation.pk

    @admin.action(description=_("Send selected invitations again"), permissions=["add"])
    def resend(self, request, queryset):
        # A revoked invitation stays revoked; send a new one instead.
        pending = list(queryset.filter(accepted_at__isnull=True, revoked_at__isnull=True))
        for invitation in pending:
            services.invitation_resend(invitation=invitation, actor=request.user)
        count = len(pending)
        self.message_user(request, ngettext("%d invitation sent again.", "%d invitations sent again.", count) % count)

    @admin.action(description=_("Revoke selected invitations"), permissions=["add"])
    def revoke(self, request, queryset):
        pending = list(queryset.filter(accepted_at__isnull=True, revoked_at__isnull=True))
        for invitation in pending:
            services.invitation_revoke(invitation=invitation, actor=request.user)
        self.message_user(
            request,
            ngettext("%d invitation revoked.", "%d invitations revoked.", len(pending)) % len(pending),
            messages.SUCCESS,
        )


@admin.register(AuditEntry)
class AuditEntryAdmin(RecordAdmin):
    list_display = ["at", "actor", "action", "target_repr"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_repr", "actor__email", "action"]
    list_select_related = ["actor"]
    date_hierarchy = "at"
    readonly_fields = ["at", "actor", "action", "target_type", "target_id", "target_repr", "changes"]
