from celery import shared_task

from circulars.sending import retry_failed, send_batch
from kernel.tasks import MAILING_BATCH_TASK
from mail import delivery


@shared_task(**MAILING_BATCH_TASK)
def send_circular_batch(self, circular_id: int, person_ids: list[int]) -> dict:
    """Send one batch; those whose sending failed (SMTP down) are retried with a growing pause."""

    outcome = send_batch(circular_id=circular_id, person_ids=person_ids)
    # In-process (no worker) a failure waits for the hourly retry (retry_failed_circulars).
    if not delivery.is_final(self, outcome):
        raise delivery.retry_later(self, args=(circular_id, outcome["failed"]))
    return {key: len(ids) for key, ids in outcome.items()}


@shared_task
def retry_failed_circulars() -> int:
    """Hourly: queue the deliveries a long SMTP outage left failed (never twice: they are claimed)."""

    return retry_failed()
