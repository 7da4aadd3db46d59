"""Events of the association: meetings, conferences, webinars, study visits; registrations with a waitlist."""

import datetime
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defus.lib.text import SingleLineField, check_sane_datetime


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
        now = now or timezone.now()
        if self.status != self.Status.PUBLISHED or now >= self.start:
            return False
        if self.registration_opens and now < self.registration_opens:
            return False
        return not (self.registration_closes and now >= self.registration_closes)


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


class DatePoll(models.Model):
    """Terminfindung: an organiser proposes dates; invitees answer yes / maybe / no; closing picks one."""

    title = SingleLineField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("organiser"), on_delete=models.CASCADE, related_name="+"
    )
    group = models.ForeignKey(
        "topics.WorkingGroup",
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Invite a working group, or choose people below."),
    )
    invitees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("invited people"), blank=True, related_name="date_polls"
    )
    duration = models.DurationField(_("duration"), default=datetime.timedelta(hours=2))
    location = SingleLineField(_("place"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    chosen = models.ForeignKey("DatePollOption", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("date poll")
        verbose_name_plural = _("date polls")

    def __str__(self):
        return self.title


class DatePollOption(models.Model):
    poll = models.ForeignKey(DatePoll, on_delete=models.CASCADE, related_name="options")
    start = models.DateTimeField(_("date"))

    class Meta:
        ordering = ["start"]
        constraints = [models.UniqueConstraint(fields=["poll", "start"], name="poll_option_unique_start")]

    def __str__(self):
        return f"{self.poll}: {self.start:%Y-%m-%d %H:%M}"


class DatePollAnswer(models.Model):
    class Answer(models.TextChoices):
        YES = "yes", _("yes")
        MAYBE = "maybe", _("maybe")
        NO = "no", _("no")

    option = models.ForeignKey(DatePollOption, on_delete=models.CASCADE, related_name="answers")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=10, choices=Answer.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["option", "person"], name="poll_answer_one_per_person")]

    def __str__(self):
        return f"{self.person}: {self.answer}"


class ExchangeOffer(models.Model):
    """Hospitation: a member organisation offers to host a study visit on a theme."""

    host = models.ForeignKey(
        "members.Organisation", verbose_name=_("host"), on_delete=models.CASCADE, related_name="exchange_offers"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    theme = SingleLineField(_("theme"), max_length=200)
    what_to_see = models.TextField(_("what visitors can see"))
    possible_dates = SingleLineField(_("possible dates"), max_length=300)
    place = SingleLineField(_("place"), max_length=200)
    language = SingleLineField(_("language"), max_length=100, default="Deutsch")
    is_open = models.BooleanField(_("open for requests"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("study visit offer")
        verbose_name_plural = _("study visit offers")

    def __str__(self):
        return f"{self.host}: {self.theme}"


class ExchangeRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    offer = models.ForeignKey(ExchangeOffer, on_delete=models.CASCADE, related_name="requests")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("message"), blank=True)
    preferred_date = models.DateField(_("preferred date"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    event = models.ForeignKey(Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "organisation"], name="exchange_one_request_per_organisation")
        ]

    def __str__(self):
        return f"{self.organisation} → {self.offer}"


def _guest_token() -> str:
    return secrets.token_urlsafe(32)


class GuestRegistration(models.Model):
    """A person without an account registered for a public event (double opt-in).

    Pending until the emailed link is confirmed; only then does the guest take a seat (or a place on the
    waiting list), on the same seats and the same waiting list as members (events.services)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Not yet confirmed")
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    organisation = models.CharField(_("organisation"), max_length=200)
    role = models.CharField(_("role"), max_length=200)
    needs = models.TextField(_("dietary or accessibility needs"), blank=True, max_length=1000)
    language = models.CharField(max_length=5, choices=settings.LANGUAGES, default="de")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    # The secret of the personal link (view, cancel, certificate); the guest's only credential.
    token = models.CharField(max_length=64, unique=True, default=_guest_token, editable=False)
    consent_at = models.DateTimeField(_("privacy consent given"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # The place in the queue shared with members: set when the guest confirms.
    requested_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("guest registration")
        verbose_name_plural = _("guest registrations")
        constraints = [
            models.UniqueConstraint("event", models.functions.Lower("email"), name="guest_registration_one_per_address")
        ]
        indexes = [models.Index(fields=["event", "status", "requested_at"])]

    def __str__(self):
        return f"{self.name} – {self.event}"

    def get_absolute_url(self):
        return reverse("guest_registration", args=[self.token])


class AttendanceCertificate(models.Model):
    """Teilnahmebescheinigung: what its verification code proves. Only the name and the event are kept,
    so the record outlives the guest data deleted after the event."""

    code = models.CharField(_("verification code"), max_length=20, unique=True)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="certificates")
    name = models.CharField(_("name"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    # "m<user id>" or "g<guest id>": the same holder downloading again gets the same code.
    # Emptied when the guest's data is deleted.
    holder = models.CharField(max_length=30, blank=True, editable=False)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("attendance certificate")
        verbose_name_plural = _("attendance certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "holder"], condition=~Q(holder=""), name="certificate_one_per_holder"
            )
        ]

    def __str__(self):
        return f"{self.code}: {self.name}"
