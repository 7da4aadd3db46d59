import datetime

from django.utils import timezone

from operations.models import BackupResult, BackupRun

# A daily backup that has not succeeded for this long is missing.
MISSING_AFTER = datetime.timedelta(hours=36)


def backup_status(*, now: datetime.datetime | None = None) -> str:
    """ "failed" when the latest run failed, "ok" with a success in the last 36 hours, else "missing"."""
    now = now or timezone.now()
    latest = BackupRun.objects.order_by("-started_at").only("result", "started_at").first()
    if latest is not None and latest.result == BackupResult.FAILED:
        return "failed"
    if latest is not None and latest.started_at >= now - MISSING_AFTER:
        return "ok"
    return "missing"


def last_success() -> BackupRun | None:
    return BackupRun.objects.filter(result=BackupResult.SUCCESS).order_by("-started_at").first()
