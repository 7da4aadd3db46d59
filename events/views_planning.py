"""Date polls and study-visit offers: planning that ends in an event."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import exchange, polls
from events.forms import ExchangeOfferForm, ExchangeRequestForm, PollForm
from events.models import DatePoll, DatePollAnswer, ExchangeOffer, ExchangeRequest
from kernel import choosers
from kernel.choosers import show_without_errors
from kernel.paging import paginate
from kernel.parse import whole_number
from kernel.refusals import reported

# --- Date polls -------------------------------------------------------------------------


def poll_list(request):
    page, query = paginate(request, polls.polls_for(user=request.user), 20)
    return render(request, "events/poll_list.html", {"page": page, "query": query})


def poll_create(request):
    if not request.user.has_perm("members.access_portal"):
        raise PermissionDenied
    form = PollForm(request.POST or None, user=request.user)
    if choosers.is_search(request):
        show_without_errors(form)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with reported(request, _("The date poll has been created."), form=form) as outcome:
            poll = polls.poll_create(
                organiser=request.user,
                title=data["title"],
                description=data["description"],
                location=data["location"],
                duration=datetime.timedelta(hours=data["duration_hours"]),
                group=data["group"],
                invitees=data["invitees"],
                starts=form.starts(),
            )
        if outcome.ok:
            return redirect("poll_detail", pk=poll.pk)
    return render(request, "events/poll_form.html", {"form": form})


def _poll(request, pk) -> DatePoll:
    poll = get_object_or_404(DatePoll.objects.select_related("group", "organiser", "event"), pk=pk)
    if not request.user.has_perm("events.view_poll", poll):
        raise Http404
    return poll


def poll_detail(request, pk):
    poll = _poll(request, pk)
    if request.method == "POST":
        answers = {
            option.pk: request.POST.get(f"option-{option.pk}")
            for option in poll.options.all()
            if request.POST.get(f"option-{option.pk}")
        }
        with reported(request, _("Your answers have been saved.")):
            polls.poll_answer(poll=poll, person=request.user, answers=answers)
        return redirect("poll_detail", pk=poll.pk)
    mine = dict(
        DatePollAnswer.objects.filter(option__poll=poll, person=request.user).values_list("option_id", "answer")
    )
    return render(
        request,
        "events/poll_detail.html",
        {
            "poll": poll,
            "mine": mine,
            "choices": DatePollAnswer.Answer.choices,
            "can_close": poll.closed_at is None and request.user.has_perm("events.close_poll", poll),
            **polls.results(poll=poll),
        },
    )


@require_POST
def poll_close(request, pk):
    poll = _poll(request, pk)
    if not request.user.has_perm("events.close_poll", poll):
        raise PermissionDenied
    option_id = request.POST.get("option", "")
    # Anything but a plain number finds no option (a 404), never a server error.
    option = get_object_or_404(poll.options, pk=whole_number(option_id) or 0)
    with reported(request, _("The date is fixed; everyone invited has been told.")) as outcome:
        event = polls.poll_close(poll=poll, option=option)
    if not outcome.ok:
        return redirect("poll_detail", pk=poll.pk)
    return redirect("event_detail", pk=event.pk)


# --- Study-visit offers -------------------------------------------------------------------


def exchange_list(request):
    offers = ExchangeOffer.objects.select_related("host").order_by("-is_open", "-created_at")
    page, query = paginate(request, offers, 20)
    form = ExchangeOfferForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("members.access_portal") or request.user.organisation_id is None:
            raise PermissionDenied
        if form.is_valid():
            offer = ExchangeOffer.objects.create(
                host_id=request.user.organisation_id, created_by=request.user, **form.cleaned_data
            )
            messages.success(request, _("Your offer is now visible to all members."))
            return redirect("exchange_detail", pk=offer.pk)
    return render(request, "events/exchange_list.html", {"page": page, "query": query, "form": form})


def exchange_detail(request, pk):
    offer = get_object_or_404(ExchangeOffer.objects.select_related("host"), pk=pk)
    hosts = request.user.has_perm("events.decide_exchange", offer)
    # Arriving from another page with something attached (a practice of the register: ``?anhang=…``).
    attached = request.GET.get("anhang", "").strip()[:500]
    form = ExchangeRequestForm(request.POST or None, initial={"message": attached} if attached else None)
    if request.method == "POST" and form.is_valid():
        with reported(request, _("Your request has been sent to the host."), form=form) as outcome:
            exchange.request_create(offer=offer, person=request.user, **form.cleaned_data)
        if outcome.ok:
            return redirect("exchange_detail", pk=offer.pk)
    requests = offer.requests.select_related("organisation", "person", "event")
    own = requests.filter(organisation_id=request.user.organisation_id).first()
    return render(
        request,
        "events/exchange_detail.html",
        {"offer": offer, "form": form, "hosts": hosts, "requests": list(requests) if hosts else [], "own": own},
    )


@require_POST
def exchange_decide(request, pk):
    exchange_request = get_object_or_404(ExchangeRequest.objects.select_related("offer"), pk=pk)
    if not request.user.has_perm("events.decide_exchange", exchange_request.offer):
        raise PermissionDenied
    accept = request.POST.get("action") == "accept"
    decided = exchange.request_decide(request=exchange_request, accept=accept)
    if decided.event_id:
        messages.success(request, _("Accepted: the visit is now an event and the guest is registered."))
        return redirect("event_detail", pk=decided.event_id)
    messages.info(request, _("The request has been declined."))
    return redirect("exchange_detail", pk=exchange_request.offer_id)
