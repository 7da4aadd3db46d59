"""Where an organisation's invoices go when not to its own address: the invoice e-mail, recipient and address.

Kept in the fees app (one row per organisation): invoicing is this app's concern. The Leitweg-ID is the
organisation's own field (``members.Organisation.leitweg_id``): it names the authority, as its municipality key does.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kernel.text import SingleLineField
from members.models import Organisation


class BillingDetails(models.Model):
    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="billing"
    )
    invoice_email = models.EmailField(
        _("invoice e-mail address"),
        blank=True,
        help_text=_("Invoices and payment reminders go here. Empty: the organisation's e-mail address."),
    )
    recipient = SingleLineField(
        _("invoice recipient"),
        max_length=200,
        blank=True,
        help_text=_("Name on the invoice, e.g. “Stadt Essen, Ordnungsamt”. Empty: the organisation's name."),
    )
    street = SingleLineField(_("street"), max_length=200, blank=True)
    postcode = SingleLineField(_("postcode"), max_length=10, blank=True)
    city = SingleLineField(_("city"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("billing details")
        verbose_name_plural = _("billing details")

    def __str__(self):
        return str(self.organisation)
