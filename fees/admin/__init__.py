"""The fees in the admin: billing details beside the organisation, invoices (issued by year, read-only once issued),
and the overdue fee list with its total, reminders and export."""

from fees.admin import billing, invoices, overdue  # noqa: F401  (register the admins)
