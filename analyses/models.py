"""Security analyses: police crime statistics (PKS) of the member cities, citizen surveys, their indicators."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kernel.import_runs import ImportRun as ImportRunBase

# Offence key of the PKS catalogue for all offences together ("Straftaten insgesamt").
ALL_OFFENCES = "------"


class Offence(models.Model):
    """An offence (or group of offences) of the PKS catalogue, identified by its six-character key."""

    key = models.CharField(_("offence key"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=300, help_text=_("The name of the latest year imported."))
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown for every member city on the Lagebild pages.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("offence")
        verbose_name_plural = _("offences")

    def __str__(self):
        return f"{self.key} {self.name}"


class Area(models.TextChoices):
    FEDERAL = "federal", _("Germany")
    STATE = "state", _("Federal state")
    DISTRICT = "district", _("District")
    MUNICIPALITY = "municipality", _("Municipality")


class CrimeFigure(models.Model):
    """The PKS key figures of one offence in one area (a member's municipality or district, a total) and year."""

    year = models.PositiveSmallIntegerField(_("year"))
    offence = models.ForeignKey(Offence, verbose_name=_("offence"), on_delete=models.PROTECT, related_name="figures")
    # Names change between years; the figure keeps the name of its year.
    offence_name = models.CharField(_("offence as named that year"), max_length=300)
    municipality_key = models.CharField(_("municipality key"), max_length=8)
    area_name = models.CharField(_("area"), max_length=200)
    area = models.CharField(_("kind of area"), max_length=20, choices=Area.choices)
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="crime_figures",
    )
    cases = models.PositiveIntegerField(_("recorded cases"))
    frequency = models.DecimalField(_("cases per 100,000 inhabitants"), max_digits=10, decimal_places=1, null=True)
    attempts = models.PositiveIntegerField(_("attempts"), null=True)
    cleared = models.PositiveIntegerField(_("cleared cases"), null=True)
    clearance_rate = models.DecimalField(_("clearance rate (%)"), max_digits=5, decimal_places=1, null=True)
    suspects = models.PositiveIntegerField(_("suspects"), null=True)
    suspects_male = models.PositiveIntegerField(_("male suspects"), null=True)
    suspects_female = models.PositiveIntegerField(_("female suspects"), null=True)
    suspects_non_german = models.PositiveIntegerField(_("non-German suspects"), null=True)
    # Invented figures of the demo (seed_demo); a real import of the same year and area replaces them.
    is_demo = models.BooleanField(_("demo figure"), default=False, editable=False)

    class Meta:
        ordering = ["year", "offence__position", "area_name"]
        verbose_name = _("crime figure")
        verbose_name_plural = _("crime figures")
        constraints = [
            models.UniqueConstraint(fields=["year", "offence", "municipality_key"], name="crimefigure_one_per_area"),
        ]
        indexes = [models.Index(fields=["organisation", "year"])]

    def __str__(self):
        return f"{self.year} {self.offence.key} {self.area_name}"


# Values an import writes; compared to decide between "updated" and "unchanged".
FIGURE_FIELDS = [
    "offence_name",
    "area_name",
    "area",
    "organisation_id",
    "cases",
    "frequency",
    "attempts",
    "cleared",
    "clearance_rate",
    "suspects",
    "suspects_male",
    "suspects_female",
    "suspects_non_german",
    "is_demo",
]


def pks_upload_path(run, filename: str) -> str:
    # A random name: the original may say more than it should, and is kept (for its year) in ``file_name``.
    return f"pks/{uuid.uuid4().hex}{Path(filename).suffix.lower()[:6]}"


class PksImport(ImportRunBase):
    """A PKS table uploaded in the admin: previewed first, written only when confirmed."""

    class State(models.TextChoices):
        PREVIEW = "preview", _("Waiting for confirmation")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Refused")

    file = models.FileField(_("PKS table (CSV or XLSX)"), upload_to=pks_upload_path)
    file_name = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, help_text=_("Only needed when neither the title nor the file name says it.")
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PREVIEW)
    not_members = models.PositiveIntegerField(_("rows of non-members"), default=0)

    class Meta(ImportRunBase.Meta):
        verbose_name = _("import of crime statistics")
        verbose_name_plural = _("imports of crime statistics")


class Indicator(models.Model):
    """A comparable survey indicator the secretariat defines, e.g. the share feeling unsafe after dark."""

    class Unit(models.TextChoices):
        PERCENT = "percent", _("percent")
        SCORE = "score", _("score")

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=250)
    name_en = models.CharField(_("name (English)"), max_length=250)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, default=Unit.PERCENT)
    description = models.TextField(_("definition"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("survey indicator")
        verbose_name_plural = _("survey indicators")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "de").startswith("en") and self.name_en else self.name_de


class Survey(models.Model):
    """A citizen safety survey (Sicherheitsbefragung) of a member city."""

    class Method(models.TextChoices):
        POSTAL = "postal", _("Postal questionnaire")
        ONLINE = "online", _("Online")
        MIXED = "mixed", _("Postal and online")
        PHONE = "phone", _("Telephone interviews")
        FACE_TO_FACE = "face_to_face", _("Face-to-face interviews")

    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="surveys"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    title = models.CharField(_("title"), max_length=250)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    sample_size = models.PositiveIntegerField(_("respondents"))
    questionnaire = models.ForeignKey(
        "topics.Document",
        verbose_name=_("questionnaire (library)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    report = models.ForeignKey(
        "topics.Document",
        verbose_name=_("report (library)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo values"), default=False, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-year", "organisation__name"]
        verbose_name = _("citizen survey")
        verbose_name_plural = _("citizen surveys")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "title"], name="survey_unique_per_year"),
        ]

    def __str__(self):
        return f"{self.organisation} {self.year}: {self.title}"


class IndicatorValue(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    value = models.DecimalField(_("value"), max_digits=6, decimal_places=1)

    class Meta:
        ordering = ["indicator__position", "indicator__key"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["survey", "indicator"], name="indicatorvalue_one_per_survey"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value}"
