"""People's accounts: invitations to the portal and changes of the sign-in address (confirmed by the person)."""

import datetime

from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from defus.lib.emails import absolute_url, send_email
from defus.lib.tasks import enqueue
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


# --- A person's sign-in address -------------------------------------------------


class EmailChangeRefused(ValueError):
    """The new address cannot be used (it belongs to another account, or is the current one)."""


@transaction.atomic
def person_email_change_request(*, person: User, new_email: str, actor: User | None):
    """Start changing ``person``'s sign-in address; it changes only once confirmed from the new address.

    The address is the key to the account (password reset goes there), so staff never set it directly:
    the new address is recorded unverified (allauth's own change-of-address flow, ACCOUNT_CHANGE_EMAIL),
    a confirmation link goes to it, a notice to the current address, and the request is in the audit log.
    Until confirmed, no password reset is sent to the new address (members.forms.VerifiedResetPasswordForm).
    """

    new_email = new_email.strip().lower()
    if new_email == person.email.lower():
        raise EmailChangeRefused(_("This is already the person's address."))
    taken = User.objects.filter(email__iexact=new_email).exclude(pk=person.pk).exists()
    if taken or EmailAddress.objects.filter(email__iexact=new_email).exclude(user=person).exists():
        raise EmailChangeRefused(_("There is already an account with this address."))
    # The current address is the verified, primary one, so confirming the new one replaces exactly it.
    current, _created = EmailAddress.objects.get_or_create(
        user=person, email=person.email, defaults={"verified": True, "primary": True}
    )
    if not current.primary:
        EmailAddress.objects.filter(user=person, primary=True).update(primary=False)
        current.primary = True
        current.save(update_fields=["primary"])
    # One pending change at a time: an earlier, unconfirmed one is withdrawn.
    EmailAddress.objects.filter(user=person, primary=False).delete()
    pending = EmailAddress.objects.create(user=person, email=new_email, verified=False, primary=False)
    audit.record(
        actor=actor,
        action="person.email_change_requested",
        target=person,
        before={"email": person.email},
        after={"email": f"{new_email} (unconfirmed)"},
    )

    enqueue("members.tasks.send_email_change_confirmation", pending.pk)
    enqueue(
        "members.tasks.send_email_change_notice",
        person.pk,
        old_email=person.email,
        new_email=new_email,
        actor_name=actor.get_full_name() if actor else "",
    )
    return pending


def person_email_confirmed(*, person: User, previous: str) -> None:
    """The person confirmed a new address from it (allauth replaced the old one): the log says so."""
    person.refresh_from_db(fields=["email"])
    if person.email.lower() != previous.lower():
        audit.record(
            actor=person,
            action="person.email_changed",
            target=person,
            before={"email": previous},
            after={"email": person.email},
        )


def email_change_confirmation_send(*, address_id: int) -> None:
    """The link to allauth's confirmation page; confirming makes the address the sign-in address."""

    address = EmailAddress.objects.select_related("user").filter(pk=address_id, verified=False).first()
    if address is None:
        return
    key = EmailConfirmationHMAC(address).key
    send_email(
        "email_change_confirm",
        to=address.email,
        language=address.user.language,
        context={"confirm_url": absolute_url(reverse("account_confirm_email", args=[key]))},
    )


def email_change_notice_send(*, person_id: int, old_email: str, new_email: str, actor_name: str) -> None:
    person = User.objects.filter(pk=person_id).first()
    if person is None:
        return
    send_email(
        "email_change_notice",
        to=old_email,
        language=person.language,
        context={
            "new_email": new_email,
            "actor_name": actor_name or _("the secretariat"),
            "requested_at": timezone.now(),
        },
    )
