"""Events, their agenda and registrations, and the personal calendar feed."""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.text import SingleLineField, check_sane_datetime


class Event(models.Model):
    class Kind(models.TextChoices):
        MEMBERS_MEETING = "members_meeting", _("Members' meeting")
        BOARD_MEETING = "board_meeting", _("Board meeting")
        WORKING_GROUP_MEETING = "working_group_meeting", _("Working group meeting")
        CONFERENCE = "conference", _("Conference")
        WEBINAR = "webinar", _("Webinar")
        STUDY_VISIT = "study_visit", _("Study visit")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    class Audience(models.TextChoices):
        MEMBERS = "members", _("All members")
        GROUP = "group", _("A working group")
        BOARD = "board", _("The board")
        INVITED = "invited", _("The people invited")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = SingleLineField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organised by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    location = SingleLineField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True, help_text=_("Empty: no limit."))
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.MEMBERS)
    group = models.ForeignKey(
        "topics.WorkingGroup",
        verbose_name=_("working group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    # The organiser right (participants, attendance, export) is theirs and the secretariat's, nobody else's.
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("organisers"), blank=True, related_name="organised_events"
    )
    # For the audience "invited" (an event fixed by a date poll without a working group).
    invitees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("invited people"), blank=True, related_name="invited_events"
    )
    # Public events (conferences, workshops) are listed without sign-in and take guest registrations.
    is_public = models.BooleanField(
        _("public, with guest registration"),
        default=False,
        help_text=_("Listed on the public event page; people without an account can register as guests."),
    )
    speakers = models.TextField(_("speakers"), blank=True, help_text=_("One speaker per line, with a short note."))
    certificate_hours = models.DecimalField(
        _("hours on attendance certificates"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Empty: the length of a one-day event, eight hours a day for longer ones."),
    )
    # RFC 5545: raised on every change that calendar clients must pick up.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["start"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        # Upcoming lists select on the end (an event under way is still upcoming) and sort by start.
        indexes = [models.Index(fields=["end"], name="event_end_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="event_end_after_start",
                violation_error_message=_("The event must end after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(audience="group") | Q(group__isnull=False),
                name="event_group_audience_has_group",
                violation_error_message=_("An event for a working group needs the working group."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="event_capacity_positive",
                violation_error_message=_("At least one seat, or leave the field empty for no limit."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("event_detail", args=[self.pk])

    def clean(self):
        # The admin and any model form: dates the calendar, the feeds and the mail can show.
        errors = {}
        for name in ("start", "end", "registration_opens", "registration_closes"):
            try:
                check_sane_datetime(getattr(self, name))
            except ValidationError as error:
                errors[name] = error
        if errors:
            raise ValidationError(errors)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def registration_is_open(self, now=None) -> bool:
        return self.registration_state(now) == "open"

    def registration_state(self, now=None) -> str:
        """``open``; ``later`` (published, ``registration_opens`` still ahead); or ``closed`` (a deadline or the
        start has passed, the event is cancelled or not published)."""
        now = now or timezone.now()
        if self.status != self.Status.PUBLISHED or now >= self.start:
            return "closed"
        if self.registration_opens and now < self.registration_opens:
            return "later"
        return "closed" if self.registration_closes and now >= self.registration_closes else "open"


class AgendaItem(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda")
    starts_at = models.TimeField(_("time"))
    title = SingleLineField(_("item"), max_length=300)
    speaker = SingleLineField(_("speaker"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")

    def __str__(self):
        return self.title


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    # The waiting list is served in the order people asked (re-registering goes to the back).
    requested_at = models.DateTimeField(_("registered at"), default=timezone.now)
    attended = models.BooleanField(_("attended"), default=False)
    show_in_participants = models.BooleanField(_("show me in the list of participants"), default=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="registration_one_per_person")]
        indexes = [models.Index(fields=["event", "status", "requested_at"])]

    def __str__(self):
        return f"{self.person} – {self.event}"


def _feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret token of a person's calendar feed; renewing it invalidates the old URL."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=_feed_token)

    def __str__(self):
        return f"{self.person}"

    def renew(self) -> None:
        self.token = _feed_token()
        self.save(update_fields=["token"])
