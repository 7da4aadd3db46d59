from celery import shared_task

from fees.services import invoice_send, reminder_deliver
from kernel.tasks import EMAIL_TASK


@shared_task(**EMAIL_TASK)
def send_invoice(self, invoice_id: int) -> bool:
    return invoice_send(invoice_id=invoice_id)


@shared_task(**EMAIL_TASK)
def send_reminder(self, reminder_id: int) -> int:
    return reminder_deliver(reminder_id=reminder_id)
