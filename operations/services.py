"""Backup runs: record each one, keep the archives retention wants, tell the secretariat when backups fail."""

import datetime
import logging
import time
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse
from django.utils import timezone

from kernel.emails import absolute_url, build_email
from members.bylaws import secretariat_emails
from operations import retention
from operations.backup import backup_create
from operations.models import BackupAlert, BackupResult, BackupRun
from operations.selectors import MISSING_AFTER, last_success

logger = logging.getLogger(__name__)


def backup_run(*, output_dir: Path | None = None, prune: bool = True) -> BackupRun:
    """Make a backup, record the run, apply retention on success and alert the secretariat on failure."""
    output_dir = Path(output_dir or settings.BACKUP_DIR)
    started_at = timezone.now()
    started = time.monotonic()
    try:
        made = backup_create(output_dir=output_dir)
    except Exception as exc:
        logger.exception("Backup failed")
        run = BackupRun.objects.create(
            started_at=started_at,
            duration=datetime.timedelta(seconds=time.monotonic() - started),
            result=BackupResult.FAILED,
            error=str(exc)[:2000] or exc.__class__.__name__,
        )
        backup_alert(kind="failed", run=run)
        return run
    run = BackupRun.objects.create(
        started_at=started_at,
        duration=datetime.timedelta(seconds=made.seconds),
        result=BackupResult.SUCCESS,
        file_name=made.path.name,
        size=made.size,
        encrypted=made.encrypted,
    )
    if prune:
        for path in retention.prune(output_dir):
            logger.info("Retention removed %s", path.name)
    return run


def _watch_started() -> datetime.datetime | None:
    """When this installation began to expect backups: operations' first migration."""
    return (
        MigrationRecorder.Migration.objects.filter(app="operations")
        .order_by("applied")
        .values_list("applied", flat=True)
        .first()
    )


def backups_check(*, now: datetime.datetime | None = None) -> bool:
    """Alert when no backup has succeeded for 36 hours (counted from installation when there never was one)."""
    now = now or timezone.now()
    success = last_success()
    since = success.started_at if success else _watch_started()
    if since is None or now - since <= MISSING_AFTER:
        return False
    return backup_alert(kind="missing")


def backup_alert(*, kind: str, run: BackupRun | None = None) -> bool:
    """Email the secretariat, once per incident (all trouble after the same last success); True if sent."""

    recipients = secretariat_emails()
    if not recipients:
        logger.error("Backup %s, and nobody holds the secretariat office to tell", kind)
        return False
    success = last_success()
    try:
        with transaction.atomic():
            alert = BackupAlert.objects.create(after_run=success.pk if success else 0, kind=kind)
    except IntegrityError:
        return False
    try:
        message = build_email(
            "backup_alert",
            to=recipients[0],
            language=settings.LANGUAGE_CODE,
            context={
                "kind": kind,
                "run": run,
                "last_success": success,
                "admin_url": absolute_url(reverse("admin:operations_backuprun_changelist")),
            },
        )
        message.to = recipients
        message.send()
    except OSError:
        alert.delete()
        raise
    return True
