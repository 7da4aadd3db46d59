"""Billing details (invoice e-mail and address; the Leitweg-ID is the organisation's own field): a list of their
own, and a box on the organisation's page that shows them with a link to enter or change them.

The box is read-only on purpose: the organisation's form posts what it posted before (an inline form would add
fields every existing caller of that form must send). The organisation admin is extended by subclassing whatever
is registered for it, as members.admin_import does, so its own rules and the other extensions stay where they are.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from fees.models import BillingDetails
from fees.selectors import invoice_address
from members.admin.base import AuditedAdmin
from members.models import Organisation


@admin.register(BillingDetails)
class BillingDetailsAdmin(AuditedAdmin):
    list_display = ["organisation", "leitweg_id", "invoice_email", "recipient", "postcode", "city"]
    search_fields = ["organisation__name", "organisation__leitweg_id", "invoice_email"]
    list_select_related = ["organisation"]
    fields = ["organisation", "invoice_email", "recipient", "street", "postcode", "city"]
    raw_id_fields = ["organisation"]

    @admin.display(description=_("Leitweg-ID"), ordering="organisation__leitweg_id")
    def leitweg_id(self, billing):
        return billing.organisation.leitweg_id or "–"


_registered = type(admin.site.get_model_admin(Organisation))
admin.site.unregister(Organisation)


@admin.register(Organisation)
class BilledOrganisationAdmin(_registered):
    def get_fieldsets(self, request, obj=None):
        """The billing details' box beside the Leitweg-ID, in the organisation's own "Invoices" section."""
        return [
            (name, {**options, "fields": [*options["fields"], "billing_details"]})
            if "leitweg_id" in options["fields"]
            else (name, options)
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "billing_details"]

    @admin.display(description=_("billing details"))
    def billing_details(self, organisation):
        if organisation.pk is None:
            return _("Save the organisation first.")
        address = invoice_address(organisation)
        summary = format_html(
            "{}: {} · {}: {} · {}",
            _("Leitweg-ID"),
            address.leitweg_id or "–",
            _("invoice e-mail address"),
            address.email or "–",
            ", ".join(part for part in (address.name, address.street, f"{address.postcode} {address.city}") if part),
        )
        billing = BillingDetails.objects.filter(organisation=organisation).first()
        if billing is None:
            url = f"{reverse('admin:fees_billingdetails_add')}?organisation={organisation.pk}"
            return format_html('{}<br><a href="{}">{}</a>', summary, url, _("Enter billing details"))
        url = reverse("admin:fees_billingdetails_change", args=[billing.pk])
        return format_html('{}<br><a href="{}">{}</a>', summary, url, _("Change billing details"))
