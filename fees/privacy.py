"""Meine Daten, the fees' part: the payment reminders that went to the person's address.

Invoices and reminders are records of the member organisation's fee, kept for the legal retention period
(GoBD), so deleting an account does not erase them; the only link to a person is who sent a reminder on the
association's behalf.
"""

from fees.models import Reminder
from kernel.privacy import day

COVERS: set[str] = set()

NOT_PERSONAL = {
    "fees.Reminder.sent_by": "who sent a payment reminder on the association's behalf (secretariat or treasurer); "
    "the reminder is a record of the organisation's fee",
}


def export(person) -> dict:
    if person.organisation_id is None:
        return {"payment_reminders_received": []}
    address = person.email.strip().lower()
    reminders = Reminder.objects.filter(fee__organisation_id=person.organisation_id).select_related("fee")
    return {
        "payment_reminders_received": [
            {"fee_year": reminder.fee.year, "sent_at": day(reminder.sent_at)}
            for reminder in reminders.order_by("sent_at")
            if address in (recipient.lower() for recipient in reminder.recipients)
        ]
    }
