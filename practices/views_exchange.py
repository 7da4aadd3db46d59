"""Saying "Das interessiert uns" / "Haben wir übernommen" for one's member organisation, with a short note."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from practices import services
from practices.forms import UptakeForm
from practices.views import _visible


@require_POST
def practice_uptake(request, pk):
    practice = _visible(request, pk)
    if not request.user.has_perm("practices.take_up_practice", practice):
        raise PermissionDenied
    form = UptakeForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("practice_detail", pk=practice.pk)
    try:
        uptake = services.uptake_record(practice=practice, person=request.user, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Saved: %(kind)s. The authors have been told.") % {"kind": uptake.get_kind_display()}
        )
    return redirect("practice_detail", pk=practice.pk)
