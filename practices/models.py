"""The practice register (Praxisdatenbank): what member cities did against which crime problem, how it worked,
and how sure the association is of it (evidence level in the Grüne Liste wording, always with its reason)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.text import SingleLineField


class Level(models.TextChoices):
    """Evidence levels of the Grüne Liste Prävention, plus "not rated"."""

    NOT_RATED = "not_rated", _("nicht bewertet")
    THEORETICAL = "theoretical", _("Effektivität theoretisch gut begründet")
    PROBABLE = "probable", _("wahrscheinlich")
    PROVEN = "proven", _("nachgewiesen")


# Higher is stronger evidence (for sorting); "not rated" ranks below every level.
LEVEL_RANK = {Level.NOT_RATED: 0, Level.THEORETICAL: 1, Level.PROBABLE: 2, Level.PROVEN: 3}


class Practice(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("running")
        FINISHED = "finished", _("finished")
        STOPPED = "stopped", _("stopped")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")

    class Setting(models.TextChoices):
        PUBLIC_SPACE = "public_space", _("Public space")
        HOUSING = "housing", _("Housing and neighbourhood")
        SCHOOL = "school", _("School and youth")
        NIGHTLIFE = "nightlife", _("Night-time economy")
        TRANSPORT = "transport", _("Public transport")
        ONLINE = "online", _("Online")
        OTHER = "other", _("Other")

    class Evaluation(models.TextChoices):
        NONE = "none", _("No evaluation")
        PROCESS = "process", _("Process evaluation")
        BEFORE_AFTER = "before_after", _("Before/after comparison")
        COMPARISON = "comparison", _("With comparison group")
        RANDOMISED = "randomised", _("Randomised controlled")

    class Evaluator(models.TextChoices):
        INTERNAL = "internal", _("internal")
        EXTERNAL = "external", _("external")

    class Language(models.TextChoices):
        DE = "de", _("German")
        EN = "en", _("English")

    # 1. Problem
    title = SingleLineField(_("title"), max_length=250)
    organisations = models.ManyToManyField(
        "members.Organisation", verbose_name=_("member organisations"), related_name="practices"
    )
    offences = models.ManyToManyField(
        "analyses.Offence", verbose_name=_("offences (PKS)"), related_name="practices", blank=True
    )
    topics = models.ManyToManyField(
        "topics.WorkingGroup", verbose_name=_("topics"), related_name="practices", blank=True
    )
    setting = models.CharField(_("setting"), max_length=20, choices=Setting.choices, blank=True)
    target_group = models.CharField(_("target group"), max_length=250, blank=True)
    problem = models.TextField(_("problem"), blank=True)
    period_start = models.DateField(_("start"), null=True, blank=True)
    period_end = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.DE)
    summary = models.TextField(_("summary"), blank=True)
    translated_title = SingleLineField(_("title (translation)"), max_length=250, blank=True)
    translated_summary = models.TextField(_("summary (translation)"), blank=True)
    # 2. Causes, 3. goals, 4. measures and why they should work
    causes = models.TextField(_("causes"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    measures = models.TextField(_("measures"), blank=True)
    mechanism = models.TextField(_("mechanism (why it should work)"), blank=True)
    # 5. Implementation
    context = models.TextField(_("context"), blank=True)
    implementation = models.TextField(_("implementation (who did what)"), blank=True)
    resources = models.TextField(_("resources"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    obstacles = models.TextField(_("obstacles"), blank=True)
    cost = models.TextField(_("cost"), blank=True)
    # 6. Effect
    results = models.TextField(_("results"), blank=True)
    plausibility = models.TextField(_("plausibility argument"), blank=True)
    evaluation = models.CharField(_("evaluation"), max_length=20, choices=Evaluation.choices, default=Evaluation.NONE)
    evaluator = models.CharField(_("evaluated by"), max_length=10, choices=Evaluator.choices, blank=True)
    evaluation_report = models.ForeignKey(
        "topics.Document",
        verbose_name=_("evaluation report (library)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # 7. Documentation
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices_as_contact",
    )
    register_links = models.TextField(
        _("entries in external registers"),
        blank=True,
        help_text=_("One address per line (Grüne Liste, Crime Reduction Toolkit, CrimeSolutions, EUCPN)."),
    )
    is_public = models.BooleanField(
        _("public on the website"),
        default=False,
        help_text=_("Once published after review, everyone can read it on the public site; otherwise members only."),
    )
    # Review
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    level = models.CharField(_("evidence level"), max_length=20, choices=Level.choices, default=Level.NOT_RATED)
    level_reason = models.TextField(_("reason"), blank=True)
    level_decided_on = models.DateField(_("rated on"), null=True, blank=True)
    disputed_at = models.DateTimeField(_("reviewers disagreed"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="practices_created"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="practice_end_after_start",
            ),
            # A published level always carries its reason and date.
            models.CheckConstraint(
                condition=~Q(state="published") | (~Q(level_reason="") & Q(level_decided_on__isnull=False)),
                name="practice_published_with_reason",
            ),
        ]
        indexes = [models.Index(fields=["state", "level"])]

    def __str__(self):
        return self.title

    @property
    def links(self) -> list[str]:
        return [line.strip() for line in self.register_links.splitlines() if line.strip()]


class Review(models.Model):
    """One reviewer's rating of a practice, with the written reason. Each practice has three seats: the
    secretariat's and a peer's (a working-group lead or board member), and, only after those two disagreed, a
    third person's (secretariat or board) who decides."""

    class Seat(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat")
        PEER = "peer", _("Working-group lead or board member")
        DECIDER = "decider", _("Third reviewer (decides a disagreement)")

    practice = models.ForeignKey(Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="practice_reviews",
    )
    level = models.CharField(_("evidence level"), max_length=20, choices=Level.choices)
    reason = models.TextField(_("reason"))
    seat = models.CharField(_("seat"), max_length=20, choices=Seat.choices)
    created_at = models.DateTimeField(_("reviewed"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["practice", "reviewer"], name="review_one_per_reviewer"),
            models.UniqueConstraint(fields=["practice", "seat"], name="review_one_per_seat"),
            models.CheckConstraint(condition=~Q(reason=""), name="review_has_reason"),
        ]

    def __str__(self):
        return f"{self.practice}: {self.get_level_display()}"


class Uptake(models.Model):
    """A member organisation's answer to a practice: "Das interessiert uns" or "Haben wir übernommen", with a note.
    One of each kind per organisation; the practice's authors are told by e-mail."""

    class Kind(models.TextChoices):
        INTERESTED = "interested", _("We are interested")
        ADOPTED = "adopted", _("We have adopted it")

    practice = models.ForeignKey(Practice, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="uptakes")
    organisation = models.ForeignKey(
        "members.Organisation", verbose_name=_("member organisation"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    note = models.TextField(_("note"), blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("uptake")
        verbose_name_plural = _("uptakes")
        constraints = [
            models.UniqueConstraint(fields=["practice", "organisation", "kind"], name="uptake_one_per_kind"),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.get_kind_display()} – {self.practice}"
