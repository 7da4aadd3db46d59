from django import forms
from django.utils.translation import gettext_lazy as _

from analyses.choosers import MEMBER_CITIES
from analyses.models import Indicator, Survey
from kernel.choosers import SearchChoiceField
from kernel.text import SingleLineFormField
from topics.choosers import DOCUMENTS


class SurveyForm(forms.Form):
    """A citizen survey and one field per indicator the secretariat defined (all optional)."""

    organisation = SearchChoiceField(label=_("Organisation"), kind=MEMBER_CITIES, per_user=True)
    year = forms.IntegerField(label=_("year"), min_value=1990, max_value=2100)
    title = SingleLineFormField(label=_("title"), max_length=250)
    method = forms.ChoiceField(label=_("method"), choices=Survey.Method.choices)
    sample_size = forms.IntegerField(label=_("respondents"), min_value=1)
    questionnaire = SearchChoiceField(label=_("questionnaire (library)"), required=False, kind=DOCUMENTS, per_user=True)
    report = SearchChoiceField(label=_("report (library)"), required=False, kind=DOCUMENTS, per_user=True)

    def __init__(self, *args, user, may_choose_organisation: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if may_choose_organisation:
            self.fields["organisation"].limit_to(user)
        else:
            del self.fields["organisation"]
        self.fields["questionnaire"].limit_to(user)
        self.fields["report"].limit_to(user)
        self.indicators = list(Indicator.objects.all())
        for indicator in self.indicators:
            percent = indicator.unit == Indicator.Unit.PERCENT
            self.fields[f"indicator_{indicator.pk}"] = forms.DecimalField(
                label=f"{indicator.name} (%)" if percent else indicator.name,
                required=False,
                max_digits=6,
                decimal_places=1,
                localize=True,
                min_value=0,
                max_value=100 if percent else None,
            )
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def indicator_fields(self):
        return [self[f"indicator_{indicator.pk}"] for indicator in self.indicators]

    def base_fields_bound(self):
        return [self[name] for name in self.fields if not name.startswith("indicator_")]

    def values(self) -> dict:
        return {indicator: self.cleaned_data.get(f"indicator_{indicator.pk}") for indicator in self.indicators}
