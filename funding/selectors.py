"""Calls with their status derived from the clock, in one query per page."""

import datetime

from django.db.models import Case, CharField, F, Max, Min, Q, Value, When
from django.utils import timezone

from funding.models import Call, Deadline, Interest


def calls(*, now=None):
    """Every call with its next and last deadline and its status at ``now``; funding.filters narrows them."""
    now = now or timezone.now()
    return (
        Call.objects.select_related("programme")
        .annotate(
            next_deadline=Min("deadlines__at", filter=Q(deadlines__at__gt=now)),
            last_deadline=Max("deadlines__at"),
        )
        .annotate(
            state=Case(
                When(opens_at__gt=now, then=Value(Call.Status.FORTHCOMING)),
                When(last_deadline__lte=now, then=Value(Call.Status.CLOSED)),
                default=Value(Call.Status.OPEN),
                output_field=CharField(),
            )
        )
        .order_by(ordering_next_deadline(), "identifier")
    )


def due_within(calls, *, days: int, now):
    """Of ``calls`` (from ``calls(now=now)``), those whose next deadline is within ``days``."""
    until = now + datetime.timedelta(days=days)
    # The deadline index narrows the calls first, so only those few are aggregated.
    soon = Deadline.objects.filter(at__gt=now, at__lte=until).values("call_id")
    return calls.filter(pk__in=soon, next_deadline__lte=until)


def ordering_next_deadline():

    # Calls with a coming deadline first, soonest first; closed ones after.
    return F("next_deadline").asc(nulls_last=True)


def call_detail(*, pk: int, now=None):
    now = now or timezone.now()
    call = Call.objects.select_related("programme").get(pk=pk)
    deadlines = list(call.deadlines.all())
    call.state = call.status_at(now, deadlines)
    return call, deadlines


def interests_for_call(*, call):
    return list(
        Interest.objects.filter(call=call)
        .select_related("organisation", "contact")
        .prefetch_related("partners")
        .order_by("role", "organisation__name")
    )


def countries_covered(interests) -> set[str]:
    """Germany (every DEFUS member) plus the countries of the partners abroad named in interests."""
    countries = {"DE"} if interests else set()
    for interest in interests:
        countries |= {partner.country for partner in interest.partners.all()}
    return countries


def partner_searches(*, now=None):
    now = now or timezone.now()
    return (
        Interest.objects.filter(looking_for_partners=True, call__deadlines__at__gt=now)
        .select_related("call__programme", "organisation", "contact")
        .distinct()
        .order_by("call__identifier", "organisation__name")
    )
