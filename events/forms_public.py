"""The public guest registration form and the certificate check."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kernel.text import SingleLineFormField


class GuestDetailsForm(forms.Form):
    """What a guest gives and may correct later from the personal link."""

    name = SingleLineFormField(label=_("Name"), max_length=200)
    organisation = SingleLineFormField(label=_("Organisation"), max_length=200)
    needs = forms.CharField(
        label=_("Dietary or accessibility needs (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if len(name) < 2:
            raise forms.ValidationError(_("Please enter your name."))
        return name


class GuestRegistrationForm(GuestDetailsForm):
    field_order = ["name", "email", "organisation", "role", "needs", "consent", "website"]

    email = forms.EmailField(label=_("Email"), max_length=254)
    role = SingleLineFormField(label=_("Role or position"), max_length=200)
    consent = forms.BooleanField(
        label=_("I agree that DEFUS processes my data to organise this event."),
        error_messages={"required": _("Please agree to the processing of your data, or we cannot register you.")},
    )
    # The honeypot: hidden from people (and from assistive technology), filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website", "").strip())


class CertificateCheckForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=20, help_text=_("For example ABCD-EFGH-JKLM"))
