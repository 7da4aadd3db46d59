"""What an organisation's invoices need beyond its contact data: the Leitweg-ID and the invoice address.

Kept in the fees app (one row per organisation) rather than on ``members.Organisation``: invoicing is this app's
concern, and the organisation record stays as the member list and the bylaws need it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from fees.leitweg import normalise, validate_leitweg_id
from kernel.text import SingleLineField
from members.models import Organisation


class LeitwegIdField(models.CharField):
    """Stored as written on a letter, without spaces and in capitals, whatever was typed."""

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs

    def to_python(self, value):
        value = super().to_python(value)
        return normalise(value) if value else value

    def pre_save(self, model_instance, add):
        value = self.to_python(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class BillingDetails(models.Model):
    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="billing"
    )
    leitweg_id = LeitwegIdField(
        _("Leitweg-ID"),
        max_length=46,
        blank=True,
        validators=[validate_leitweg_id],
        help_text=_(
            "The routing ID of a public authority for e-invoices (XRechnung), as the city hall gives it, "
            "e.g. 05315000-ABC123-45. Empty for members that take invoices without one."
        ),
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
