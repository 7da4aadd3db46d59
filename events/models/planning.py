"""Planning: date polls (Terminfindung) and the study-visit exchange."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models.event import Event
from kernel.text import SingleLineField


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
