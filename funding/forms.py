from django import forms
from django.utils.translation import gettext_lazy as _

from funding.choosers import PARTNERS
from funding.models import Interest
from kernel.choosers import SearchMultipleChoiceField
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
            kind=PARTNERS,
            help_text=_("Partner organisations abroad that agreed to be listed."),
        )
