"""The guest corrects name, organisation and needs from the personal link (the secret in it is the credential)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from events import services
from events.forms_public import GuestDetailsForm
from events.models import GuestRegistration


@login_not_required
@never_cache
def guest_details(request, token):
    guest = GuestRegistration.objects.select_related("event").filter(token=token).first()
    if guest is None or guest.status in (GuestRegistration.Status.PENDING, GuestRegistration.Status.CANCELLED):
        raise Http404
    initial = {"name": guest.name, "organisation": guest.organisation, "needs": guest.needs}
    form = GuestDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.guest_details_update(guest=guest, **form.cleaned_data)
        messages.success(request, _("Your details have been corrected."))
        return redirect("guest_registration", token=guest.token)
    return render(request, "events/public/guest_details.html", {"guest": guest, "event": guest.event, "form": form})
