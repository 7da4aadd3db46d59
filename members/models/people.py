"""The people who act for the organisations: accounts, their consents and the invitations that lead to them."""

import secrets

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.text import SingleLineField
from members.models.organisations import Organisation
from members.roles import is_board_or_secretariat


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields["is_superuser"] = True
        return self.create_user(email, password, **fields)


class Salutation(models.TextChoices):
    """The Anrede of a letter (kernel.letters); stored as the member list writes it, read in any language."""

    MS = "Frau", _("Ms")
    MR = "Herr", _("Mr")


class DigestFrequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    OFF = "off", _("Off")


class User(AbstractBaseUser, PermissionsMixin):
    """A person who acts for a member organisation (or for the secretariat).

    There is no stored ``is_staff`` flag: admin access follows from the offices
    a person holds today (see ``members.bylaws``), so it ends with the term.
    """

    class Level(models.TextChoices):
        LEADERSHIP = "leadership", _("Leadership level")
        WORKING = "working", _("Working level")

    email = models.EmailField(_("email address"), unique=True)
    salutation = SingleLineField(
        _("salutation"),
        max_length=20,
        blank=True,
        choices=Salutation.choices,
        help_text=_("How letters address the person; without one they open with “Guten Tag” and the full name."),
    )
    title = SingleLineField(_("academic title"), max_length=40, blank=True, help_text=_("For example Dr. or Prof. Dr."))
    first_name = SingleLineField(_("first name"), max_length=100, blank=True)
    last_name = SingleLineField(_("last name"), max_length=100, blank=True)
    position = SingleLineField(_("position"), max_length=200, blank=True)
    phone = SingleLineField(_("phone"), max_length=40, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.WORKING)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="de")
    # What the person agreed to show other members (name and organisation are always visible to members).
    show_email = models.BooleanField(_("show my email address in the directory"), default=False)
    show_phone = models.BooleanField(_("show my phone number in the directory"), default=False)
    show_position = models.BooleanField(_("show my position in the directory"), default=False)
    digest = models.CharField(
        _("weekly digest"), max_length=10, choices=DigestFrequency.choices, default=DigestFrequency.WEEKLY
    )
    # Official post (circulars, meeting invitations, vote receipts, proxy notices, fee reminders) goes by email
    # whatever the digest setting; only this choice of the person stops it, from this moment on (mail.official).
    official_post_portal_only_since = models.DateTimeField(
        _("official post in the portal only, not by email, since"), null=True, blank=True, editable=False
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # The first steps checklist on the dashboard stays until the person dismisses it.
    onboarding_dismissed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        # Never the email address: it is shown only to those the person agreed to show it to.
        return self.get_full_name() or str(_("(no name)"))

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or str(_("(no name)"))

    def directory_fields(self) -> list[tuple[str, str, str]]:
        """(key, label, value) of the contact fields this person agreed to show other members."""
        shown = [
            ("position", _("Position"), self.position, self.show_position),
            ("email", _("Email"), self.email, self.show_email),
            ("phone", _("Phone"), self.phone, self.show_phone),
        ]
        return [(key, label, value) for key, label, value, consented in shown if consented and value]

    @property
    def is_staff(self) -> bool:
        return self.is_active and (self.is_superuser or is_board_or_secretariat(self))


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """The secretariat's invitation: the only way to an account."""

    email = models.EmailField(_("email address"))
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        User, verbose_name=_("invited by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.OneToOneField(
        User, verbose_name=_("account"), on_delete=models.SET_NULL, null=True, blank=True, related_name="invitation"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # Set when the one reminder went out (claimed with a conditional UPDATE, so never twice).
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return self.email

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()


class ConsentRecord(models.Model):
    """What a person agreed to (or withdrew) and when. Append-only."""

    class Subject(models.TextChoices):
        DIRECTORY_EMAIL = "directory_email", _("Email address visible in the directory")
        DIRECTORY_PHONE = "directory_phone", _("Phone number visible in the directory")
        DIRECTORY_POSITION = "directory_position", _("Position visible in the directory")
        DIGEST = "digest", _("Weekly digest by email")
        OFFICIAL_POST_PORTAL_ONLY = "official_post_portal_only", _("Official post in the portal only, not by email")

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consent_records")
    subject = models.CharField(_("subject"), max_length=40, choices=Subject.choices)
    granted = models.BooleanField(_("granted"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self):
        return f"{self.get_subject_display()}: {self.granted}"
