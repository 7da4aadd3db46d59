"""What every import run uploaded in the admin shares (funding calls, crime statistics): who uploaded it when, what
became of it and the counts of its result (``kernel.admin_imports`` is its admin)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    """One upload imported from the admin (funding calls, crime statistics): who uploaded it when, what became of
    it and the counts of its result. Each model adds its file, its ``state`` with their choices and its own
    counts."""

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    report = models.TextField(_("report"), blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_state_display()}"
