from django import forms
from django.utils.translation import gettext_lazy as _

from defus import choosers
from defus.lib.choosers import SearchChoiceField, SearchMultipleChoiceField
from funding.models import Call, Interest, Programme
from members.models import User


class InterestForm(forms.ModelForm):
    class Meta:
        model = Interest
        fields = ["role", "contact", "internal_deadline", "note", "looking_for_partners", "offers", "needs", "partners"]
        widgets = {
            "internal_deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea({"rows": 2}),
            "offers": forms.Textarea({"rows": 2}),
            "needs": forms.Textarea({"rows": 2}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = User.objects.filter(organisation=organisation, is_active=True)
        # Chosen by typing: the partners abroad grow with Efus.
        self.fields["partners"] = SearchMultipleChoiceField(
            label=self.fields["partners"].label,
            required=False,
            kind=choosers.PARTNERS,
            help_text=_("Partner organisations abroad that agreed to be listed."),
        )


class CallFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), required=False, queryset=Programme.objects.all(), empty_label=_("all")
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("all"))] + Call.Status.choices)
    group = SearchChoiceField(
        label=_("Working group"),
        required=False,
        kind=choosers.WORKING_GROUPS,
        search_button=False,
        empty_label=_("all"),
    )
    mine = forms.BooleanField(label=_("My organisation is interested"), required=False)
    within = forms.TypedChoiceField(
        label=_("Deadline within"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("any time")), (14, _("14 days")), (30, _("30 days")), (90, _("90 days"))],
    )
