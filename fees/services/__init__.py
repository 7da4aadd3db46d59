"""Changes to invoices and reminders; every write of the fees app goes through here."""

from fees.services.invoices import (
    InvoicingRefused,
    invoice_cancel,
    invoice_correct,
    invoice_issue,
    invoice_send,
    invoices_issue_for_year,
)
from fees.services.reminders import ReminderRefused, reminder_deliver, reminder_send

__all__ = [
    "InvoicingRefused",
    "ReminderRefused",
    "invoice_cancel",
    "invoice_correct",
    "invoice_issue",
    "invoice_send",
    "invoices_issue_for_year",
    "reminder_deliver",
    "reminder_send",
]
