"""The mail path's records: how well a person's address receives mail, what came in, what went out once."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Like Discourse: a hard bounce counts 2, a soft one 1, at most one bounce a day; at 4 no more mail goes out,
# and 30 days without a bounce forgive everything.
HARD_BOUNCE_SCORE = 2
SOFT_BOUNCE_SCORE = 1
SUPPRESS_AT = 4
FORGIVE_AFTER = datetime.timedelta(days=30)


class AddressHealth(models.Model):
    """Bounces of one person's address. Absent means healthy."""

    class Kind(models.TextChoices):
        HARD = "hard", _("Permanent (5.x.x)")
        SOFT = "soft", _("Temporary (4.x.x)")

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="address_health"
    )
    address = models.EmailField(_("address"), help_text=_("The address that bounced."))
    score = models.PositiveSmallIntegerField(_("bounce score"), default=0)
    last_bounce_at = models.DateTimeField(_("last bounce"), null=True, blank=True)
    last_bounce_kind = models.CharField(_("kind of the last bounce"), max_length=10, choices=Kind.choices, blank=True)
    last_status = models.CharField(_("last status"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("address health")
        verbose_name_plural = _("address health")

    def __str__(self):
        return f"{self.address}: {self.score}"

    def current_score(self, now=None) -> int:
        now = now or timezone.now()
        if self.last_bounce_at is None or now - self.last_bounce_at > FORGIVE_AFTER:
            return 0
        return self.score

    @property
    def is_suppressed(self) -> bool:
        return self.current_score() >= SUPPRESS_AT


class InboundMessage(models.Model):
    """Every message receive_mail accepted, once per Message-ID: a second delivery of the same one does nothing."""

    class Outcome(models.TextChoices):
        POSTED = "posted", _("Posted")
        REFUSED = "refused", _("Refused, the sender was told")
        DROPPED = "dropped", _("Dropped (automatic or expired)")
        BOUNCE = "bounce", _("Bounce recorded")

    key = models.CharField(max_length=64, unique=True, editable=False)  # sha256 of the Message-ID
    message_id = models.CharField(_("Message-ID"), max_length=300)
    sender = models.CharField(_("sender"), max_length=300, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    post = models.ForeignKey(
        "topics.Post", verbose_name=_("post"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("incoming message")
        verbose_name_plural = _("incoming messages")

    def __str__(self):
        return self.message_id


class PostDelivery(models.Model):
    """One post emailed to one person: claimed before sending, so nobody gets it twice."""

    post = models.ForeignKey("topics.Post", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "person"], name="post_delivery_once_per_person")]

    def __str__(self):
        return f"{self.post_id} → {self.person_id}"
