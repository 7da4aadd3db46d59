from celery import shared_task

from operations.services import backup_run, backups_check


@shared_task
def run_backup() -> int:
    """Beat task at BACKUP_AT: one archive into BACKUP_DIR, retention, alert on failure."""

    return backup_run().pk


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=60, retry_backoff_max=3600, max_retries=10)
def check_backups(self) -> bool:
    """Hourly: alert the secretariat when no backup has succeeded for 36 hours."""

    return backups_check()
