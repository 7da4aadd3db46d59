"""Working groups' pending work for the secretariat's desk (see defus/desk.py)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.desk import Pending, changelist
from topics.models import Membership

WAITING_LONGER_THAN = datetime.timedelta(days=7)


def waiting_requests(queryset=None, *, now=None):
    """Requests to join a group that no lead has answered for more than seven days."""
    now = now or timezone.now()
    queryset = Membership.objects.all() if queryset is None else queryset
    return queryset.filter(status=Membership.Status.REQUESTED, joined_at__lt=now - WAITING_LONGER_THAN)


def pending(*, now) -> list[Pending]:
    return [
        Pending(
            key="join_requests",
            label=_("Requests to join a working group waiting longer than 7 days"),
            queryset=waiting_requests(now=now),
            url=changelist(Membership, waiting="week"),
            permission="topics.view_membership",
        )
    ]
