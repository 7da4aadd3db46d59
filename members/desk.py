"""Members' pending work for the secretariat's desk (see defus/desk.py)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.desk import Pending, changelist
from members.models import Invitation, Mandate, MembershipFee

ENDING_WITHIN = datetime.timedelta(days=60)


def ending_offices(queryset=None, *, now=None):
    """Offices in their term today that end within 60 days (the admin's term filter “ending”)."""
    today = timezone.localdate(now)
    queryset = Mandate.objects.all() if queryset is None else queryset
    return queryset.active(today).filter(end__lte=today + ENDING_WITHIN)


def overdue_fees(queryset=None, *, now=None):
    queryset = MembershipFee.objects.all() if queryset is None else queryset
    return queryset.filter(paid_on__isnull=True, due_on__lt=timezone.localdate(now))


def open_invitations(queryset=None):
    """Sent and neither accepted nor revoked: to resend (also when expired) or to revoke."""
    queryset = Invitation.objects.all() if queryset is None else queryset
    return queryset.filter(sent_at__isnull=False, accepted_at__isnull=True, revoked_at__isnull=True)


def appointments_awaiting_approval(queryset=None):
    """Delegates appointed by one person that wait for a second one (four eyes; the admin's action approves)."""
    queryset = Mandate.objects.all() if queryset is None else queryset
    return queryset.filter(awaiting_approval=True)


def pending(*, now) -> list[Pending]:
    return [
        Pending(
            key="appointments_awaiting_approval",
            label=_("Appointments waiting for a second person's approval"),
            queryset=appointments_awaiting_approval(),
            url=changelist(Mandate, awaiting_approval__exact=1),
            permission="members.view_mandate",
        ),
        Pending(
            key="offices_ending",
            label=_("Offices ending within 60 days"),
            queryset=ending_offices(now=now),
            url=changelist(Mandate, term="ending"),
            permission="members.view_mandate",
        ),
        Pending(
            key="fees_overdue",
            label=_("Membership fees overdue"),
            queryset=overdue_fees(now=now),
            url=changelist(MembershipFee, payment="overdue"),
            permission="members.view_membershipfee",
        ),
        Pending(
            key="invitations_open",
            label=_("Invitations sent but not accepted"),
            queryset=open_invitations(),
            url=changelist(Invitation, state="open"),
            permission="members.view_invitation",
        ),
    ]
