from allauth.account.adapter import get_adapter
from allauth.account.views import SignupView
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from members.selectors import INVITATION_SESSION_KEY, invitation_by_token, invitation_from_session


@login_not_required
def invitation_accept(request, token):
    """The link in the invitation email: remember the invitation, then open sign-up."""
    invitation = invitation_by_token(token)
    if invitation is None:
        return render(request, "members/invitation_invalid.html", status=410)
    if request.user.is_authenticated:
        messages.info(
            request, _("You are already signed in. Sign out first to accept an invitation for another address.")
        )
        return redirect("dashboard")
    request.session[INVITATION_SESSION_KEY] = invitation.token
    # The address is proven by the link: no second verification email.
    get_adapter(request).stash_verified_email(request, invitation.email)
    return redirect("account_signup")


@method_decorator(login_not_required, name="dispatch")
class InvitedSignupView(SignupView):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["invitation"] = invitation_from_session(self.request)
        return kwargs

    def form_valid(self, form):
        response = super().form_valid(form)
        self.request.session.pop(INVITATION_SESSION_KEY, None)
        return response


signup = InvitedSignupView.as_view()
