"""Written proxies in the portal: giving one (shown once more first) and declining or revoking it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assemblies import services
from assemblies.forms import ProxyForm
from assemblies.models import Proxy
from assemblies.views import _meeting, meeting_detail
from kernel import choosers
from kernel.choosers import show_without_errors
from kernel.refusals import reported, require


@require_POST
def meeting_proxy(request, pk):
    meeting = _meeting(request, pk)
    require(request.user, "assemblies.grant_proxy", meeting)
    form = ProxyForm(request.POST, user=request.user, on_paper=request.user.has_perm("assemblies.run_meeting", meeting))
    if choosers.is_search(request):
        show_without_errors(form)
    elif form.is_valid() and request.POST.get("confirmed") != "yes":
        # Shown once more before it counts: who gives whose vote to whom, and who will be told.
        context = {"meeting": meeting, "form": form, "data": form.cleaned_data}
        return render(request, "assemblies/proxy_grant_confirm.html", context)
    elif form.is_valid():
        with reported(request, form=form) as outcome:
            proxy = services.proxy_grant(meeting=meeting, recorded_by=request.user, **form.cleaned_data)
        if outcome.ok:
            if proxy.awaiting_approval:
                messages.warning(
                    request,
                    _(
                        "The proxy has been recorded; it takes effect once a second person of the secretariat "
                        "or the board approves it."
                    ),
                )
            else:
                messages.success(request, _("The proxy has been recorded."))
            return redirect("meeting_detail", pk=meeting.pk)
    return meeting_detail(request, pk, proxy_form=form)


@require_POST
def proxy_withdraw(request, pk):
    """The holder declines a proxy, or the granting organisation's delegate revokes it, until voting starts."""
    proxy = get_object_or_404(Proxy.objects.select_related("meeting__event"), pk=pk)
    meeting = _meeting(request, proxy.meeting_id)
    how = services.may_withdraw_proxy(proxy=proxy, person=request.user)
    if how is None:
        raise PermissionDenied
    if request.POST.get("confirmed") != "yes":
        # Asked once more: the holder and the organisation's delegate are told, and it cannot be undone.
        return render(
            request, "assemblies/proxy_withdraw_confirm.html", {"proxy": proxy, "meeting": meeting, "how": how}
        )
    with reported(request) as outcome:
        how = services.proxy_withdraw(proxy=proxy, person=request.user)
    if outcome.ok:
        messages.success(
            request, _("You have declined the proxy.") if how == "decline" else _("You have revoked the proxy.")
        )
    return redirect("meeting_detail", pk=meeting.pk)
