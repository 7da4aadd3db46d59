"""Circulars (Rundschreiben): the secretariat's or the board's letter to the members.

A circular is written as a draft, then sent once to its audience: every recipient gets one
``CircularDelivery`` (unique per circular and person), claimed before sending, so nothing
goes out twice. Sent circulars form the members' archive; who may read one follows from
its audience (``circulars.selectors``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.deliveries import Delivery, delivery_status_field


class Circular(models.Model):
    class Audience(models.TextChoices):
        ALL = "all", _("All members")
        DELEGATES = "delegates", _("Delegates")
        BOARD = "board", _("Board")
        GROUPS = "groups", _("Working groups")
        ORGANISATIONS = "organisations", _("Organisations")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENT = "sent", _("sent")

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Markdown: **bold**, *italic*, lists, links."))
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_en = models.TextField(
        _("text (English)"), blank=True, help_text=_("Optional; readers of English get the German text without it.")
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.ALL)
    groups = models.ManyToManyField(
        "topics.WorkingGroup",
        verbose_name=_("working groups"),
        blank=True,
        related_name="+",
        help_text=_("For the audience “Working groups”: the members of these groups."),
    )
    organisations = models.ManyToManyField(
        "members.Organisation",
        verbose_name=_("organisations"),
        blank=True,
        related_name="+",
        help_text=_("For the audience “Organisations”: the people of these organisations."),
    )
    documents = models.ManyToManyField(
        "topics.Document",
        verbose_name=_("documents from the library"),
        blank=True,
        related_name="+",
        help_text=_("Each recipient gets only the documents they may read."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False, db_index=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-sent_at", "-created_at"]
        verbose_name = _("circular")
        verbose_name_plural = _("circulars")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft", sent_at__isnull=True)
                | models.Q(status="sent", sent_at__isnull=False),
                name="circular_sent_has_sent_at",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_sent(self) -> bool:
        return self.status == self.Status.SENT

    def title_for(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en.strip() else self.title

    def body_for(self, language: str) -> str:
        return self.body_en if language == "en" and self.body_en.strip() else self.body


class CircularDelivery(Delivery):
    """One recipient's copy of a circular. Unique, and claimed before sending: nothing goes out twice."""

    circular = models.ForeignKey(
        Circular, verbose_name=_("circular"), on_delete=models.CASCADE, related_name="deliveries"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="circular_deliveries"
    )
    status = delivery_status_field()

    class Meta:
        ordering = ["circular", "person"]
        verbose_name = _("circular delivery")
        verbose_name_plural = _("circular deliveries")
        constraints = [
            models.UniqueConstraint(fields=["circular", "person"], name="circular_once_per_person"),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.circular} → {self.person}"
