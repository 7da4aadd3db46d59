"""Votes, the anonymous ballot count, proxies, attendance and consents: each one row per voter, so the database
keeps "one vote per member organisation"."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assemblies.models.meetings import Meeting
from assemblies.models.resolutions import Candidate, Choice, Resolution
from kernel.text import SingleLineField


class VotingUnit(models.Model):
    """Who a vote or a presence belongs to: a member organisation (members' meeting) or a board member
    (board meeting, where members vote individually). Exactly one is set; each model's check says so."""

    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("board member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class Vote(VotingUnit):
    """One vote of one member organisation (or, in a board meeting, one board member).

    In a secret ballot ``choice`` stays empty: the vote only records who voted; how
    is added to BallotCount, which cannot be linked back to a voter.
    """

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="votes")
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("cast by"), on_delete=models.PROTECT, related_name="+"
    )
    proxy = models.ForeignKey(
        "Proxy", verbose_name=_("proxy"), on_delete=models.PROTECT, null=True, blank=True, related_name="votes"
    )
    recorded_in_meeting = models.BooleanField(_("recorded in the meeting"), default=False)
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices, blank=True)
    candidate = models.ForeignKey(
        Candidate, verbose_name=_("candidate"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)

    class Meta:
        ordering = ["cast_at", "pk"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["resolution", "organisation"], name="vote_one_per_organisation"),
            models.UniqueConstraint(fields=["resolution", "member"], name="vote_one_per_board_member"),
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, member__isnull=True)
                | Q(organisation__isnull=True, member__isnull=False),
                name="vote_of_organisation_or_board_member",
            ),
        ]

    def __str__(self):
        return f"{self.resolution}: {self.organisation or self.member}"


class BallotCount(models.Model):
    """Secret ballot: how many votes each option got, with nothing that points to a voter."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="ballot_counts")
    key = models.CharField(max_length=30)  # "yes", "no", "abstain" or "candidate-<pk>"
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["resolution", "key"], name="ballot_count_unique_key")]

    def __str__(self):
        return f"{self.resolution}: {self.key}={self.count}"


class ProxyQuerySet(models.QuerySet):
    def in_force(self):
        """Proxies that carry a vote: all but those on paper still waiting for a second person's approval."""
        return self.filter(awaiting_approval=False)


class Proxy(models.Model):
    """Stimmrechtsvollmacht: a member organisation's written proxy for a meeting, held by another delegate.

    One recorded from paper by the secretariat waits for a second person (four eyes) before it carries a vote:
    otherwise one person in the office could hand any organisation's vote to a delegate of their choosing.
    """

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="proxies")
    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("granted by (organisation)"), on_delete=models.PROTECT, related_name="+"
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("held by"), on_delete=models.PROTECT, related_name="proxies_held"
    )
    # The organisation's delegate (proxy granted in the portal, text form) or the secretariat (paper proxy).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    # A proxy handed in on paper: who signed it for the granting organisation, as written on it.
    signed_by = models.CharField(
        _("signed for the granting organisation by"),
        max_length=200,
        blank=True,
        help_text=_("For a proxy handed in on paper: name and function of the signatory, as on the document."),
    )
    awaiting_approval = models.BooleanField(_("awaiting approval"), default=False, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = ProxyQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        permissions = [("approve_proxy", _("Can approve a proxy on paper recorded by another person"))]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "organisation"], name="proxy_one_per_organisation"),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=models.F("recorded_by")),
                name="proxy_approved_by_a_second_person",
                violation_error_message=_("A second person approves a proxy, not the one who recorded it."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} → {self.holder}"


class Attendance(VotingUnit):
    """Who was present: a member organisation (members' meeting) or a board member (board meeting)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")

    class Meta:
        ordering = ["organisation__name", "member__last_name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "organisation"], name="attendance_one_per_organisation"),
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_one_per_board_member"),
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, member__isnull=True)
                | Q(organisation__isnull=True, member__isnull=False),
                name="attendance_of_organisation_or_board_member",
            ),
        ]

    def __str__(self):
        return str(self.organisation or self.member)


class Consent(models.Model):
    """A member organisation's declaration on a resolution without a meeting, in text form."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="consents")
    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    agrees = models.BooleanField(_("consents"))
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("declared by"), on_delete=models.PROTECT, related_name="+"
    )
    statement = SingleLineField(_("declaration"), max_length=500)
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(fields=["resolution", "organisation"], name="consent_one_per_organisation")
        ]

    def __str__(self):
        return f"{self.resolution}: {self.organisation}"
