"""Addresses that bounce until the portal stopped mailing them, and digests that failed, for the secretariat's desk
(see defus/desk.py)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.desk import Pending, changelist
from mail.models import FORGIVE_AFTER, SUPPRESS_AT, AddressHealth, DigestDelivery


def bouncing(queryset=None, *, now=None):
    """Addresses that bounced in the last 30 days (a score is forgiven after that)."""
    now = now or timezone.now()
    queryset = AddressHealth.objects.all() if queryset is None else queryset
    return queryset.filter(last_bounce_at__gte=now - FORGIVE_AFTER)


def stopped(queryset=None, *, now=None):
    """Addresses that get no more mail: a score of 4 or more within the last 30 days."""
    return bouncing(queryset, now=now).filter(score__gte=SUPPRESS_AT)


def pending(*, now) -> list[Pending]:
    return [
        Pending(
            key="mail_stopped",
            label=_("Email addresses that bounce and get no more mail"),
            queryset=stopped(now=now),
            url=changelist(AddressHealth, state="stopped"),
            permission="mail.view_addresshealth",
        ),
        Pending(
            key="digests_failed",
            label=_("Digest emails that failed"),
            queryset=DigestDelivery.objects.filter(status=DigestDelivery.Status.FAILED),
            url=changelist(DigestDelivery, status__exact=DigestDelivery.Status.FAILED),
            permission="mail.view_digestdelivery",
        ),
    ]
