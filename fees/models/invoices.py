"""Membership fee invoices: numbered without gaps per year, never changed once issued.

An invoice is issued complete (fees.services.invoices): its number, the buyer's data as they were that day, the
PDF (with the e-invoice embedded) and the e-invoice XML. From then on only its sending is recorded. A wrong
invoice is cancelled by a cancellation document (a number of its own, referring to it) and replaced by a new one:
that is what the tax office (GoBD) and the city hall's bookkeeping expect. The guard is here in the model, not
only in the admin, so no service, import or shell session can change or delete an issued invoice by mistake.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import MembershipFee, Organisation

# GoBD / § 147 (3) AO: invoices (Buchungsbelege) are kept eight years from the end of the year they were issued in.
RETENTION_YEARS = 8
# What may still be written after issue: the record of sending.
SENDING_FIELDS = frozenset({"sent_at", "sent_to"})


class IssuedInvoiceError(ValidationError):
    def __init__(self, message=None):
        super().__init__(message or _("An issued invoice cannot be changed; cancel it and issue a new one."))


class InvoiceCounter(models.Model):
    """The last number issued in a year; its row is locked while numbers are taken, so none is skipped or doubled."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("invoice counter")
        verbose_name_plural = _("invoice counters")

    def __str__(self):
        return f"{self.year}: {self.last}"


class InvoiceQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if set(kwargs) - SENDING_FIELDS:
            raise IssuedInvoiceError()
        return super().update(**kwargs)

    def delete(self):
        for invoice in self:
            invoice.delete()

    def open(self):
        """Invoices (not cancellations) that no cancellation refers to."""
        return self.filter(kind=Invoice.Kind.INVOICE, cancellation__isnull=True)


class Invoice(models.Model):
    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CANCELLATION = "cancellation", _("Cancellation")

    number = models.CharField(_("number"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("year of the number"))
    sequence = models.PositiveIntegerField(_("sequence"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INVOICE)
    cancels = models.OneToOneField(
        "self",
        verbose_name=_("cancels"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cancellation",
    )
    fee = models.ForeignKey(
        MembershipFee, verbose_name=_("membership fee"), on_delete=models.PROTECT, related_name="invoices"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="invoices"
    )
    issued_on = models.DateField(_("invoice date"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=9, decimal_places=2)
    # The buyer as on the day of issue: later changes to the organisation do not change an issued invoice.
    buyer_name = models.CharField(_("invoice recipient"), max_length=200)
    buyer_street = models.CharField(_("street"), max_length=200, blank=True)
    buyer_postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    buyer_city = models.CharField(_("city"), max_length=100, blank=True)
    leitweg_id = models.CharField(_("Leitweg-ID"), max_length=46, blank=True)
    send_to = models.EmailField(_("invoice e-mail address"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to="fees/invoices/%Y/")
    xml = models.FileField(_("e-invoice (XRechnung)"), upload_to="fees/invoices/%Y/")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_to = models.CharField(_("sent to"), max_length=254, blank=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-sequence"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="invoice_number_once_per_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="invoice_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(kind="invoice", cancels__isnull=True) | Q(kind="cancellation", cancels__isnull=False),
                name="invoice_cancellation_refers_to_invoice",
            ),
        ]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        # Written once, complete; afterwards only the sending is recorded (save(update_fields=["sent_at", …])).
        if not self._state.adding:
            update_fields = kwargs.get("update_fields")
            if update_fields is None or set(update_fields) - SENDING_FIELDS:
                raise IssuedInvoiceError()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if timezone.localdate() <= self.kept_until:
            raise IssuedInvoiceError(
                _("An invoice is kept until %(date)s (GoBD: %(years)s years after the year of issue).")
                % {"date": self.kept_until.strftime("%d.%m.%Y"), "years": RETENTION_YEARS}
            )
        return super().delete(*args, **kwargs)

    @property
    def kept_until(self) -> datetime.date:
        return datetime.date(self.issued_on.year + RETENTION_YEARS, 12, 31)

    @property
    def is_cancelled(self) -> bool:
        return self.kind == self.Kind.INVOICE and hasattr(self, "cancellation")
