"""Invoices in the admin: the year's invoices issued in one step after a preview; afterwards read-only.

An issued invoice is never changed or deleted here (nor anywhere: fees.models.Invoice refuses it). Its only
actions are the cancellation (a document of its own), the correction (cancellation and a new invoice with the
data as they are now) and sending it again.
"""

import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from fees import selectors, services
from fees.models import Invoice, Reminder
from kernel.admin import RecordAdmin


class IssueForm(forms.Form):
    year = forms.IntegerField(label=_("Fee year"), min_value=2000, max_value=2999)
    issued_on = forms.DateField(
        label=_("Invoice date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean_issued_on(self):
        issued_on = self.cleaned_data["issued_on"]
        if abs((issued_on - timezone.localdate()).days) > 31:
            raise ValidationError(_("The invoice date must lie within a month of today."))
        return issued_on


@admin.register(Invoice)
class InvoiceAdmin(RecordAdmin):
    list_display = ["number", "kind", "organisation", "fee_year", "amount", "issued_on", "due_on", "state", "files"]
    list_filter = ["kind", "year", "fee__year"]
    search_fields = ["number", "organisation__name", "leitweg_id"]
    list_select_related = ["organisation", "fee", "cancels", "cancellation"]
    date_hierarchy = "issued_on"
    readonly_fields = ["files"]
    actions = ["send_again", "cancel", "correct"]
    change_list_template = "admin/fees/invoice/change_list.html"

    def has_issue_permission(self, request) -> bool:
        return request.user.has_perm("fees.add_invoice")

    @admin.display(description=_("fee year"), ordering="fee__year")
    def fee_year(self, invoice):
        return invoice.fee.year

    @admin.display(description=_("state"))
    def state(self, invoice):
        if invoice.kind == Invoice.Kind.CANCELLATION:
            return _("cancels %(number)s") % {"number": invoice.cancels.number}
        if invoice.is_cancelled:
            return _("cancelled by %(number)s") % {"number": invoice.cancellation.number}
        if invoice.sent_at:
            return _("sent %(date)s") % {"date": timezone.localtime(invoice.sent_at).strftime("%d.%m.%Y")}
        return _("not sent (no e-mail address)") if not invoice.send_to else _("being sent")

    @admin.display(description=_("files"))
    def files(self, invoice):
        return format_html(
            '<a href="{}">PDF</a> · <a href="{}">XRechnung</a>',
            reverse("admin:fees_invoice_file", args=[invoice.pk, "pdf"]),
            reverse("admin:fees_invoice_file", args=[invoice.pk, "xml"]),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("ausstellen/", view(self.issue_view), name="fees_invoice_issue"),
            path("<int:pk>/datei/<str:kind>/", view(self.file_view), name="fees_invoice_file"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra = {"may_issue": self.has_issue_permission(request), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def file_view(self, request, pk, kind):
        invoice = get_object_or_404(Invoice, pk=pk)
        if kind not in ("pdf", "xml") or not self.has_view_permission(request, invoice):
            raise PermissionDenied
        stored = getattr(invoice, kind)
        content_type = "application/pdf" if kind == "pdf" else "application/xml"
        return FileResponse(
            stored.open("rb"), as_attachment=True, filename=f"{invoice.number}.{kind}", content_type=content_type
        )

    def issue_view(self, request):
        """GET: the form and, with a year, the preview of every invoice; POST: issue them all and send them."""
        if not self.has_issue_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        data = request.POST if request.method == "POST" else request.GET
        form = IssueForm(data or None, initial={"year": today.year, "issued_on": today})
        ready, skipped = [], []
        if form.is_valid():
            year, issued_on = form.cleaned_data["year"], form.cleaned_data["issued_on"]
            if request.method == "POST":
                return self._issue(request, year=year, issued_on=issued_on)
            ready, skipped = selectors.invoices_plan(year=year)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Issue the year's invoices"),
            "form": form,
            "ready": ready,
            "skipped": skipped,
            "total": sum((planned.fee.amount for planned in ready), start=0),
            "bank_missing": not settings.INVOICE_IBAN,
        }
        return TemplateResponse(request, "admin/fees/invoice/issue.html", context)

    def _issue(self, request, *, year: int, issued_on: datetime.date):
        try:
            issued = services.invoices_issue_for_year(year=year, actor=request.user, issued_on=issued_on)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(f"{reverse('admin:fees_invoice_issue')}?year={year}&issued_on={issued_on:%Y-%m-%d}")
        count = len(issued)
        messages.success(
            request,
            ngettext(
                "%(count)d invoice issued; it is being sent to its invoice address.",
                "%(count)d invoices issued; they are being sent to their invoice addresses.",
                count,
            )
            % {"count": count},
        )
        return redirect("admin:fees_invoice_changelist")

    def _each(self, request, queryset, change, done_message):
        """``change`` each invoice; ``done_message(count)`` says how many, each refusal is said with its reason."""
        done, refused = 0, []
        for invoice in queryset.select_related("fee", "organisation"):
            try:
                change(invoice)
                done += 1
            except ValidationError as exc:
                refused.append(" ".join(exc.messages))
        if done:
            self.message_user(request, done_message(done) % {"count": done}, messages.SUCCESS)
        for reason in refused:
            self.message_user(request, reason, messages.WARNING)

    @admin.action(description=_("Cancel the selected invoices"), permissions=["issue"])
    def cancel(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda invoice: services.invoice_cancel(invoice=invoice, actor=request.user),
            lambda count: ngettext(
                "%(count)d cancellation issued; it is being sent.",
                "%(count)d cancellations issued; they are being sent.",
                count,
            ),
        )

    @admin.action(
        description=_("Correct the selected invoices (cancel, then issue anew with today's data)"),
        permissions=["issue"],
    )
    def correct(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda invoice: services.invoice_correct(invoice=invoice, actor=request.user),
            lambda count: ngettext(
                "%(count)d invoice cancelled and issued anew.", "%(count)d invoices cancelled and issued anew.", count
            ),
        )

    @admin.action(description=_("Send the selected invoices again"), permissions=["issue"])
    def send_again(self, request, queryset):
        sent = sum(services.invoice_send(invoice_id=invoice.pk, again=True) for invoice in queryset)
        self.message_user(
            request,
            ngettext("%(count)d invoice sent again.", "%(count)d invoices sent again.", sent) % {"count": sent},
            messages.SUCCESS,
        )


@admin.register(Reminder)
class ReminderAdmin(RecordAdmin):
    list_display = ["fee", "sent_at", "amount", "invoice", "sent_by"]
    list_filter = ["fee__year"]
    search_fields = ["fee__organisation__name"]
    list_select_related = ["fee__organisation", "invoice", "sent_by"]
    date_hierarchy = "sent_at"
