import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from funding import selectors, services
from funding.filters import CallFilter
from funding.forms import InterestForm
from funding.models import Call, Deadline, Interest
from kernel import choosers, ical
from kernel.choosers import show_without_errors
from kernel.emails import absolute_url
from kernel.paging import paginate
from kernel.refusals import reported
from kernel.spreadsheet import excel_csv_response


def call_list(request):
    now = timezone.now()
    calls = CallFilter(request.GET or None, queryset=selectors.calls(now=now), request=request, now=now)
    if request.GET.get("export") == "csv":
        return _calls_csv(calls.qs)
    page, query = paginate(request, calls.qs, 25)
    context = {"form": calls.form, "page": page, "query": query, "now": now, "attached": _attached(request)}
    return render(request, "funding/call_list.html", context)


def _attached(request) -> str:
    """A line another page attaches to the partner search (a practice of the register: ``?anhang=…``)."""
    return request.GET.get("anhang", "").strip()[:500]


def _calls_csv(calls):
    rows = (
        [
            c.identifier,
            c.title,
            c.programme.name,
            c.get_deadline_model_display(),
            Call.Status(c.state).label,
            timezone.localtime(c.next_deadline).strftime("%d.%m.%Y %H:%M") if c.next_deadline else "",
            c.budget or "",
        ]
        for c in calls
    )
    header = [
        _("Identifier"),
        _("Title"),
        _("Programme"),
        _("Deadline model"),
        _("Status"),
        _("Next deadline"),
        _("Budget"),
    ]
    return excel_csv_response(rows, header, filename="foerderaufrufe.csv")


def deadlines_ics(request):
    """Every coming deadline as a calendar entry (one hour ending at the deadline)."""
    deadlines = Deadline.objects.filter(at__gt=timezone.now()).select_related("call").order_by("at")
    # Deadlines are instants (UTC in the file): no VTIMEZONE needed.
    content = ical.build_calendar(
        deadlines,
        entry=lambda deadline: ical.Entry(
            uid=f"deadline-{deadline.pk}@defus",
            start=deadline.at - datetime.timedelta(hours=1),
            end=deadline.at,
            summary=f"{_('Deadline')}: {deadline.call.identifier}",
            description=deadline.call.title,
            url=absolute_url(reverse("call_detail", args=[deadline.call_id])),
        ),
        name="DEFUS Förderfristen",
        prodid="-//DEFUS//Foerderfristen//DE",
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="foerderfristen.ics"'
    return response


def call_detail(request, pk):
    try:
        call, deadlines = selectors.call_detail(pk=pk)
    except Call.DoesNotExist:
        raise Http404 from None
    organisation = request.user.organisation
    # A superuser passes every has_perm: an interest still needs an organisation to speak for.
    may_declare = organisation is not None and request.user.has_perm("funding.declare_interest", call)
    mine = Interest.objects.filter(call=call, organisation=organisation).first() if organisation else None
    # Arriving with something attached (a practice): a new interest starts as a partner search offering it.
    initial = {"looking_for_partners": True, "offers": _attached(request)} if _attached(request) and not mine else None
    form = (
        InterestForm(request.POST or None, instance=mine, organisation=organisation, initial=initial)
        if may_declare
        else None
    )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if request.POST.get("action") == "withdraw" and mine:
            if not request.user.has_perm("funding.withdraw_interest", mine):
                raise PermissionDenied
            services.interest_withdraw(interest=mine)
            messages.success(request, _("Your organisation's interest has been withdrawn."))
            return redirect("call_detail", pk=call.pk)
        if choosers.is_search(request):
            show_without_errors(form)
        elif form.is_valid():
            with reported(request, _("Your organisation's interest has been saved."), form=form) as outcome:
                services.interest_save(call=call, organisation=organisation, data=form.cleaned_data)
            if outcome.ok:
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
