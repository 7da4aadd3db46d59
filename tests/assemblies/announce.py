"""Tests that vote on agenda items announce them first, as the portal requires (§ 32 Abs. 1 BGB)."""

from assemblies import services
from assemblies.models import ConveningNotice


def announce(meeting, actor) -> ConveningNotice:
    """Send the invitation, or once it went out a supplement for the items added since (within the notice
    period: the factories' meetings are 40 days ahead)."""
    invited = meeting.notices.filter(kind=ConveningNotice.Kind.INVITATION).exists()
    kind = ConveningNotice.Kind.SUPPLEMENT if invited else ConveningNotice.Kind.INVITATION
    return services.notice_send(meeting=meeting, actor=actor, kind=kind)
