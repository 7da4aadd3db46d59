from django import forms
from django.utils.translation import gettext_lazy as _

from assemblies import voting_rights
from defus.lib.text import SingleLineFormField
from members.models import Organisation, User


class ProxyForm(forms.Form):
    """A written proxy (Stimmrechtsvollmacht): which organisation gives its vote to which delegate."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation granting the proxy"), queryset=Organisation.objects.none(), empty_label=_("Please choose")
    )
    holder = forms.ModelChoiceField(
        label=_("Delegate holding the proxy"), queryset=User.objects.none(), empty_label=_("Please choose")
    )

    signed_by = SingleLineFormField(
        label=_("Signed for the granting organisation by"),
        max_length=200,
        help_text=_("Name and function of the signatory, as on the proxy handed in on paper."),
    )

    def __init__(self, *args, organisations, on_paper: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not on_paper:
            # A delegate declares their own organisation's proxy here, in text form.
            del self.fields["signed_by"]
        self.fields["organisation"].queryset = organisations
        self.fields["holder"].queryset = (
            voting_rights.voting_delegates().select_related("organisation").order_by("organisation__name", "last_name")
        )
        self.fields["holder"].label_from_instance = lambda person: (
            f"{person} ({person.organisation.name})" if person.organisation else str(person)
        )


class ConsentForm(forms.Form):
    """Consent in text form (§ 32 Abs. 3 BGB): the declaration is kept word for word."""

    agrees = forms.TypedChoiceField(
        label=_("Declaration of my organisation"),
        choices=[("yes", _("We consent to this resolution")), ("no", _("We do not consent"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    statement = forms.CharField(
        label=_("Declaration in text form"),
        max_length=500,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Your declaration with your name, as it is kept on record."),
    )


def entitled_choices(meeting):
    if meeting.is_board_meeting:
        return voting_rights.board_members()
    return voting_rights.entitled_organisations()
