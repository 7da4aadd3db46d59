"""The public face: what a member organisation shows publicly, requests to join, and feedback on accessibility.

Kept apart from ``members`` on purpose: the member record says who belongs; these say what the public sees and
what the public asked.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.text import SingleLineField
from members.models import Organisation
from members.models.organisations import FederalState, validate_municipality_key


def new_token() -> str:
    return secrets.token_urlsafe(32)


class MemberPage(models.Model):
    """A member organisation's public entry: its own prevention page, shown only where it agreed."""

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="public_page"
    )
    prevention_url = models.URLField(_("prevention page"), blank=True)
    link_consent = models.BooleanField(
        _("agreed to be linked"),
        default=False,
        help_text=_("The organisation agreed that its prevention page is linked on the public member page."),
    )
    consent_recorded_on = models.DateField(_("consent recorded on"), null=True, blank=True)
    place_name = SingleLineField(
        _("place on the map"),
        max_length=100,
        blank=True,
        help_text=_("The place whose coordinates mark the organisation on the map, when its name does not say it."),
    )

    class Meta:
        verbose_name = _("public member entry")
        verbose_name_plural = _("public member entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(link_consent=False) | Q(consent_recorded_on__isnull=False),
                name="public_memberpage_consent_dated",
                violation_error_message=_("Record the day the organisation agreed."),
            )
        ]

    def __str__(self):
        return str(self.organisation)

    @property
    def public_url(self) -> str:
        return self.prevention_url if self.link_consent else ""


class MembershipApplication(models.Model):
    """“Mitglied werden”: an organisation asks to join. Only a request confirmed from its contact's mailbox counts."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for the contact's confirmation")
        CONFIRMED = "confirmed", _("Waiting for the board's decision")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")

    name = SingleLineField(_("name of the organisation"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Organisation.Kind.choices)
    federal_state = models.CharField(_("federal state"), max_length=2, choices=FederalState.choices)
    municipality_key = models.CharField(
        _("official municipality key"), max_length=8, blank=True, validators=[validate_municipality_key]
    )
    efus_member = models.BooleanField(_("Efus member"), default=False)
    contact_name = SingleLineField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact email"), max_length=254)
    reason = models.TextField(_("why the organisation wants to join"), max_length=3000)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="de")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED)
    confirmation_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("requested"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    refusal_reason = models.TextField(_("reason for the refusal"), blank=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        permissions = [("decide_membershipapplication", _("Can accept or refuse a membership application"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""),
                name="public_application_refusal_has_reason",
                violation_error_message=_("A refusal needs its reason."),
            )
        ]

    def __str__(self):
        return self.name


class AccessibilityFeedback(models.Model):
    """A barrier reported from the accessibility statement; the secretariat answers within a month (BITV 2.0)."""

    name = SingleLineField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), max_length=254)
    page = SingleLineField(_("page or function"), max_length=500, blank=True)
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="de")
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    due_on = models.DateField(_("answer due"), editable=False)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d} {self.email}"
