from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defus.lib.paging import paginate
from funding import selectors
from funding.models import Call, Programme


class CallFilterForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Programme"), required=False, queryset=Programme.objects.all(), empty_label=_("all")
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("all"))] + Call.Status.choices)
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
        programme=filters.get("programme"), status=filters.get("status", ""), within_days=filters.get("within")
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
    return render(request, "funding/call_detail.html", {"call": call, "deadlines": deadlines, "now": timezone.now()})
