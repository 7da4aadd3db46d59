"""Helpers for tests that vote through the ballot page or hold proxies."""

import datetime

from assemblies import ballot_confirmation, services
from members.models import Role
from tests.factories import MandateFactory, UserFactory


def confirm_ballot(client, *resolutions) -> None:
    """The signed-in session has confirmed the password for ``resolutions``, as after allauth's reauthentication
    (tests/assemblies/test_vote_confirmation.py walks that step itself). Call after ``force_login``."""
    session = client.session
    session[ballot_confirmation.SESSION_KEY] = {"confirmed": [r.pk for r in resolutions], "asked": {}}
    session.save()


def second_secretariat(email: str = "zweite@example.org"):
    """A second person of the secretariat (no organisation, so no member organisation more): the four eyes'
    other pair, who approves what the ``secretariat`` persona recorded."""
    person = UserFactory(email=email, organisation=None)
    MandateFactory(role=Role.SECRETARIAT, person=person)
    return person


def before_voting(meeting):
    """A minute before voting started in ``meeting``: before it began and before its first ballot opened."""
    opened = [r.opens_at for r in meeting.resolutions.all() if r.opens_at is not None]
    return min([meeting.event.start, *opened]) - datetime.timedelta(minutes=1)


def proxy_before_voting(meeting, *, organisation, holder, recorded_by, approver=None, signed_by=""):
    """A written proxy handed in before voting started in ``meeting``; one recorded from paper (``signed_by``)
    is approved by ``approver``, the second person, at the same moment."""
    at = before_voting(meeting)
    proxy = services.proxy_grant(
        meeting=meeting, organisation=organisation, holder=holder, recorded_by=recorded_by, signed_by=signed_by, at=at
    )
    if proxy.awaiting_approval and approver is not None:
        proxy = services.proxy_approve(proxy=proxy, actor=approver, at=at)
    return proxy
