"""The outbox: tasks kept while the broker was down (``kernel.tasks.enqueue`` writes, ``outbox_flush`` reads)."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxTask(models.Model):
    """A task the broker could not take when it was queued (Redis down); kept until it is published.

    ``defus.tasks.flush_outbox`` (every minute, beat) publishes each row once the broker is back
    and deletes it in the same transaction, so each task leaves the outbox exactly once.
    """

    task = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list, blank=True, encoder=DjangoJSONEncoder)
    kwargs = models.JSONField(_("keyword arguments"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(_("kept since"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("publishing attempts"), default=1)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        # The table, migrations and permissions stay those of the project app ("defus"), which lists this model.
        app_label = "defus"
        ordering = ["pk"]
        verbose_name = _("email or task waiting to be sent")
        verbose_name_plural = _("emails and tasks waiting to be sent")

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"
