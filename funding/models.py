"""EU (and federal) funding programmes and their calls. A call's status is derived from its dates."""

import zoneinfo

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kernel.import_runs import ImportRun as ImportRunBase
from kernel.text import SingleLineField


class Programme(models.Model):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = SingleLineField(_("name"), max_length=200)
    managing_body = SingleLineField(_("managing body"), max_length=200, blank=True)
    funding_rate = SingleLineField(_("usual funding rate"), max_length=100, blank=True)
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
    title_de = SingleLineField(_("title (German)"), max_length=300, blank=True)
    title_en = SingleLineField(_("title (English)"), max_length=300)
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="calls"
    )
    type_of_action = SingleLineField(_("type of action"), max_length=200, blank=True)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    deadline_model = models.CharField(
        _("deadline model"), max_length=30, choices=DeadlineModel.choices, default=DeadlineModel.SINGLE
    )
    budget = models.DecimalField(_("budget (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True)
    grant_min = models.DecimalField(_("smallest grant (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True)
    grant_max = models.DecimalField(_("largest grant (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True)
    expected_grants = models.PositiveIntegerField(_("expected number of grants"), null=True, blank=True)
    cofinancing_rate = SingleLineField(_("co-financing rate"), max_length=100, blank=True)
    eligibility = models.TextField(_("who may apply"), blank=True)
    min_consortium = SingleLineField(_("minimum consortium"), max_length=200, blank=True)
    min_countries = models.PositiveSmallIntegerField(_("minimum number of countries"), null=True, blank=True)
    source_url = models.URLField(_("source"), blank=True, max_length=500)
    assessment = models.TextField(_("assessment of the secretariat"), blank=True)
    groups = models.ManyToManyField("topics.WorkingGroup", verbose_name=_("working groups"), blank=True)
    # When the call came into the portal: the digest announces calls new since last week.
    created_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["identifier"]
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")

    def __str__(self):
        return self.identifier

    @property
    def title(self) -> str:
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


class PartnerOrganisation(models.Model):
    """A potential consortium partner abroad, kept by the secretariat (Efus members and others)."""

    name = SingleLineField(_("name"), max_length=200)
    country = models.CharField(_("country (ISO code)"), max_length=2)
    kind = SingleLineField(_("kind"), max_length=100, blank=True)
    themes = SingleLineField(_("themes"), max_length=300, blank=True)
    contact = SingleLineField(_("contact"), max_length=200, blank=True)
    efus_member = models.BooleanField(_("Efus member"), default=True)
    consent_to_list = models.BooleanField(_("agreed to be listed"), default=False)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("partner organisation abroad")
        verbose_name_plural = _("partner organisations abroad")

    def __str__(self):
        return f"{self.name} ({self.country})"


class Interest(models.Model):
    """A member organisation's interest in a call, and its search for partners."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        PARTNER = "partner", _("Partner")
        WATCHING = "watching", _("Watching")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="interests")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.CASCADE, related_name="call_interests")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.WATCHING)
    contact = models.ForeignKey(
        "members.User", verbose_name=_("contact person"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    internal_deadline = models.DateField(_("internal deadline"), null=True, blank=True)
    looking_for_partners = models.BooleanField(_("looking for partners"), default=False)
    offers = models.TextField(_("what we offer"), blank=True)
    needs = models.TextField(_("what we need"), blank=True)
    partners = models.ManyToManyField(PartnerOrganisation, verbose_name=_("consortium partners abroad"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["call", "organisation__name"]
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        constraints = [models.UniqueConstraint(fields=["call", "organisation"], name="interest_one_per_organisation")]

    def __str__(self):
        return f"{self.organisation} – {self.call}"


class DeadlineReminder(models.Model):
    """A reminder sent (or being sent): its unique key makes every reminder go out once."""

    person = models.ForeignKey("members.User", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="deadline_reminder_once")]

    def __str__(self):
        return self.key


class ImportRun(ImportRunBase):
    """An export uploaded in the admin, imported in the background; its result stays here."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    file = models.FileField(_("export file (JSON)"), upload_to="imports/")
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)

    class Meta(ImportRunBase.Meta):
        verbose_name = _("import of funding calls")
        verbose_name_plural = _("imports of funding calls")
