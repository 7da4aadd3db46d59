from celery import shared_task

from fees.services import invoice_send, reminder_deliver


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=3600, max_retries=8)
def send_invoice(self, invoice_id: int) -> bool:
    return invoice_send(invoice_id=invoice_id)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=3600, max_retries=8)
def send_reminder(self, reminder_id: int) -> int:
    return reminder_deliver(reminder_id=reminder_id)
