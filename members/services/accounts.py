"""People's accounts: invitations to the portal (the sign-in address: members.services.addresses)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kernel.emails import absolute_url, send_email
from kernel.tasks import enqueue
from members import audit
from members.models import Invitation, Organisation, User

# --- Invitations ----------------------------------------------------------------


def invitation_create(*, email: str, organisation: Organisation, invited_by: User | None) -> Invitation:
    """Invite ``email`` to join for ``organisation``; the email goes out after commit."""
    now = timezone.now()
    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        organisation=organisation,
        invited_by=invited_by,
        created_at=now,
        expires_at=now + datetime.timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    audit.record(actor=invited_by, action="invitation.created", target=invitation, after=audit.snapshot(invitation))
    _queue_invitation(invitation)
    return invitation


def _queue_invitation(invitation: Invitation) -> None:
    enqueue("members.tasks.send_invitation", invitation.pk)


def invitation_send(*, invitation: Invitation) -> None:
    if not invitation.is_usable:
        return
    send_email(
        "invitation",
        to=invitation.email,
        language=settings.LANGUAGE_CODE,
        context={
            "invitation": invitation,
            "organisation_name": invitation.organisation.name,
            "accept_url": absolute_url(reverse("invitation_accept", args=[invitation.token])),
            "valid_days": settings.INVITATION_VALID_DAYS,
        },
    )
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())


def invitation_resend(*, invitation: Invitation, actor: User | None) -> Invitation:
    """Give a new validity period and send again."""
    audit.save_change(
        invitation,
        actor=actor,
        action="invitation.resent",
        expires_at=timezone.now() + datetime.timedelta(days=settings.INVITATION_VALID_DAYS),
        revoked_at=None,
    )
    _queue_invitation(invitation)
    return invitation


def invitation_revoke(*, invitation: Invitation, actor: User | None) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit.record(actor=actor, action="invitation.revoked", target=invitation)


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> None:
    """Link the new account to the invitation's organisation; an invitation is used once."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_usable:
        raise ValueError("invitation no longer usable")
    user.organisation = locked.organisation
    user.save(update_fields=["organisation"])
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    audit.record(actor=user, action="invitation.accepted", target=locked)
