"""Confirming a bouncing address again: ask for a link, then open it and confirm (both POST)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from mail import services


@require_POST
def confirm_address(request):
    services.confirmation_resend(person=request.user)
    request.session.pop("mail_bounce_notice", None)
    messages.info(
        request,
        _("We have sent a confirmation link to %(email)s. Once you open it, the portal sends you email again.")
        % {"email": request.user.email},
    )
    return redirect("dashboard")


@login_not_required  # opened from the email; the signed link authorises it
@require_http_methods(["GET", "POST"])
def address_confirmed(request, token: str):
    person = services.confirmation_person(token=token)
    if person is None:
        raise Http404
    if request.method == "POST":
        services.address_confirm(person=person)
        request.session.pop("mail_bounce_notice", None)
        messages.success(request, _("Thank you: your address is confirmed and the portal sends you email again."))
        return redirect("home")
    return render(request, "mail/confirm_address.html", {"person": person})
