"""The proof of convening: each mailing that convened a meeting or added to its agenda, and whom it reached.

Under § 32 Abs. 1 BGB a resolution is valid only if its subject was named when the meeting was convened.
So every invitation and every supplement (Nachtrag) is kept as sent, with the agenda it named and one
delivery row per recipient: the minutes show when it went to whom, and an item counts as announced only
through a notice sent in time.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assemblies.models.meetings import Meeting
from kernel.deliveries import Delivery, delivery_status_field


class ConveningNotice(models.Model):
    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        SUPPLEMENT = "supplement", _("Supplement to the agenda")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    covering_text = models.TextField(_("covering text"), blank=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The last instant a notice counted as timely when this one went out (the notice period before the start).
    deadline = models.DateTimeField(_("notice deadline"), null=True, blank=True)
    # The agenda as this notice named it: [{"number", "title", "motions": [{"title", "text", "majority"}]}].
    agenda = models.JSONField(_("agenda as sent"), default=list)

    class Meta:
        ordering = ["sent_at"]
        verbose_name = _("convening notice")
        verbose_name_plural = _("convening notices")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(kind="invitation"), name="convening_one_invitation_per_meeting"
            )
        ]

    def __str__(self):
        return f"{self.meeting}: {self.get_kind_display()} ({self.sent_at:%Y-%m-%d})"

    @property
    def is_timely(self) -> bool:
        return self.deadline is None or self.sent_at <= self.deadline


class ConveningDelivery(Delivery):
    """One recipient of a notice: a delegate, an organisation's own address, or a board member."""

    notice = models.ForeignKey(ConveningNotice, on_delete=models.CASCADE, related_name="deliveries")
    email = models.EmailField(_("address"))
    language = models.CharField(max_length=8, default="de")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = delivery_status_field()

    class Meta:
        ordering = ["email"]
        verbose_name = _("delivery of a convening notice")
        verbose_name_plural = _("deliveries of convening notices")
        constraints = [models.UniqueConstraint(fields=["notice", "email"], name="convening_delivery_once")]

    def __str__(self):
        return f"{self.notice}: {self.email} ({self.get_status_display()})"
