"""Member organisations and their yearly fees."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.text import SingleLineField
from members.leitweg import LeitwegIdField, validate_leitweg_id


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
    # Where the authority receives e-invoices (XRechnung buyer reference); the invoice address beside it is kept
    # with the fees (fees.BillingDetails), read through ``invoice_address``.
    leitweg_id = LeitwegIdField(
        _("Leitweg-ID"),
        max_length=46,
        blank=True,
        validators=[validate_leitweg_id],
        help_text=_(
            "The routing ID of a public authority for e-invoices (XRechnung), as the city hall gives it, "
            "e.g. 05315000-ABC123-45. Empty for members that take invoices without one."
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

    @property
    def invoice_address(self) -> str:
        """Recipient, street, postcode and city for invoices: the billing details', else the organisation's own."""
        billing = getattr(self, "billing", None)
        source = billing if billing is not None and (billing.street or billing.city) else self
        recipient = getattr(source, "recipient", "") or self.name
        lines = (recipient, source.street, f"{source.postcode} {source.city}".strip())
        return "\n".join(line for line in lines if line)


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
