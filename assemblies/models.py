"""Members' meeting (Mitgliederversammlung), board meeting and their resolutions (Beschlüsse).

A meeting is also an event (place, online link, calendar). Its resolutions are voted
either in the meeting (the secretariat records each organisation's vote) or online by
the delegates within a window; a resolution without a meeting (Umlaufverfahren,
§ 32 Abs. 3 BGB) collects every member organisation's consent in text form.
Each vote is one row, unique per resolution and organisation (or board member), so the
database itself keeps "one vote per member organisation"; the rules live in services.py.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defus.lib.text import SingleLineField
from members.models import Role
from members.roles import BOARD_ROLES

ELECTABLE_ROLES = [(role.value, role.label) for role in Role if role in BOARD_ROLES or role == Role.AUDITOR]


def default_quorum_percent() -> int:
    return settings.ASSEMBLY_QUORUM_PERCENT


class Meeting(models.Model):
    class Body(models.TextChoices):
        MEMBERS = "members", _("Members' meeting")
        BOARD = "board", _("Board meeting")

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary")
        EXTRAORDINARY = "extraordinary", _("Extraordinary")

    title = SingleLineField(_("title"), max_length=200)
    body = models.CharField(_("body"), max_length=20, choices=Body.choices, default=Body.MEMBERS)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ORDINARY)
    event = models.OneToOneField(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        related_name="meeting",
        help_text=_("Date, place and online link come from the event (kind: members' meeting or board meeting)."),
    )
    # Kept with the meeting, so a later change of the setting does not change past results.
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (percent)"),
        default=default_quorum_percent,
        help_text=_("Share of those entitled to vote who must take part for a resolution to be valid."),
    )
    invitation_sent_at = models.DateTimeField(_("invitation sent"), null=True, blank=True, editable=False)
    convened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("convened by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chair of the meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    minute_taker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("minute-taker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    minutes_notes = models.TextField(
        _("notes for the minutes"), blank=True, help_text=_("Course of the meeting, reports, statements.")
    )
    chair_signed_at = models.DateTimeField(_("signed by the chair"), null=True, blank=True, editable=False)
    minute_taker_signed_at = models.DateTimeField(
        _("signed by the minute-taker"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-event__start"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_percent__lte=100),
                name="meeting_quorum_at_most_100",
                violation_error_message=_("The quorum is a share of at most 100 percent."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meeting_detail", args=[self.pk])

    def clean(self):
        expected = "board_meeting" if self.body == self.Body.BOARD else "members_meeting"
        if self.event_id and self.event.kind != expected:
            raise ValidationError({"event": _("The event's kind must match the meeting (members' or board meeting).")})

    @property
    def is_board_meeting(self) -> bool:
        return self.body == self.Body.BOARD

    @property
    def minutes_signed(self) -> bool:
        return self.chair_signed_at is not None and self.minute_taker_signed_at is not None

    def takes_proxies(self, now=None) -> bool:
        """Proxies are recorded until the meeting ends (the last ones handed in at the door), never afterwards."""
        now = now or timezone.now()
        return not self.is_board_meeting and not self.minutes_signed and now < self.event.end

    def voting_started(self, now=None) -> bool:
        """Voting starts when the meeting begins or the first online ballot of its agenda opens.

        From then on a proxy stands: the holder may have voted with it, or be counted on to.
        """
        now = now or timezone.now()
        if self.event.start <= now:
            return True
        return self.resolutions.filter(procedure=Resolution.Procedure.ONLINE, opens_at__lte=now).exists()


class AgendaItem(models.Model):
    """A numbered item (Tagesordnungspunkt) with its motions (resolutions) and documents."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveSmallIntegerField(_("number"))
    title = SingleLineField(_("item"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    documents = models.ManyToManyField(
        "topics.Document", verbose_name=_("documents"), blank=True, related_name="agenda_items"
    )

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_unique_number")]

    def __str__(self):
        return f"TOP {self.number}: {self.title}"


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


class Proxy(models.Model):
    """Stimmrechtsvollmacht: a member organisation's written proxy for a meeting, held by another delegate."""

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

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        constraints = [models.UniqueConstraint(fields=["meeting", "organisation"], name="proxy_one_per_organisation")]

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
