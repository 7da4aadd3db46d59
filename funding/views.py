from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defus.lib.paging import paginate
from funding import selectors
from funding.forms import InterestForm
from funding.models import Call, Interest, Programme


class CallFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), required=False, queryset=Programme.objects.all(), empty_label=_("all")
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("all"))] + Call.Status.choices)
    mine = forms.BooleanField(label=_("My organisation is interested"), required=False)
    within = forms.TypedChoiceField(
        label=_("Deadline within"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("any time")), (14, _("14 days")), (30, _("30 days")), (90, _("90 days"))],
    )


def call_list(request):
    form = CallFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    calls = selectors.calls(
        programme=filters.get("programme"),
        status=filters.get("status", ""),
        within_days=filters.get("within"),
        organisation=request.user.organisation if filters.get("mine") else None,
    )
    page, query = paginate(request, calls, 25)
    return render(
        request, "funding/call_list.html", {"form": form, "page": page, "query": query, "now": timezone.now()}
    )


def call_detail(request, pk):
    try:
        call, deadlines = selectors.call_detail(pk=pk)
    except Call.DoesNotExist:
        raise Http404 from None
    organisation = request.user.organisation
    mine = Interest.objects.filter(call=call, organisation=organisation).first() if organisation else None
    form = InterestForm(request.POST or None, instance=mine, organisation=organisation) if organisation else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if request.POST.get("action") == "withdraw" and mine:
            mine.delete()
            messages.success(request, _("Your organisation's interest has been withdrawn."))
            return redirect("call_detail", pk=call.pk)
        if form.is_valid():
            interest = form.save(commit=False)
            interest.call, interest.organisation, interest.updated_at = call, organisation, timezone.now()
            interest.save()
            form.save_m2m()
            messages.success(request, _("Your organisation's interest has been saved."))
            return redirect("call_detail", pk=call.pk)
    interests = selectors.interests_for_call(call=call)
    return render(
        request,
        "funding/call_detail.html",
        {
            "call": call,
            "deadlines": deadlines,
            "now": timezone.now(),
            "interests": interests,
            "countries": sorted(selectors.countries_covered(interests)),
            "form": form,
            "mine": mine,
        },
    )


def partner_search(request):
    page, query = paginate(request, selectors.partner_searches(), 25)
    return render(request, "funding/partner_search.html", {"page": page, "query": query})
