"""The mail path's records: how well a person's address receives mail, what came in, what went out once."""

import datetime

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kernel.deliveries import Delivery, delivery_status_field

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
    # The reply or bounce address this message used up (mail.identity's ``key``): each is good for one post
    # or one bounce, whichever message brings it.
    token_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("incoming message")
        verbose_name_plural = _("incoming messages")

    def __str__(self):
        return self.message_id

    def claim(self, token_key: str) -> bool:
        """Use up an address for this message; False when another message used it first."""
        try:
            with transaction.atomic():
                InboundMessage.objects.filter(pk=self.pk).update(token_key=token_key)
        except IntegrityError:
            return False
        self.token_key = token_key
        return True


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


# --- The weekly digest (moved here from members/ with its data: migration mail 0002) -----------


class DigestNote(models.Model):
    """The secretariat's note for one week's digest ("Aus der Geschäftsstelle")."""

    period = models.DateField(_("sending day"), unique=True, help_text=_("The day the digest with this note goes out."))
    text_de = models.TextField(_("text (German)"), help_text=_("Markdown: *italic*, **bold**, [link](https://…)."))
    text_en = models.TextField(
        _("text (English)"), blank=True, help_text=_("Empty: English readers get the German text.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-period"]
        verbose_name = _("note from the secretariat")
        verbose_name_plural = _("notes from the secretariat")

    def __str__(self):
        # The date as the reader writes it ("30. November 2026"), as in the list, not ISO.
        return date_format(self.period, "DATE_FORMAT")

    def text_for(self, language: str) -> str:
        return self.text_en if language == "en" and self.text_en.strip() else self.text_de


class DigestRun(models.Model):
    """One run of the dispatcher for a period: what it found and what became of it."""

    period = models.DateTimeField(_("period"), db_index=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("due"), default=0)
    sent = models.PositiveIntegerField(_("sent"), default=0)
    skipped = models.PositiveIntegerField(_("skipped (nothing new)"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    batches = models.PositiveIntegerField(default=0, editable=False)
    batches_done = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("digest run")
        verbose_name_plural = _("digest runs")

    def __str__(self):
        return f"{self.period:%Y-%m-%d %H:%M}"


class DigestDelivery(Delivery):
    """One person's digest for one period. Unique, and claimed before sending: nothing goes out twice."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="digests"
    )
    period = models.DateTimeField(_("period"))
    run = models.ForeignKey(DigestRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="deliveries")
    status = delivery_status_field(inserted_as_claim=True)
    # Inserted as the claim itself (mail.digest.sending.claim): the first attempt, claimed when it is made.
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    claimed_at = models.DateTimeField(_("claimed"), default=timezone.now)

    class Meta:
        ordering = ["-period", "person"]
        verbose_name = _("digest delivery")
        verbose_name_plural = _("digest deliveries")
        constraints = [models.UniqueConstraint(fields=["person", "period"], name="digest_once_per_person_and_period")]
        indexes = [models.Index(fields=["period", "status"])]

    def __str__(self):
        return f"{self.person} · {self.period:%Y-%m-%d}"
