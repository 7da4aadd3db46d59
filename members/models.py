"""Organisations, the people who act for them, their offices and invitations."""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defus.lib.text import SingleLineField


class FederalState(models.TextChoices):
    BW = "BW", "Baden-Württemberg"
    BY = "BY", "Bayern"
    BE = "BE", "Berlin"
    BB = "BB", "Brandenburg"
    HB = "HB", "Bremen"
    HH = "HH", "Hamburg"
    HE = "HE", "Hessen"
    MV = "MV", "Mecklenburg-Vorpommern"
    NI = "NI", "Niedersachsen"
    NW = "NW", "Nordrhein-Westfalen"
    RP = "RP", "Rheinland-Pfalz"
    SL = "SL", "Saarland"
    SN = "SN", "Sachsen"
    ST = "ST", "Sachsen-Anhalt"
    SH = "SH", "Schleswig-Holstein"
    TH = "TH", "Thüringen"


# Amtlicher Gemeindeschlüssel: 8 digits for a municipality (state 2, district 1, county 2, municipality 3),
# 5 for an urban or rural district (Kreis).
validate_municipality_key = RegexValidator(
    r"^(\d{5}|\d{8})$",
    _("Enter the official municipality key: 8 digits for a municipality, 5 for a district."),
)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CITY = "city", _("City")
        DISTRICT = "district", _("District")
        PREVENTION_COUNCIL = "prevention_council", _("State prevention council")
        ORGANISATION = "organisation", _("Organisation")

    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        ACTIVE = "active", _("Active member")
        SUSPENDED = "suspended", _("Suspended")
        LEFT = "left", _("Left")

    name = SingleLineField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    federal_state = models.CharField(_("federal state"), max_length=2, choices=FederalState.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.APPLICANT)
    joined_on = models.DateField(_("member since"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    efus_member = models.BooleanField(_("Efus member"), default=False)
    municipality_key = models.CharField(
        _("official municipality key"),
        max_length=8,
        blank=True,
        validators=[validate_municipality_key],
        help_text=_(
            "Amtlicher Gemeindeschlüssel (8 digits; 5 for a district). Empty for organisations without a territory."
        ),
    )
    # Membership conditions of the bylaws, recorded on admission.
    shares_aims = models.BooleanField(_("shares the association's aims"), default=False)
    accepts_bylaws = models.BooleanField(_("accepts the bylaws"), default=False)
    admitted_on = models.DateField(_("admitted on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = SingleLineField(_("phone"), max_length=40, blank=True)
    street = SingleLineField(_("street"), max_length=200, blank=True)
    postcode = SingleLineField(_("postcode"), max_length=10, blank=True)
    city = SingleLineField(_("city"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(joined_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="organisation_left_after_joined",
                violation_error_message=_("The leaving date must not be before the joining date."),
            ),
            models.CheckConstraint(
                condition=Q(status="applicant")
                | Q(shares_aims=True, accepts_bylaws=True, efus_member=True, joined_on__isnull=False),
                name="organisation_member_meets_bylaws",
                violation_error_message=_(
                    "A member organisation shares the aims, accepts the bylaws, "
                    "is an Efus member and has a joining date."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="left") | Q(left_on__isnull=False),
                name="organisation_left_has_date",
                violation_error_message=_("An organisation that left needs a leaving date."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_member(self) -> bool:
        return self.status == self.Status.ACTIVE


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
    salutation = SingleLineField(_("salutation"), max_length=20, blank=True)
    title = SingleLineField(_("academic title"), max_length=40, blank=True)
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
        from members import bylaws

        return self.is_active and (self.is_superuser or bylaws.has_staff_access(self))


class Role(models.TextChoices):
    """Offices the bylaws know. Rights per role live in members.bylaws."""

    CHAIR = "chair", _("Chair")
    DEPUTY_CHAIR = "deputy_chair", _("Deputy chair")
    TREASURER = "treasurer", _("Treasurer")
    BOARD_MEMBER = "board_member", _("Board member")
    DELEGATE = "delegate", _("Delegate")
    AUDITOR = "auditor", _("Auditor")
    WORKING_GROUP_LEAD = "working_group_lead", _("Working group lead")
    SECRETARIAT = "secretariat", _("Secretariat")


BOARD_ROLES = frozenset({Role.CHAIR, Role.DEPUTY_CHAIR, Role.TREASURER, Role.BOARD_MEMBER})


class MandateQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(end__isnull=True) | Q(end__gte=on), start__lte=on)

    def voting_delegates(self, on: datetime.date | None = None):
        """Delegate offices held on ``on`` for a member organisation (status active) by an active account:
        each carries its organisation's vote. Asked through assemblies.voting_rights."""
        return self.active(on).filter(
            role=Role.DELEGATE, organisation__status=Organisation.Status.ACTIVE, person__is_active=True
        )


class Mandate(models.Model):
    """An office held by a person for a term. A term includes its end day."""

    role = models.CharField(_("office"), max_length=30, choices=Role.choices)
    person = models.ForeignKey(User, verbose_name=_("person"), on_delete=models.PROTECT, related_name="mandates")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="mandates",
        null=True,
        blank=True,
        help_text=_("For delegates: the member organisation whose vote they cast."),
    )
    working_group = models.ForeignKey(
        "topics.WorkingGroup",
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        related_name="lead_mandates",
        null=True,
        blank=True,
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("Last day of the term; empty if open-ended."))
    elected_at = SingleLineField(_("elected at"), max_length=200, blank=True)
    # Set when the secretariat was told that this term ends soon (sent once).
    end_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = MandateQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="mandate_end_after_start",
                violation_error_message=_("The end of a term must not be before its start."),
            ),
            models.CheckConstraint(
                condition=~Q(role="delegate") | Q(organisation__isnull=False),
                name="mandate_delegate_has_organisation",
                violation_error_message=_("A delegate acts for an organisation."),
            ),
            models.CheckConstraint(
                condition=~Q(role="working_group_lead") | Q(working_group__isnull=False),
                name="mandate_lead_has_working_group",
                violation_error_message=_("A working group lead leads a working group."),
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.person}"

    def is_active_on(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)

    def clean(self):
        # The same rules PostgreSQL enforces with exclusion constraints (migration 0003),
        # checked here too so the admin shows a readable message on every database.
        from members.bylaws import office_conflicts

        if self.start and self.person_id:
            conflicts = office_conflicts(self)
            if conflicts:
                raise ValidationError([conflict.error() for conflict in conflicts])


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


class MembershipFee(models.Model):
    """The yearly fee of a member organisation."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="fees"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (EUR)"), max_digits=9, decimal_places=2)
    invoiced_on = models.DateField(_("invoiced on"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    note = SingleLineField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-year", "organisation__name"]
        verbose_name = _("membership fee")
        verbose_name_plural = _("membership fees")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="fee_one_per_organisation_and_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="fee_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.organisation} {self.year}"

    @property
    def is_overdue(self) -> bool:
        return self.paid_on is None and self.due_on is not None and self.due_on < timezone.localdate()


class ConsentRecord(models.Model):
    """What a person agreed to (or withdrew) and when. Append-only."""

    class Subject(models.TextChoices):
        DIRECTORY_EMAIL = "directory_email", _("Email address visible in the directory")
        DIRECTORY_PHONE = "directory_phone", _("Phone number visible in the directory")
        DIRECTORY_POSITION = "directory_position", _("Position visible in the directory")
        DIGEST = "digest", _("Weekly digest by email")

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


class AuditEntry(models.Model):
    """Who changed which association record, when, and how. Written by members.audit only."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User, verbose_name=_("who"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=60, db_index=True)
    target_type = models.CharField(_("record type"), max_length=60)
    target_id = models.CharField(_("record id"), max_length=40)
    target_repr = models.CharField(_("record"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    # Where a change came from when not from a form, e.g. "Import: mitglieder.xlsx".
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.action} {self.target_repr}"


# --- Moving in: the member list from a spreadsheet -------------------------------------


class ImportRun(models.Model):
    """One upload of the member list: its preview report, and once confirmed, what was written.

    The file is kept (as bytes, never under a guessable path) only between preview and
    confirmation; it is dropped once the run is applied.
    """

    class Status(models.TextChoices):
        PREVIEW = "preview", _("preview, not applied")
        APPLIED = "applied", _("applied")

    file_name = models.CharField(_("file"), max_length=255)
    content = models.BinaryField(editable=False, null=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PREVIEW)
    created_by = models.ForeignKey(
        User, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("member list import")
        verbose_name_plural = _("member list imports")

    def __str__(self):
        return self.file_name
