"""The document library: documents with a sensitivity label, and their versions."""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.text import SingleLineField
from topics.models.groups import WorkingGroup


class Document(models.Model):
    class Label(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("All members")
        GROUP = "group", _("Working group")
        BOARD = "board", _("Board")

    class Category(models.TextChoices):
        GOOD_PRACTICE = "good_practice", _("Good practice")
        RESEARCH = "research", _("Research / study")
        MINUTES = "minutes", _("Minutes")
        PRESENTATION = "presentation", _("Presentation")
        TEMPLATE = "template", _("Template")
        OTHER = "other", _("Other")

    title = SingleLineField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    label = models.CharField(_("sensitivity"), max_length=20, choices=Label.choices, default=Label.MEMBERS)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices, default=Category.OTHER)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="de")
    year = models.PositiveSmallIntegerField(_("year"))
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("originating organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    groups = models.ManyToManyField(
        WorkingGroup, verbose_name=_("working groups"), related_name="documents", blank=True
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        help_text=_("Minutes or slides of an event."),
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("added"), default=timezone.now, db_index=True)
    current_version = models.ForeignKey(
        "DocumentVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Title (weight A) and description (B) for full-text search, kept by a PostgreSQL trigger (migration 0005)
    # so ranking reads it instead of re-parsing every match. Unused (empty) on SQLite, which matches substrings.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title


def _version_path(instance, filename):
    # Never a guessable or user-controlled path; downloads go through a view that checks rights.
    return f"documents/{instance.document_id}/{uuid.uuid4().hex}"


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(upload_to=_version_path)
    filename = SingleLineField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="version_unique_number")]

    def __str__(self):
        return f"{self.document} v{self.number}"
