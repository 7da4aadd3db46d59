from django import forms
from django.utils.translation import gettext_lazy as _

from assemblies import voting_rights
from assemblies.choosers import DELEGATES, PROXY_ORGANISATIONS
from kernel.choosers import SearchChoiceField
from kernel.text import SingleLineFormField


class ProxyForm(forms.Form):
    """A written proxy (Stimmrechtsvollmacht): which organisation gives its vote to which delegate."""

    # Chosen by typing: at Efus size every member organisation and its delegate would be one long list.
    organisation = SearchChoiceField(
        label=_("Organisation granting the proxy"), kind=PROXY_ORGANISATIONS, per_user=True
    )
    holder = SearchChoiceField(label=_("Delegate holding the proxy"), kind=DELEGATES)

    signed_by = SingleLineFormField(
        label=_("Signed for the granting organisation by"),
        max_length=200,
        help_text=_("Name and function of the signatory, as on the proxy handed in on paper."),
    )

    def __init__(self, *args, user, on_paper: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not on_paper:
            # A delegate declares their own organisation's proxy here, in text form.
            del self.fields["signed_by"]
        self.fields["organisation"].limit_to(user)
        if not on_paper:
            # A delegate's own organisation (usually the only one they may give) is chosen already.
            own = list(self.fields["organisation"].queryset[:2])
            if len(own) == 1:
                self.fields["organisation"].initial = own[0].pk


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
