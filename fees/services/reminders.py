"""Payment reminders for overdue fees: to the invoice address, the delegate and the organisation's contact.

At most one reminder per fee in 14 days (REMINDER_INTERVAL), decided here under a lock on the fee's row, so two
clicks at the same moment (or two people) send one reminder, and the admin cannot get around it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from fees.documents import iban_grouped
from fees.models import REMINDER_INTERVAL, Invoice, Reminder
from fees.selectors import reminder_recipients
from fees.services.invoices import file_content
from kernel.emails import build_email
from kernel.tasks import enqueue
from mail.health import person_for
from members import audit
from members.models import MembershipFee


class ReminderRefused(ValidationError):
    pass


def reminder_send(*, fee: MembershipFee, actor) -> Reminder:
    """Record a reminder of ``fee`` and send it after the commit; refused when the fee is not overdue or was
    reminded of less than 14 days ago."""
    now = timezone.now()
    with transaction.atomic():
        fee = MembershipFee.objects.select_for_update().select_related("organisation").get(pk=fee.pk)
        if not fee.is_overdue:
            raise ReminderRefused(_("%(fee)s is not overdue.") % {"fee": fee}, code="not_overdue")
        last = fee.reminders.order_by("-sent_at").first()
        if last is not None and now < last.sent_at + REMINDER_INTERVAL:
            raise ReminderRefused(
                _("%(fee)s was reminded of on %(last)s; the next reminder is possible from %(next)s.")
                % {
                    "fee": fee,
                    "last": date_format(timezone.localtime(last.sent_at), "SHORT_DATE_FORMAT"),
                    "next": date_format(timezone.localtime(last.sent_at + REMINDER_INTERVAL), "SHORT_DATE_FORMAT"),
                },
                code="too_soon",
            )
        recipients = reminder_recipients(fee)
        if not recipients:
            raise ReminderRefused(_("%(fee)s: no e-mail address to send a reminder to.") % {"fee": fee})
        reminder = Reminder.objects.create(
            fee=fee,
            invoice=Invoice.objects.open().filter(fee=fee).order_by("-sequence").first(),
            sent_at=now,
            sent_by=actor if getattr(actor, "is_authenticated", False) else None,
            amount=fee.amount,
            recipients=recipients,
        )
        audit.record(actor=actor, action="reminder.sent", target=fee, after={"recipients": ", ".join(recipients)})
        enqueue("fees.tasks.send_reminder", reminder.pk)
    return reminder


def reminder_deliver(*, reminder_id: int) -> int:
    """One e-mail per recipient of the reminder, in the person's language where the address is a person's."""
    reminder = Reminder.objects.select_related("fee__organisation", "invoice").filter(pk=reminder_id).first()
    if reminder is None:
        return 0
    attachment = file_content(reminder.invoice.pdf) if reminder.invoice else None
    bank = {
        "holder": settings.INVOICE_ACCOUNT_HOLDER,
        "iban": iban_grouped(settings.INVOICE_IBAN),
        "bic": settings.INVOICE_BIC,
    }
    for address in reminder.recipients:
        person = person_for(address)
        message = build_email(
            "fee_reminder",
            to=address,
            person=person,
            context={"reminder": reminder, "fee": reminder.fee, "invoice": reminder.invoice, "bank": bank},
            language=getattr(person, "language", "") or "de",
            official=True,
        )
        if attachment:
            message.attach(f"{reminder.invoice.number}.pdf", attachment, "application/pdf")
        message.send()
    return len(reminder.recipients)
