"""A person's sign-in address: changed only with the person's own approval and confirmed from the new address.

The address is the key to the account (password resets go there). A change staff ask for therefore takes two
steps that staff cannot take for the person: the person approves it (from a link sent to the current address,
or signed in), then the new address confirms itself (allauth's change-of-address flow, ACCOUNT_CHANGE_EMAIL).
"This was not me" cancels the request and alerts the board. The audit log names both actors.
"""

from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.emails import absolute_url, send_email
from kernel.tasks import enqueue
from members import audit
from members.models import AddressChange, Mandate, User
from members.roles import BOARD_ROLES

# The link to approve or reject lives as long as a request may reasonably wait.
REVIEW_LINK_MAX_AGE = 14 * 24 * 3600
_SALT = "members.address_change.review"


class EmailChangeRefused(ValueError):
    """The new address cannot be used (it belongs to another account, or is the current one)."""


def review_token(change: AddressChange) -> str:
    return signing.TimestampSigner(salt=_SALT).sign(str(change.pk))


def change_from_token(token: str) -> AddressChange | None:
    """The pending request a review link names, or None (forged, expired, or already decided)."""
    try:
        pk = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=REVIEW_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return AddressChange.objects.select_related("person", "requested_by").filter(pk=pk, state="pending").first()


def pending_change_of(person: User) -> AddressChange | None:
    return AddressChange.objects.select_related("requested_by").filter(person=person, state="pending").first()


def _refuse_unusable(person: User, new_email: str) -> None:
    if new_email == person.email.lower():
        raise EmailChangeRefused(_("This is already the person's address."))
    taken = User.objects.filter(email__iexact=new_email).exclude(pk=person.pk).exists()
    if taken or EmailAddress.objects.filter(email__iexact=new_email).exclude(user=person).exists():
        raise EmailChangeRefused(_("There is already an account with this address."))


@transaction.atomic
def person_email_change_request(*, person: User, new_email: str, actor: User | None) -> AddressChange:
    """Staff ask to change ``person``'s sign-in address: nothing changes until the person approves it.

    Only the current address hears of it (with the links to approve or reject); the new address gets nothing
    yet, so whoever typed it cannot confirm it. One request at a time: an earlier pending one is withdrawn.
    """
    new_email = new_email.strip().lower()
    _refuse_unusable(person, new_email)
    User.objects.select_for_update().get(pk=person.pk)  # one request at a time, also under concurrent clicks
    now = timezone.now()
    AddressChange.objects.filter(person=person, state=AddressChange.State.PENDING).update(
        state=AddressChange.State.WITHDRAWN, decided_at=now
    )
    EmailAddress.objects.filter(user=person, primary=False, verified=False).delete()
    change = AddressChange.objects.create(person=person, new_email=new_email, requested_by=actor, requested_at=now)
    audit.record(
        actor=actor,
        action="person.email_change_requested",
        target=person,
        before={"email": person.email},
        after={"email": f"{new_email} (waiting for the person's approval)"},
    )
    enqueue("members.tasks.send_address_change_review", change.pk)
    return change


@transaction.atomic
def address_change_approve(*, change: AddressChange, person: User) -> EmailAddress:
    """The person approves: the new address is recorded unverified and asked to confirm itself."""
    change = AddressChange.objects.select_for_update().get(pk=change.pk)
    if change.state != AddressChange.State.PENDING or change.person_id != person.pk:
        raise EmailChangeRefused(_("This change of address is no longer waiting for approval."))
    _refuse_unusable(person, change.new_email)
    # The current address is the verified, primary one, so confirming the new one replaces exactly it.
    current, _created = EmailAddress.objects.get_or_create(
        user=person, email=person.email, defaults={"verified": True, "primary": True}
    )
    if not current.primary:
        EmailAddress.objects.filter(user=person, primary=True).update(primary=False)
        current.primary = True
        current.save(update_fields=["primary"])
    EmailAddress.objects.filter(user=person, primary=False).delete()
    pending = EmailAddress.objects.create(user=person, email=change.new_email, verified=False, primary=False)
    change.state, change.decided_at = AddressChange.State.APPROVED, timezone.now()
    change.save(update_fields=["state", "decided_at"])
    audit.record(
        actor=person,
        action="person.email_change_approved",
        target=person,
        after={"email": change.new_email, "requested_by": str(change.requested_by or "")},
    )
    enqueue("members.tasks.send_email_change_confirmation", pending.pk)
    return pending


@transaction.atomic
def address_change_reject(*, change: AddressChange, person: User) -> None:
    """ "This was not me": the request is cancelled and the board is told who asked for it."""
    change = AddressChange.objects.select_for_update().get(pk=change.pk)
    if change.state != AddressChange.State.PENDING or change.person_id != person.pk:
        raise EmailChangeRefused(_("This change of address is no longer waiting for approval."))
    change.state, change.decided_at = AddressChange.State.REJECTED, timezone.now()
    change.save(update_fields=["state", "decided_at"])
    audit.record(
        actor=person,
        action="person.email_change_rejected",
        target=person,
        before={"email": change.new_email, "requested_by": str(change.requested_by or "")},
    )
    enqueue("members.tasks.send_address_change_alert", change.pk)


def person_email_confirmed(*, person: User, previous: str) -> None:
    """The person confirmed a new address from it (allauth replaced the old one): the log says so, and who
    asked for the change."""
    person.refresh_from_db(fields=["email"])
    if person.email.lower() != previous.lower():
        approved = (
            AddressChange.objects.filter(person=person, state="approved", new_email__iexact=person.email)
            .select_related("requested_by")
            .first()
        )
        audit.record(
            actor=person,
            action="person.email_changed",
            target=person,
            before={"email": previous},
            after={"email": person.email, **({"requested_by": str(approved.requested_by)} if approved else {})},
        )


# --- The emails ----------------------------------------------------------------------------------------------


def address_change_review_send(*, change_id: int) -> None:
    """To the current address: who asked for which new address, and the link to approve or reject it."""
    change = AddressChange.objects.select_related("person", "requested_by").filter(pk=change_id).first()
    if change is None or change.state != AddressChange.State.PENDING:
        return
    send_email(
        "email_change_notice",
        to=change.person.email,
        person=change.person,
        language=change.person.language,
        context={
            "new_email": change.new_email,
            "actor_name": change.requested_by.get_full_name() if change.requested_by else _("the secretariat"),
            "requested_at": change.requested_at,
            "review_url": absolute_url(reverse("address_change_review", args=[review_token(change)])),
            "valid_days": REVIEW_LINK_MAX_AGE // (24 * 3600),
        },
    )


def address_change_alert_send(*, change_id: int) -> None:
    """To every board member holding office: the person says they did not ask for this change."""
    change = AddressChange.objects.select_related("person", "requested_by").filter(pk=change_id).first()
    if change is None:
        return
    board = User.objects.filter(
        pk__in=Mandate.objects.active().filter(role__in=BOARD_ROLES).values("person_id"), is_active=True
    )
    for member in board:
        send_email(
            "email_change_alert",
            to=member.email,
            person=member,
            language=member.language,
            context={
                "person_name": change.person.get_full_name(),
                "new_email": change.new_email,
                "actor_name": change.requested_by.get_full_name() if change.requested_by else "–",
                "requested_at": change.requested_at,
                "rejected_at": change.decided_at,
            },
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
        person=address.user,  # not yet the holder of this address: greeted by name all the same
        language=address.user.language,
        context={"confirm_url": absolute_url(reverse("account_confirm_email", args=[key]))},
    )
