"""Demo meetings convened in the past: their notices as the portal would have kept them."""

from assemblies.models import ConveningDelivery, ConveningNotice, Meeting
from assemblies.services import convening


def record_invitation(meeting: Meeting) -> None:
    """The invitation as the portal would have sent it on ``meeting.invitation_sent_at``: the notice with its
    agenda and a delivery row per recipient (the minutes' proof of convening), without sending anything now."""
    sent_at = meeting.invitation_sent_at
    notice = ConveningNotice.objects.create(
        meeting=meeting,
        kind=ConveningNotice.Kind.INVITATION,
        sent_at=sent_at,
        sent_by=meeting.convened_by,
        deadline=convening.notice_deadline(meeting),
        agenda=convening.agenda_snapshot(meeting),
    )
    meeting.agenda_items.update(announced_in=notice)
    ConveningDelivery.objects.bulk_create(
        ConveningDelivery(
            notice=notice,
            email=r.email.lower(),
            language=r.language,
            person=r.person,
            organisation=r.organisation,
            status=ConveningDelivery.Status.SENT,
            sent_at=sent_at,
        )
        for r in convening.recipients(meeting).by_email
    )
