"""Staff (admin access) must use a second factor when MFA_REQUIRED_FOR_STAFF is on."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Paths a staff member without MFA may still use: set MFA up, sign out, static files.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/")


class StaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and request.user.is_authenticated
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and request.user.is_staff
            and not Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists()
        ):
            messages.warning(
                request,
                _("Your office gives you access to the administration. Please set up two-factor authentication first."),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
