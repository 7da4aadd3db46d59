from celery import shared_task

from kernel.tasks import EMAIL_TASK
from operations.services import backup_run, backups_check


@shared_task
def run_backup() -> int:
    """Beat task at BACKUP_AT: one archive into BACKUP_DIR, retention, alert on failure."""

    return backup_run().pk


@shared_task(**EMAIL_TASK)
def check_backups(self) -> bool:
    """Hourly: alert the secretariat when no backup has succeeded for 36 hours."""

    return backups_check()
