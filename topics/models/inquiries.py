"""Member inquiries (Umfragen unter den Mitgliedern) and the answers of the organisations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.text import SingleLineField
from topics.models.groups import WorkingGroup
from topics.models.library import Document


class Inquiry(models.Model):
    """A member's question to every member organisation (or one working group): the Städteumfrage."""

    title = SingleLineField(_("title"), max_length=200)
    question = models.TextField(_("question"), help_text=_("Markdown: **bold**, *italic*, lists, [links](https://…)."))
    question_html = models.TextField(editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("asking organisation"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="inquiries",
        help_text=_("Empty: the question goes to every member organisation."),
    )
    deadline = models.DateTimeField(_("answers until"))
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    document = models.ForeignKey(
        Document,
        verbose_name=_("kept in the library as"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("member inquiry")
        verbose_name_plural = _("member inquiries")
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=models.F("created_at")), name="inquiry_deadline_after_asked"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return timezone.now() < self.deadline


class InquiryAnswer(models.Model):
    """One answer per organisation; anyone from it may edit it until the deadline."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="answers")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("answer"))
    text_html = models.TextField(editable=False)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "organisation"], name="inquiry_one_answer_per_organisation")
        ]

    def __str__(self):
        return f"{self.inquiry}: {self.organisation}"
