"""Working groups: a space per theme with its members. Leads come from offices (members.Mandate)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkingGroup(models.Model):
    class JoinPolicy(models.TextChoices):
        OPEN = "open", _("Open to every member")
        ON_REQUEST = "on_request", _("On request, approved by a lead")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    join_policy = models.CharField(_("joining"), max_length=20, choices=JoinPolicy.choices, default=JoinPolicy.OPEN)
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
    group = models.ForeignKey(WorkingGroup, verbose_name=_("working group"), on_delete=models.CASCADE)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="working_group_memberships",
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("working group membership")
        verbose_name_plural = _("working group memberships")
        constraints = [models.UniqueConstraint(fields=["group", "person"], name="membership_unique_person_per_group")]

    def __str__(self):
        return f"{self.person} – {self.group}"
