"""The guided entry: one form per step of the Beccaria standards, each saved as a draft; and the review form."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from analyses.models import Offence
from members import bylaws
from members.models import Organisation, User
from practices.models import Level, Practice, Uptake
from topics.models import WorkingGroup
from topics.selectors import documents_visible_to


class StepForm(forms.ModelForm):
    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)


class ProblemForm(StepForm):
    class Meta:
        model = Practice
        fields = [
            "title", "organisations", "period_start", "period_end", "status", "offences", "topics", "setting",
            "target_group", "problem", "language", "summary", "translated_title", "translated_summary",
        ]  # fmt: skip
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "offences": forms.SelectMultiple(attrs={"size": 8}),
            "topics": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "offences": _("The offences of the police crime statistics (PKS) the practice works against."),
            "problem": _("What was the problem, where and for whom, and how did you know?"),
            "translated_title": _("Optional: the title in the other language."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = Organisation.objects.filter(status=Organisation.Status.ACTIVE).order_by(
            "name"
        )
        self.fields["offences"].queryset = Offence.objects.all()
        self.fields["topics"].queryset = WorkingGroup.objects.filter(archived_at__isnull=True)
        if self.instance.pk is None and self.user.organisation_id:
            self.initial.setdefault("organisations", [self.user.organisation_id])

    def clean_organisations(self):
        organisations = self.cleaned_data["organisations"]
        own = self.user.organisation_id
        if not bylaws.is_secretariat(self.user) and own not in {o.pk for o in organisations}:
            raise ValidationError(_("Your own organisation must be one of the organisations of the practice."))
        return organisations

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end cannot be before the start."))
        return data


class CausesForm(StepForm):
    class Meta:
        model = Practice
        fields = ["causes"]
        help_texts = {"causes": _("Which causes and conditions of the problem did you find?")}


class GoalsForm(StepForm):
    class Meta:
        model = Practice
        fields = ["goals"]
        help_texts = {"goals": _("What should change, for whom, by when? Goals you can check afterwards.")}


class MeasuresForm(StepForm):
    class Meta:
        model = Practice
        fields = ["measures", "mechanism"]
        help_texts = {"mechanism": _("How and why should the measures reduce the problem (the mechanism)?")}


class ImplementationForm(StepForm):
    class Meta:
        model = Practice
        fields = ["context", "implementation", "resources", "partners", "obstacles", "cost"]
        help_texts = {
            "context": _("Where did it run: the city, the area, the conditions someone copying it should know."),
            "implementation": _("Who did what, in which order."),
        }


class EffectForm(StepForm):
    class Meta:
        model = Practice
        fields = ["evaluation", "evaluator", "evaluation_report", "results", "plausibility"]
        help_texts = {
            "evaluation_report": _("The report in the portal's library."),
            "plausibility": _("Without an outcome evaluation: why is an effect plausible?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluation_report"].queryset = documents_visible_to(user=self.user)


class DocumentationForm(StepForm):
    class Meta:
        model = Practice
        fields = ["contact_person", "register_links", "is_public"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = list(self.instance.organisations.all()) if self.instance.pk else []
        self.fields["contact_person"].queryset = User.objects.filter(
            Q(organisation__in=organisations) | Q(pk=self.instance.contact_person_id), is_active=True
        ).order_by("last_name", "first_name")

    def clean_register_links(self):
        links = [line.strip() for line in self.cleaned_data["register_links"].splitlines() if line.strip()]
        check = URLValidator(schemes=["https", "http"])
        for link in links:
            try:
                check(link)
            except ValidationError:
                raise ValidationError(_("“%(link)s” is not a web address."), params={"link": link[:80]}) from None
        return "\n".join(links)


# The seven steps of the Beccaria standards, in order: (slug in the address, heading, form).
STEPS = [
    ("problem", _("Problem"), ProblemForm),
    ("ursachen", _("Causes"), CausesForm),
    ("ziele", _("Goals"), GoalsForm),
    ("massnahmen", _("Measures"), MeasuresForm),
    ("umsetzung", _("Implementation"), ImplementationForm),
    ("wirkung", _("Effect"), EffectForm),
    ("dokumentation", _("Documentation"), DocumentationForm),
]
STEP_SLUGS = [slug for slug, _label, _form in STEPS]


class ReviewForm(forms.Form):
    level = forms.ChoiceField(label=_("Evidence level"), choices=Level.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason for the level"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Required: readers see the level with its reason."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("A rating needs a written reason."))
        return reason


class UptakeForm(forms.Form):
    kind = forms.ChoiceField(choices=Uptake.Kind.choices, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Short note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example what you would like to know, or how you adapted it."),
    )
