"""Guests of public events and attendance certificates."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models.event import Event
from kernel.text import SingleLineField


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
    # One line each: they are printed on badges and certificates.
    name = SingleLineField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    organisation = SingleLineField(_("organisation"), max_length=200)
    role = SingleLineField(_("role"), max_length=200)
    needs = models.TextField(_("dietary or accessibility needs"), blank=True, max_length=1000)
    language = models.CharField(max_length=5, choices=settings.LANGUAGES, default="de")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    # The secret of the personal link (view, cancel, certificate); the guest's only credential.
    token = models.CharField(max_length=64, unique=True, default=_guest_token, editable=False)
    # The secret of the emailed confirmation link, random and kept here (a signed link would carry readable data);
    # replaced with every new request for the address, so only the latest link confirms.
    confirmation_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    consent_at = models.DateTimeField(_("privacy consent given"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # The place in the queue shared with members: set when the guest confirms.
    requested_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    # Claimed with a conditional UPDATE before the "certificate ready" email goes out: sent once per guest.
    certificate_mailed_at = models.DateTimeField(_("certificate email sent"), null=True, blank=True, editable=False)

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
    name = SingleLineField(_("name"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    # "m<user id>" or "g<guest id>": the same holder downloading again gets the same code.
    # Emptied when the guest's data is deleted, or the member's account.
    holder = models.CharField(max_length=30, blank=True, editable=False)
    # The member it was issued to, as a link Meine Daten follows (holder is only the key for the same code again):
    # exported with the person's data and pseudonymised when the account is deleted (events.privacy).
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attendance_certificates",
        editable=False,
    )

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
