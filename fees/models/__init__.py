"""Billing details of the member organisations, invoices with their counter, and payment reminders."""

from fees.models.billing import BillingDetails
from fees.models.invoices import (
    RETENTION_YEARS,
    SENDING_FIELDS,
    Invoice,
    InvoiceCounter,
    InvoiceQuerySet,
    IssuedInvoiceError,
)
from fees.models.reminders import REMINDER_INTERVAL, Reminder

__all__ = [
    "REMINDER_INTERVAL",
    "RETENTION_YEARS",
    "SENDING_FIELDS",
    "BillingDetails",
    "Invoice",
    "InvoiceCounter",
    "InvoiceQuerySet",
    "IssuedInvoiceError",
    "Reminder",
]
