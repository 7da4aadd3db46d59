"""The practice register's pending work for the secretariat's desk (see defus/desk.py): entries to rate, and
published entries whose rating is two years old (each entry is reviewed again after two years)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.desk import Pending, changelist
from practices.models import Practice

REVIEW_AGAIN_AFTER_YEARS = 2


def rereview_cutoff(today: datetime.date) -> datetime.date:
    """Ratings given on or before this day are due again (29 February counts from 28 February)."""
    try:
        return today.replace(year=today.year - REVIEW_AGAIN_AFTER_YEARS)
    except ValueError:
        return today.replace(year=today.year - REVIEW_AGAIN_AFTER_YEARS, day=28)


def due_for_rereview(queryset=None, *, today: datetime.date):
    queryset = Practice.objects.all() if queryset is None else queryset
    return queryset.filter(state=Practice.State.PUBLISHED, level_decided_on__lte=rereview_cutoff(today))


def pending(*, now) -> list[Pending]:
    return [
        Pending(
            key="practices_rereview",
            label=_("Practices to review again (rated two years ago or earlier)"),
            queryset=due_for_rereview(today=timezone.localdate(now)),
            url=changelist(Practice, review="due"),
            permission="practices.view_practice",
        ),
    ]
