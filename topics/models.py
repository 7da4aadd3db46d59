"""Working groups: a space per theme with members, discussions, a document library and follows.

Leads come from offices (members.Mandate with role working_group_lead).
"""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defus.lib.text import SingleLineField


class WorkingGroup(models.Model):
    class JoinPolicy(models.TextChoices):
        OPEN = "open", _("Open to every member")
        ON_REQUEST = "on_request", _("On request, approved by a lead")

    name = SingleLineField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    join_policy = models.CharField(_("joining"), max_length=20, choices=JoinPolicy.choices, default=JoinPolicy.OPEN)
    is_restricted = models.BooleanField(
        _("restricted"), default=False, help_text=_("Only members of the group can read its discussions.")
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="working_groups", verbose_name=_("members")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self):
        return self.name


class Membership(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Member")
        REQUESTED = "requested", _("Requested")

    group = models.ForeignKey(WorkingGroup, verbose_name=_("working group"), on_delete=models.CASCADE)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="working_group_memberships",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("working group membership")
        verbose_name_plural = _("working group memberships")
        constraints = [models.UniqueConstraint(fields=["group", "person"], name="membership_unique_person_per_group")]

    def __str__(self):
        return f"{self.person} – {self.group}"


class Follow(models.Model):
    """Following a group brings its activity to the dashboard and the digest; ``every_post`` also
    emails each new discussion and reply at once (mail.posts), while the person may read the group."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now)
    every_post = models.BooleanField(_("every post by email"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "person"], name="follow_unique_person_per_group")]

    def __str__(self):
        return f"{self.person} → {self.group}"


class Thread(models.Model):
    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("working group"), on_delete=models.CASCADE, related_name="threads"
    )
    title = SingleLineField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # Kept by the services when a post is added, so lists sort without aggregating.
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    post_count = models.PositiveIntegerField(default=0)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_closed = models.BooleanField(_("closed"), default=False)

    class Meta:
        ordering = ["-is_pinned", "-last_activity_at"]
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        indexes = [models.Index(fields=["group", "-is_pinned", "-last_activity_at"])]

    def __str__(self):
        return self.title


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("text"), help_text=_("Markdown: **bold**, *italic*, lists, [links](https://…)."))
    body_html = models.TextField(editable=False)
    is_opening = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(_("written"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = SingleLineField(_("reason for hiding"), max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="post_hidden_has_reason",
                violation_error_message=_("A hidden post needs a reason."),
            )
        ]

    def __str__(self):
        return f"{self.thread}: {self.pk}"


class ThreadVisit(models.Model):
    """When a person last read a thread: what is newer is marked as new."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="visits")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "person"], name="visit_unique_person_per_thread")]

    def __str__(self):
        return f"{self.person} read {self.thread}"


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
