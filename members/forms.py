from allauth.account.forms import SignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from members.services import invitation_accept


class InvitedSignupForm(SignupForm):
    """Sign-up for an invited person: the email address is the invitation's and cannot change."""

    first_name = forms.CharField(
        label=_("First name"), max_length=100, widget=forms.TextInput({"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=100, widget=forms.TextInput({"autocomplete": "family-name"})
    )

    field_order = ["email", "first_name", "last_name", "password1", "password2"]

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
        user.save(update_fields=["first_name", "last_name", "language"])
        invitation_accept(invitation=self.invitation, user=user)
