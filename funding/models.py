"""EU (and federal) funding programmes and their calls. A call's status is derived from its dates."""

import zoneinfo

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Programme(models.Model):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    managing_body = models.CharField(_("managing body"), max_length=200, blank=True)
    funding_rate = models.CharField(_("usual funding rate"), max_length=100, blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")

    def __str__(self):
        return self.name


class Call(models.Model):
    class DeadlineModel(models.TextChoices):
        SINGLE = "single-stage", _("Single stage")
        TWO_STAGE = "two-stage", _("Two stages")
        CUT_OFF = "multiple cut-off", _("Multiple cut-off dates")

    class Status(models.TextChoices):
        FORTHCOMING = "forthcoming", _("Forthcoming")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    identifier = models.CharField(_("identifier"), max_length=120, unique=True)
    title_de = models.CharField(_("title (German)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="calls"
    )
    type_of_action = models.CharField(_("type of action"), max_length=200, blank=True)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    deadline_model = models.CharField(
        _("deadline model"), max_length=30, choices=DeadlineModel.choices, default=DeadlineModel.SINGLE
    )
    budget = models.DecimalField(_("budget (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True)
    grant_min = models.DecimalField(_("smallest grant (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True)
    grant_max = models.DecimalField(_("largest grant (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True)
    expected_grants = models.PositiveIntegerField(_("expected number of grants"), null=True, blank=True)
    cofinancing_rate = models.CharField(_("co-financing rate"), max_length=100, blank=True)
    eligibility = models.TextField(_("who may apply"), blank=True)
    min_consortium = models.CharField(_("minimum consortium"), max_length=200, blank=True)
    source_url = models.URLField(_("source"), blank=True, max_length=500)
    assessment = models.TextField(_("assessment of the secretariat"), blank=True)
    groups = models.ManyToManyField("topics.WorkingGroup", verbose_name=_("working groups"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["identifier"]
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")

    def __str__(self):
        return self.identifier

    @property
    def title(self) -> str:
        from django.utils.translation import get_language

        return (self.title_de if get_language() == "de" and self.title_de else self.title_en) or self.identifier

    def status_at(self, now, deadlines) -> str:
        """Derived, never stored: before opening forthcoming, after the last deadline closed."""
        if self.opens_at and now < self.opens_at:
            return self.Status.FORTHCOMING
        if deadlines and now >= max(d.at for d in deadlines):
            return self.Status.CLOSED
        return self.Status.OPEN


class Deadline(models.Model):
    """One deadline of a call, kept as an instant with the time zone the call states it in."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="deadlines")
    at = models.DateTimeField(_("deadline"), db_index=True)
    time_zone = models.CharField(_("time zone"), max_length=60, default="Europe/Brussels")
    stage = models.PositiveSmallIntegerField(_("stage"), default=1)

    class Meta:
        ordering = ["at"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [models.UniqueConstraint(fields=["call", "at"], name="deadline_unique_per_call")]

    def __str__(self):
        return f"{self.call}: {self.at:%Y-%m-%d %H:%M}"

    @property
    def local(self):
        """The deadline in the call's own time zone."""
        return self.at.astimezone(zoneinfo.ZoneInfo(self.time_zone))
