"""Resolutions (Beschlüsse): motions and elections, their candidates, and the choices of a vote."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assemblies.models.meetings import AgendaItem, Meeting
from kernel.text import SingleLineField
from members.models import Role
from members.roles import BOARD_ROLES

ELECTABLE_ROLES = [(role.value, role.label) for role in Role if role in BOARD_ROLES or role == Role.AUDITOR]


class Resolution(models.Model):
    """A motion put to the vote, and once closed its frozen result."""

    class Majority(models.TextChoices):
        SIMPLE = "simple", _("Simple majority of the votes cast")
        THREE_QUARTERS = "three_quarters", _("Three quarters of the votes cast (change of the bylaws)")
        ALL_MEMBERS = "all_members", _("All members (change of purpose)")

    class Procedure(models.TextChoices):
        IN_MEETING = "in_meeting", _("Voting in the meeting (recorded by the secretariat)")
        ONLINE = "online", _("Online voting by the delegates")
        WITHOUT_MEETING = "without_meeting", _("Without a meeting: consent of all members in text form")

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Rejected")
        NOT_QUORATE = "not_quorate", _("Invalid: quorum not reached")

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resolutions",
        help_text=_("Empty only for a resolution without a meeting."),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolutions",
    )
    title = SingleLineField(_("title"), max_length=250)
    text = models.TextField(_("text of the motion"))
    majority = models.CharField(_("required majority"), max_length=20, choices=Majority.choices, default="simple")
    procedure = models.CharField(_("procedure"), max_length=20, choices=Procedure.choices, default="in_meeting")
    is_secret = models.BooleanField(
        _("secret ballot"), default=False, help_text=_("Who voted is recorded, not how (elections).")
    )
    opens_at = models.DateTimeField(_("voting opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("voting closes"), null=True, blank=True)
    # Elections: the office and term the winner takes up.
    office = models.CharField(_("office to elect"), max_length=30, choices=ELECTABLE_ROLES, blank=True)
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    position_paper = models.ForeignKey(
        "topics.Document",
        verbose_name=_("position paper"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolutions",
        help_text=_("Published in the library (public) when the resolution is adopted."),
    )
    # The frozen result: written once by services.resolution_close, never recomputed.
    closed_at = models.DateTimeField(_("result frozen"), null=True, blank=True, editable=False)
    outcome = models.CharField(_("result"), max_length=20, choices=Outcome.choices, blank=True, editable=False)
    tally = models.JSONField(_("tally"), default=dict, blank=True, editable=False)
    elected = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("elected"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    office_note = models.CharField(_("note on the office"), max_length=500, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["agenda_item__number", "pk"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        constraints = [
            models.CheckConstraint(
                condition=Q(procedure="without_meeting") | Q(meeting__isnull=False),
                name="resolution_meeting_unless_without",
                violation_error_message=_("A resolution is taken in a meeting unless it is taken without one."),
            ),
            models.CheckConstraint(
                condition=Q(procedure="in_meeting")
                | Q(opens_at__isnull=False, closes_at__isnull=False, closes_at__gt=models.F("opens_at")),
                name="resolution_window_for_online",
                violation_error_message=_(
                    "Online voting and consent in text form need a window that ends after it opens."
                ),
            ),
            models.CheckConstraint(
                condition=Q(term_start__isnull=True)
                | Q(term_end__isnull=True)
                | Q(term_end__gte=models.F("term_start")),
                name="resolution_term_end_after_start",
                violation_error_message=_("The term must not end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(office="") | Q(term_start__isnull=False),
                name="resolution_election_has_term",
                violation_error_message=_("An election needs the start of the term."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("resolution_detail", args=[self.pk])

    @property
    def is_election(self) -> bool:
        return bool(self.office)

    @property
    def is_frozen(self) -> bool:
        return self.closed_at is not None

    @property
    def is_board(self) -> bool:
        return self.meeting_id is not None and self.meeting.body == Meeting.Body.BOARD

    def window_is_open(self, now=None) -> bool:
        """Online voting or consent: open from ``opens_at`` up to (not including) ``closes_at``."""
        if self.is_frozen or self.procedure == self.Procedure.IN_MEETING:
            return False
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class Candidate(models.Model):
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [models.UniqueConstraint(fields=["resolution", "person"], name="candidate_unique_person")]

    def __str__(self):
        return str(self.person)


class Choice(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstention")
