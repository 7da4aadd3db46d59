"""Payment reminders: one row per reminder sent, the record of who was reminded of which fee and when."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import MembershipFee

# A fee is reminded of at most once in this time (fees.services.reminders): a city hall's payment run takes
# its time, and a second letter a week later only annoys.
REMINDER_INTERVAL = datetime.timedelta(days=14)


class Reminder(models.Model):
    fee = models.ForeignKey(
        MembershipFee, verbose_name=_("membership fee"), on_delete=models.PROTECT, related_name="reminders"
    )
    invoice = models.ForeignKey(
        "fees.Invoice",
        verbose_name=_("invoice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reminders",
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    amount = models.DecimalField(_("amount outstanding (EUR)"), max_digits=9, decimal_places=2)
    recipients = models.JSONField(_("recipients"), default=list)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("payment reminder")
        verbose_name_plural = _("payment reminders")

    def __str__(self):
        return f"{self.fee} ({timezone.localtime(self.sent_at):%d.%m.%Y})"
