"""Discussions: threads, posts and what each person has seen."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.text import SingleLineField
from topics.models.groups import WorkingGroup


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
    # A file attached to a reply lands in the group's library; the post only links it.
    attachment = models.ForeignKey(
        "topics.Document",
        verbose_name=_("attachment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
    )

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
