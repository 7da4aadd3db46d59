"""Access rules that hold for every request, so no view can forget them."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from members.models import Organisation

# Paths a person may use without member access or without MFA: the account itself,
# "Meine Daten", static files, health check and language switch.
_ACCOUNT_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/", "/meine-daten/")


class StaffMFAMiddleware:
    """Staff (admin access) must use a second factor when MFA_REQUIRED_FOR_STAFF is on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and request.user.is_authenticated
            and not request.path.startswith(_ACCOUNT_PREFIXES)
            and request.user.is_staff
            and not Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists()
        ):
            messages.warning(
                request,
                _("Your office gives you access to the administration. Please set up two-factor authentication first."),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


class MemberAccessMiddleware:
    """Signed-in people whose organisation is no longer a member keep only their account and data; those whose
    organisation has applied see a welcome page that says the application is being decided."""

    def __init__(self, get_response):
        self.get_response = get_response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or request.path.startswith(_ACCOUNT_PREFIXES):
            return None
        if not getattr(view_func, "login_required", True):
            return None  # public pages
        if request.path.startswith("/admin/"):
            return None  # the admin checks offices itself
        if request.user.has_perm("members.access_portal"):
            return None
        organisation = request.user.organisation
        status = organisation.status if organisation is not None else None
        if status == Organisation.Status.APPLICANT:
            # Not refused but waiting: the board decides on the application (nothing to do for the person).
            return render(
                request,
                "members/applicant_welcome.html",
                {"organisation": organisation},
                status=200 if request.method in ("GET", "HEAD") else 403,
            )
        return render(
            request, "members/no_member_access.html", {"organisation": organisation, "status": status}, status=403
        )

    def __call__(self, request):
        return self.get_response(request)
