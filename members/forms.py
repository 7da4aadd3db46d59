from allauth.account.forms import SignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import ConsentRecord, DigestFrequency, FederalState, Organisation, User
from members.services import invitation_accept


class InvitedSignupForm(SignupForm):
    """Sign-up for an invited person: the email address is the invitation's and cannot change."""

    first_name = forms.CharField(
        label=_("First name"), max_length=100, widget=forms.TextInput({"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=100, widget=forms.TextInput({"autocomplete": "family-name"})
    )

    digest = forms.BooleanField(
        label=_("Send me the weekly digest by email"),
        required=False,
        initial=True,
        help_text=_(
            "Once a week: what is new in your working groups, coming events and EU funding calls. "
            "You can unsubscribe at any time with one click."
        ),
    )

    field_order = ["email", "first_name", "last_name", "password1", "password2", "digest"]

    def __init__(self, *args, invitation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        if invitation is not None:
            email = self.fields["email"]
            # A disabled field ignores submitted data: the address stays the invitation's.
            email.disabled = True
            email.initial = invitation.email
            email.help_text = _("You were invited with this address for %(organisation)s.") % {
                "organisation": invitation.organisation.name
            }

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.language = request.LANGUAGE_CODE
        user.digest = DigestFrequency.WEEKLY if self.cleaned_data["digest"] else DigestFrequency.OFF
        user.save(update_fields=["first_name", "last_name", "language", "digest"])
        # What the person chose at sign-up is the first entry of their consent history.
        ConsentRecord.objects.create(
            person=user, subject=ConsentRecord.Subject.DIGEST, granted=self.cleaned_data["digest"]
        )
        invitation_accept(invitation=self.invitation, user=user)


class ProfileForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Members are known by name; without one, nothing would identify the person but the address.
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True

    class Meta:
        model = User
        fields = ["first_name", "last_name", "position", "phone", "language", "level"]
        widgets = {
            "first_name": forms.TextInput({"autocomplete": "given-name"}),
            "last_name": forms.TextInput({"autocomplete": "family-name"}),
            "position": forms.TextInput({"autocomplete": "organization-title"}),
            "phone": forms.TextInput({"autocomplete": "tel", "type": "tel"}),
        }


class DirectoryConsentForm(forms.ModelForm):
    """Each field is a separate consent; unticking withdraws it just as easily."""

    class Meta:
        model = User
        fields = ["show_position", "show_email", "show_phone"]


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("all"))] + Organisation.Kind.choices)
    federal_state = forms.ChoiceField(
        label=_("Federal state"), required=False, choices=[("", _("all"))] + FederalState.choices
    )
    efus = forms.ChoiceField(
        label=_("Efus member"), required=False, choices=[("", _("all")), ("yes", _("yes")), ("no", _("no"))]
    )


class EraseAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm"), widget=forms.PasswordInput({"autocomplete": "current-password"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class DigestPreferencesForm(forms.Form):
    digest = forms.ChoiceField(
        label=_("Weekly digest by email"),
        choices=DigestFrequency.choices,
        widget=forms.RadioSelect,
        help_text=_("Once a week: what is new in your working groups, coming events and EU funding calls."),
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
