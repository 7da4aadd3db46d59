"""The public forms: the request to join and feedback on accessibility. Each has a honeypot field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kernel.text import SingleLineFormField
from members.models import Organisation
from members.models.organisations import FederalState, validate_municipality_key

# Amtlicher Gemeindeschlüssel: the first two digits name the federal state.
STATE_OF_KEY = {
    "01": "SH", "02": "HH", "03": "NI", "04": "HB", "05": "NW", "06": "HE", "07": "RP", "08": "BW",
    "09": "BY", "10": "SL", "11": "BE", "12": "BB", "13": "MV", "14": "SN", "15": "ST", "16": "TH",
}  # fmt: skip


class HoneypotForm(forms.Form):
    # Hidden from people (and from assistive technology), filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website", "").strip())


class ApplicationForm(HoneypotForm):
    name = SingleLineFormField(label=_("Name of the city, district or organisation"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices)
    federal_state = forms.ChoiceField(label=_("Federal state"), choices=FederalState.choices)
    municipality_key = forms.CharField(
        label=_("Official municipality key (optional)"),
        required=False,
        max_length=8,
        validators=[validate_municipality_key],
        help_text=_("Amtlicher Gemeindeschlüssel: 8 digits for a municipality, 5 for a district."),
    )
    efus_member = forms.BooleanField(
        label=_("We are a member of the European Forum for Urban Security (Efus)."),
        required=False,
        help_text=_("The bylaws ask members to belong to Efus; the board admits others once they do."),
    )
    contact_name = SingleLineFormField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("Email of the contact person"), max_length=254)
    reason = forms.CharField(
        label=_("Why does your organisation want to join?"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5})
    )
    bylaws = forms.BooleanField(
        label=_("We share the aims of DEFUS and accept its bylaws."),
        error_messages={"required": _("Membership requires sharing the aims and accepting the bylaws.")},
    )
    consent = forms.BooleanField(
        label=_("I agree that DEFUS processes these details to decide on the request."),
        error_messages={"required": _("Please agree to the processing of the details, or we cannot decide.")},
    )

    def clean(self):
        data = super().clean()
        key, state = data.get("municipality_key", ""), data.get("federal_state")
        if key and state and STATE_OF_KEY.get(key[:2]) != state:
            self.add_error("municipality_key", _("This key belongs to another federal state."))
        return data

    def application_fields(self) -> dict:
        data = self.cleaned_data
        fields = ("name", "kind", "federal_state", "municipality_key", "efus_member", "contact_name", "contact_email")
        return {**{field: data[field] for field in fields}, "reason": data["reason"]}


class FeedbackForm(HoneypotForm):
    name = SingleLineFormField(label=_("Your name (optional)"), max_length=200, required=False)
    email = forms.EmailField(label=_("Your email address, for our answer"), max_length=254)
    page = SingleLineFormField(label=_("Which page or function? (optional)"), max_length=500, required=False)
    message = forms.CharField(
        label=_("What did not work for you?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
