from celery import shared_task
from django.core.management import call_command


@shared_task
def clear_expired_sessions() -> None:
    """Sessions are stored in the database; expired ones are personal data nobody needs."""
    call_command("clearsessions")
