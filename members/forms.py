from allauth.account.forms import LoginForm, ResetPasswordForm, SignupForm
from allauth.account.models import EmailAddress
from django import forms
from django.utils.translation import gettext_lazy as _

from kernel.text import SingleLineFormField
from members.models import ConsentRecord, DigestFrequency, User
from members.services import invitation_accept


def invited_person_without_account(invitation) -> User | None:
    """The imported record (no password yet) with the invitation's address, if there is one."""
    person = User.objects.filter(email__iexact=invitation.email, is_active=True).first()
    return person if person is not None and not person.has_usable_password() else None


class InvitedSignupForm(SignupForm):
    """Sign-up for an invited person: the email address is the invitation's and cannot change."""

    first_name = SingleLineFormField(
        label=_("First name"), max_length=100, widget=forms.TextInput({"autocomplete": "given-name"})
    )
    last_name = SingleLineFormField(
        label=_("Last name"), max_length=100, widget=forms.TextInput({"autocomplete": "family-name"})
    )

    digest = forms.BooleanField(
        label=_("Send me the weekly digest by email"),
        # Not ticked in advance: a pre-ticked box is no consent (CJEU C-673/17, Planet49).
        required=False,
        initial=False,
        help_text=_(
            "This covers the weekly overview only: once a week, what is new in your working groups, coming "
            "events and EU funding calls. You can unsubscribe at any time with one click. Official post of the "
            "association (circulars, invitations to the members' meeting) reaches you by email in any case."
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
            # A person from the imported member list need not type again what the list knew.
            person = invited_person_without_account(invitation)
            if person is not None:
                self.fields["first_name"].initial = person.first_name
                self.fields["last_name"].initial = person.last_name

    def validate_unique_email(self, value):
        # A person from the imported member list has a record but no account yet: signing up with the
        # invitation takes over that record (with its offices) instead of meeting "address taken".
        if self.invitation is not None and invited_person_without_account(self.invitation) is not None:
            self.account_already_exists = False
            return value
        return super().validate_unique_email(value)

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


class SignInForm(LoginForm):
    """allauth's sign-in with the e-mail field marked as the account's user name, so password managers fill
    both fields (WCAG 3.3.8: signing in needs no remembering or typing from memory)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].widget.attrs["autocomplete"] = "username"


class VerifiedResetPasswordForm(ResetPasswordForm):
    """A reset link goes only to an account's confirmed address.

    allauth also finds accounts by an address still waiting for confirmation; one entered by
    someone else (a change of address in the admin) must not receive the key to the account.
    """

    def clean_email(self):
        email = super().clean_email()
        verified = EmailAddress.objects.filter(email__iexact=email, verified=True)
        confirmed = set(verified.values_list("user_id", flat=True))
        self.users = [user for user in self.users if user.email.lower() == email.lower() or user.pk in confirmed]
        return email


class ProfileForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Members are known by name; without one, nothing would identify the person but the address.
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True

    class Meta:
        model = User
        fields = ["salutation", "title", "first_name", "last_name", "position", "phone", "language", "level"]
        widgets = {
            "title": forms.TextInput({"autocomplete": "honorific-prefix"}),
            "first_name": forms.TextInput({"autocomplete": "given-name"}),
            "last_name": forms.TextInput({"autocomplete": "family-name"}),
            "position": forms.TextInput({"autocomplete": "organization-title"}),
            "phone": forms.TextInput({"autocomplete": "tel", "type": "tel"}),
        }


class OfficialPostForm(forms.Form):
    """The one choice that stops official post by email (members.services.official_post); off unless chosen."""

    portal_only = forms.BooleanField(
        label=_("Official post in the portal only, not by email"),
        required=False,
        help_text=_(
            "Circulars, invitations to the members' meeting and their supplements, vote receipts, proxy notices "
            "and fee reminders are official post of the association. They reach you by email whatever your digest "
            "setting. Tick this only if you want to read them in the portal instead; the change is recorded with "
            "its date."
        ),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, initial={"portal_only": person.official_post_portal_only_since is not None}, **kwargs)


class DirectoryConsentForm(forms.ModelForm):
    """Each field is a separate consent; unticking withdraws it just as easily."""

    class Meta:
        model = User
        fields = ["show_position", "show_email", "show_phone"]


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
