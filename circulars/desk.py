"""Circulars' pending work for the secretariat's desk (see defus/desk.py)."""

from django.utils.translation import gettext_lazy as _

from circulars.models import Circular, CircularDelivery
from kernel.desk import Pending, changelist


def pending(*, now) -> list[Pending]:
    return [
        Pending(
            key="circulars_failed",
            label=_("Circular emails that failed"),
            queryset=CircularDelivery.objects.filter(status=CircularDelivery.Status.FAILED),
            url=changelist(CircularDelivery, delivery=CircularDelivery.Status.FAILED),
            permission="circulars.view_circulardelivery",
        ),
        Pending(
            key="circular_drafts",
            label=_("Circulars not yet sent (drafts)"),
            queryset=Circular.objects.filter(status=Circular.Status.DRAFT),
            url=changelist(Circular, status__exact=Circular.Status.DRAFT),
            permission="circulars.view_circular",
        ),
    ]
