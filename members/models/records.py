"""The association's own records: the audit log and the imports of the member list."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models.people import User


class AuditEntry(models.Model):
    """Who changed which association record, when, and how. Written by members.audit only."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User, verbose_name=_("who"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=60, db_index=True)
    target_type = models.CharField(_("record type"), max_length=60)
    target_id = models.CharField(_("record id"), max_length=40)
    target_repr = models.CharField(_("record"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    # Where a change came from when not from a form, e.g. "Import: mitglieder.xlsx".
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.action} {self.target_repr}"


# --- Moving in: the member list from a spreadsheet -------------------------------------


class ImportRun(models.Model):
    """One upload of the member list: its preview report, and once confirmed, what was written.

    The file is kept (as bytes, never under a guessable path) only between preview and
    confirmation; it is dropped once the run is applied or refused. Checking and applying run
    in the background (members.imports.runs); ``started_at`` says since when the current step is
    queued or running, so a step whose worker stopped can be told from a slow one.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", _("being checked")
        PREVIEW = "preview", _("preview, not applied")
        APPLYING = "applying", _("being applied")
        APPLIED = "applied", _("applied")
        FAILED = "failed", _("refused")

    file_name = models.CharField(_("file"), max_length=255)
    content = models.BinaryField(editable=False, null=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PREVIEW)
    created_by = models.ForeignKey(
        User, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    started_at = models.DateTimeField(_("step started"), null=True, blank=True, editable=False)
    report = models.JSONField(_("report"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("member list import")
        verbose_name_plural = _("member list imports")

    def __str__(self):
        return self.file_name
