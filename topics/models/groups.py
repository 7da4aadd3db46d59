"""Working groups, who belongs to them and who follows them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.text import SingleLineField


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


class FormerGroupAddress(models.Model):
    """A short name a group had before (renamed, or written before umlauts were kept): its old addresses
    lead to the group's current ones."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="former_addresses")
    slug = models.SlugField(_("short name"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("former address")
        verbose_name_plural = _("former addresses")

    def __str__(self):
        return self.slug


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
