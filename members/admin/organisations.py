"""Member organisations: their people, offices and fees; leaving goes through members.services."""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kernel.admin import PortalTabularInline
from kernel.spreadsheet import excel_csv_response
from members import services
from members.admin.base import AuditedAdmin, ReadOnlyOfficeInline
from members.models import MembershipFee, Organisation, User


class _PersonRowForm(forms.ModelForm):
    """A person's address is the key to the account: shown, never changed in this table."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "email" in self.fields:
            # A disabled field ignores what is posted; a new row still takes an address.
            self.fields["email"].disabled = True


class PersonInline(PortalTabularInline):
    model = User
    form = _PersonRowForm
    fields = ["email", "first_name", "last_name", "position", "level", "is_active"]
    extra = 0
    show_change_link = True


class OrganisationMandateInline(ReadOnlyOfficeInline):
    fk_name = "organisation"
    fields = ["role", "person", "start", "end", "elected_at"]


class FeeInline(PortalTabularInline):
    model = MembershipFee
    fields = ["year", "amount", "invoiced_on", "due_on", "paid_on", "note"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    def save_object(self, request, obj) -> None:
        # Whatever the form changed, the service decides what follows (leaving ends the offices).
        ended = services.organisation_save(organisation=obj, actor=request.user)
        if ended:
            self.message_user(
                request,
                ngettext(
                    "%(count)s office of this organisation ended on its leaving day.",
                    "%(count)s offices of this organisation ended on its leaving day.",
                    ended,
                )
                % {"count": ended},
                messages.INFO,
            )

    list_display = ["name", "kind", "federal_state", "status", "joined_on", "left_on", "efus_member"]
    list_filter = ["status", "kind", "federal_state", "efus_member"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonInline, OrganisationMandateInline, FeeInline]
    actions = ["export_csv"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "federal_state", "municipality_key", "description", "website"]}),
        (_("Membership"), {"fields": ["status", "joined_on", "left_on", "admitted_on"]}),
        (_("Conditions of the bylaws"), {"fields": ["shares_aims", "accepts_bylaws", "efus_member"]}),
        (_("Contact"), {"fields": ["email", "phone", "street", "postcode", "city"]}),
        (_("Invoices"), {"fields": ["leitweg_id"]}),
    ]

    @admin.action(description=_("Export selected as CSV (Excel)"))
    def export_csv(self, request, queryset):
        """UTF-8 with BOM and semicolons: what German Excel opens correctly by double-click."""
        header = [
            _("Name"),
            _("Kind"),
            _("Federal state"),
            _("Status"),
            _("Member since"),
            _("Left on"),
            _("Efus member"),
        ]
        rows = (
            [
                organisation.name,
                organisation.get_kind_display(),
                organisation.get_federal_state_display(),
                organisation.get_status_display(),
                organisation.joined_on.strftime("%d.%m.%Y") if organisation.joined_on else "",
                organisation.left_on.strftime("%d.%m.%Y") if organisation.left_on else "",
                _("yes") if organisation.efus_member else _("no"),
            ]
            for organisation in queryset.order_by("name")
        )
        return excel_csv_response(rows, header, filename=f"defus-mitglieder-{timezone.localdate()}.csv")
