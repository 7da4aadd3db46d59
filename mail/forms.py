"""Forms of the mail path a person fills in: which digest and which groups' news they get."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import DigestFrequency


class DigestPreferencesForm(forms.Form):
    digest = forms.ChoiceField(
        label=_("Weekly digest by email"),
        choices=DigestFrequency.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "This covers the weekly overview only: once a week, what is new in your working groups, coming events "
            "and EU funding calls. Official post of the association reaches you by email whatever you choose here."
        ),
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Working groups I follow"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Their new discussions and documents appear in your digest and on your dashboard."),
    )
    every_post = forms.ModelMultipleChoiceField(
        label=_("Working groups whose every post I get by email"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Each new discussion and reply at once, and you can answer by email. Choosing a group here also follows it."
        ),
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = groups
        self.fields["every_post"].queryset = groups
