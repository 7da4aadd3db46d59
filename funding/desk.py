"""Funding deadlines members are waiting for, for the secretariat's desk (see defus/desk.py)."""

import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from funding.models import Call, Deadline, Interest
from kernel.desk import Pending, changelist

WITHIN = datetime.timedelta(days=14)


def interested_deadline_soon(queryset=None, *, now=None):
    """Calls a member organisation is interested in with a deadline in the next 14 days."""
    now = now or timezone.now()
    queryset = Call.objects.all() if queryset is None else queryset
    soon = Deadline.objects.filter(call=OuterRef("pk"), at__gte=now, at__lt=now + WITHIN)
    return queryset.filter(Exists(Interest.objects.filter(call=OuterRef("pk"))), Exists(soon))


def pending(*, now) -> list[Pending]:
    return [
        Pending(
            key="funding_deadlines",
            label=_("Funding deadlines within 14 days of calls members are interested in"),
            queryset=interested_deadline_soon(now=now),
            url=changelist(Call, interest_deadline="14"),
            permission="funding.view_call",
        )
    ]
