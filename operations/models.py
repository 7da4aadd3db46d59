"""Records of backups: every run (scheduled or by hand) and the alerts sent about them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BackupResult(models.TextChoices):
    SUCCESS = "success", _("succeeded")
    FAILED = "failed", _("failed")


class BackupRun(models.Model):
    started_at = models.DateTimeField(_("started"), db_index=True)
    duration = models.DurationField(_("duration"))
    result = models.CharField(_("result"), max_length=10, choices=BackupResult.choices)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    size = models.BigIntegerField(_("size in bytes"), null=True, blank=True)
    encrypted = models.BooleanField(_("encrypted"), default=False)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("backup")
        verbose_name_plural = _("backups")

    def __str__(self) -> str:
        return self.file_name or f"{self.started_at:%Y-%m-%d %H:%M} ({self.get_result_display()})"


class BackupAlert(models.Model):
    """One email to the secretariat per incident. An incident is everything that goes wrong after the same
    last successful backup (``after_run``, 0 when there never was one); a new success starts a new count."""

    after_run = models.PositiveBigIntegerField(_("after successful backup"), unique=True)
    kind = models.CharField(_("kind"), max_length=10)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("backup alert")
        verbose_name_plural = _("backup alerts")

    def __str__(self) -> str:
        return f"{self.kind} {self.sent_at:%Y-%m-%d %H:%M}"
