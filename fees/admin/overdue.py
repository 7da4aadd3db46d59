"""The membership fee list with what the treasurer and the secretariat need for overdue fees: the total
outstanding of the list as filtered, the open invoice and the last reminder of each fee, an action that sends
payment reminders (at most one per fee in 14 days, fees.services.reminders) and an export of the selection.

The members' fee admin is extended by subclassing whatever is registered for it, so members/ knows nothing
of invoices (members is the ground floor; tests/test_layers.py).
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from fees import selectors, services
from kernel.spreadsheet import excel_csv_response, xlsx_response
from members.models import MembershipFee

_registered = type(admin.site.get_model_admin(MembershipFee))
admin.site.unregister(MembershipFee)


def _day(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return value.strftime("%d.%m.%Y")


def _short(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "–"


def export_rows(fees):
    today = timezone.localdate()
    header = [
        _("Organisation"),
        _("Year"),
        _("Amount (EUR)"),
        _("Invoice"),
        _("Due on"),
        _("Days overdue"),
        _("Paid on"),
        _("Last reminder"),
        _("Invoice e-mail address"),
        _("Leitweg-ID"),
    ]
    rows = []
    for fee in fees:
        address = selectors.invoice_address(fee.organisation)
        overdue = (today - fee.due_on).days if fee.is_overdue else 0
        rows.append(
            [
                fee.organisation.name,
                fee.year,
                fee.amount,
                fee.invoice_number or "",
                _day(fee.due_on),
                overdue,
                _day(fee.paid_on),
                _day(fee.last_reminded_at),
                address.email,
                address.leitweg_id,
            ]
        )
    return header, rows


@admin.register(MembershipFee)
class FeeAdmin(_registered):
    # The key columns first and short (dates as 07.10.2026), so they stay readable at 1280 px beside the admin's
    # navigation and the filters; in the overdue list "paid on" and "overdue" say nothing and are left out.
    list_display = [
        "organisation",
        "year",
        "amount_eur",
        "due",
        "invoice_number",
        "last_reminder",
        "paid",
        "is_overdue",
    ]
    list_select_related = ["organisation__billing"]
    actions = [*(_registered.actions or []), "send_reminders", "export_xlsx", "export_csv"]
    change_list_template = "admin/fees/membershipfee_change_list.html"

    def get_list_display(self, request):
        if request.GET.get("payment") == "overdue":
            return [name for name in self.list_display if name not in ("paid", "is_overdue")]
        return self.list_display

    def get_queryset(self, request):
        return selectors.with_reminder_state(super().get_queryset(request))

    def has_remind_permission(self, request) -> bool:
        return request.user.has_perm("fees.add_reminder")

    @admin.display(description=_("amount (EUR)"), ordering="amount")
    def amount_eur(self, fee):
        return number_format(fee.amount, 2, force_grouping=True)

    @admin.display(description=_("due on"), ordering="due_on")
    def due(self, fee):
        return _short(fee.due_on)

    @admin.display(description=_("paid on"), ordering="paid_on")
    def paid(self, fee):
        return _short(fee.paid_on)

    @admin.display(description=_("invoice"), ordering="invoice_number")
    def invoice_number(self, fee):
        return fee.invoice_number or "–"

    @admin.display(description=_("reminded"), ordering="last_reminded_at")
    def last_reminder(self, fee):
        return _short(fee.last_reminded_at and timezone.localtime(fee.last_reminded_at))

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            # The list as filtered (every page), not only the rows shown.
            response.context_data["outstanding_total"] = selectors.outstanding_total(changelist.queryset)
        return response

    @admin.action(description=_("Send a payment reminder for the selected overdue fees"), permissions=["remind"])
    def send_reminders(self, request, queryset):
        sent, refused = 0, []
        for fee in queryset:
            try:
                services.reminder_send(fee=fee, actor=request.user)
                sent += 1
            except ValidationError as exc:
                refused.append(" ".join(exc.messages))
        if sent:
            self.message_user(
                request,
                ngettext("%(count)d payment reminder sent.", "%(count)d payment reminders sent.", sent)
                % {"count": sent},
                messages.SUCCESS,
            )
        for reason in refused:
            self.message_user(request, reason, messages.WARNING)

    def _export(self, queryset):
        return export_rows(queryset.select_related("organisation__billing").order_by("organisation__name", "year"))

    @admin.action(description=_("Export the selected fees (Excel)"))
    def export_xlsx(self, request, queryset):
        header, rows = self._export(queryset)
        filename = f"defus-beitraege-{timezone.localdate()}.xlsx"
        return xlsx_response(rows, header, filename=filename, sheet_title=str(_("Membership fees")))

    @admin.action(description=_("Export the selected fees (CSV)"))
    def export_csv(self, request, queryset):
        header, rows = self._export(queryset)
        return excel_csv_response(rows, header, filename=f"defus-beitraege-{timezone.localdate()}.csv")
