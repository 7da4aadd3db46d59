"""Meetings (members' meeting, board meeting) and their agenda."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.text import SingleLineField


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

    def awaits_results(self) -> bool:
        """A resolution of this meeting still has no frozen result (the minutes wait for it)."""
        return self.resolutions.filter(closed_at__isnull=True).exists()

    def signatures_due(self, person) -> list[str]:
        """The signatures ``person`` still owes the minutes (fields): the chair's and the minute-taker's, once each
        (one person may be both). The button asks it; the service signs exactly these."""
        due = []
        if self.chair_id == person.pk and self.chair_signed_at is None:
            due.append("chair_signed_at")
        if self.minute_taker_id == person.pk and self.minute_taker_signed_at is None:
            due.append("minute_taker_signed_at")
        return due

    def takes_proxies(self, now=None) -> bool:
        """Proxies are recorded until voting starts (the last ones handed in at the door before the meeting
        begins), never afterwards: services.proxies says why."""
        now = now or timezone.now()
        return not self.is_board_meeting and not self.minutes_signed and not self.voting_started(now)

    def voting_started(self, now=None) -> bool:
        """Voting starts when the meeting begins or the first online ballot of its agenda opens.

        From then on no proxy is given, and the organisation that gave one can no longer revoke it (the holder
        may be counted on); the holder may still decline one not used yet (services.proxies).
        """
        now = now or timezone.now()
        if self.event.start <= now:
            return True
        # The resolution model through its relation: resolutions.py imports this module.
        online = self.resolutions.model.Procedure.ONLINE
        return self.resolutions.filter(procedure=online, opens_at__lte=now).exists()


class AgendaItem(models.Model):
    """A numbered item (Tagesordnungspunkt) with its motions (resolutions) and documents."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveSmallIntegerField(_("number"))
    title = SingleLineField(_("item"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    documents = models.ManyToManyField(
        "topics.Document", verbose_name=_("documents"), blank=True, related_name="agenda_items"
    )
    # The invitation or supplement that named this item as it stands; None while it was never sent, or after
    # it changed since (then only a supplement can announce it again). Whether it may be resolved: resolvable.
    announced_in = models.ForeignKey(
        "assemblies.ConveningNotice",
        verbose_name=_("announced in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="items",
    )

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_unique_number")]

    def __str__(self):
        return f"TOP {self.number}: {self.title}"

    @property
    def is_resolvable(self) -> bool:
        """A resolution may be taken on it: a board meeting needs no notice; a members' meeting only on
        subjects named in an invitation or supplement sent within the notice period (§ 32 Abs. 1 BGB)."""
        if self.meeting.is_board_meeting:
            return True
        return self.announced_in is not None and self.announced_in.is_timely
