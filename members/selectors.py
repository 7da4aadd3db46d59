"""Reads of members' records."""

from members.models import Invitation

INVITATION_SESSION_KEY = "invitation_token"


def invitation_by_token(token: str | None) -> Invitation | None:
    if not token:
        return None
    invitation = Invitation.objects.select_related("organisation").filter(token=token).first()
    return invitation if invitation and invitation.is_usable else None


def invitation_from_session(request) -> Invitation | None:
    return invitation_by_token(request.session.get(INVITATION_SESSION_KEY))
