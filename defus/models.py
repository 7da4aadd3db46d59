from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
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
        ordering = ["pk"]
        verbose_name = _("task waiting for the broker")
        verbose_name_plural = _("tasks waiting for the broker")

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"


class DeliveryStatus(models.TextChoices):
    """Where a delivery stands (the values defus.lib.claims writes); each model offers those it uses."""

    PENDING = "pending", _("waiting")
    CLAIMED = "claimed", _("being sent")
    SENT = "sent", _("sent")
    SKIPPED = "skipped", _("nothing new")
    FAILED = "failed", _("failed, will be retried")


def delivery_status_field(*, inserted_as_claim: bool = False) -> models.CharField:
    """A delivery model's ``status``. Rows made waiting and claimed later (circulars, convening notices) can be
    waiting, being sent, sent or failed; rows inserted as their own claim (the digest) start as being sent and may
    end with nothing new to send."""
    done = (DeliveryStatus.SENT, DeliveryStatus.SKIPPED) if inserted_as_claim else (DeliveryStatus.SENT,)
    first = () if inserted_as_claim else (DeliveryStatus.PENDING,)
    statuses = (*first, DeliveryStatus.CLAIMED, *done, DeliveryStatus.FAILED)
    return models.CharField(
        _("status"), max_length=10, choices=[(status.value, status.label) for status in statuses], default=statuses[0]
    )


class Delivery(models.Model):
    """One sending to one recipient, claimed once before it goes out (defus.lib.claims): the digest's, a
    circular's, a convening notice's. Each model adds its recipient, its unique key and its ``status``
    (``delivery_status_field``)."""

    Status = DeliveryStatus

    claim = models.UUIDField(editable=False, null=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.CharField(_("last error"), max_length=300, blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        abstract = True


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
