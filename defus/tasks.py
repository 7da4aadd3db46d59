from celery import shared_task
from django.core.management import call_command

from kernel.tasks import outbox_flush


@shared_task
def clear_expired_sessions() -> None:
    """Sessions are stored in the database; expired ones are personal data nobody needs."""
    call_command("clearsessions")


@shared_task
def flush_outbox() -> int:
    """Beat task: publish the tasks kept while the broker was down (see kernel.tasks)."""
    return outbox_flush()
