"""What every delivery row shares (the digest's, a circular's, a convening notice's): claimed once before it goes
out (``kernel.claims``), its attempts, last error and times; each model adds its recipient, its unique key and its
``status`` from ``delivery_status_field``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryStatus(models.TextChoices):
    """Where a delivery stands (the values kernel.claims writes); each model offers those it uses."""

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
    """One sending to one recipient, claimed once before it goes out (kernel.claims): the digest's, a
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
