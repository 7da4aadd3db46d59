"""Changes to members' records. Views and the admin call these; nothing else writes them."""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from defus.lib.emails import absolute_url, build_email, send_email
from defus.lib.tasks import enqueue
from members import audit
from members.models import ConsentRecord, DigestFrequency, Invitation, Mandate, Organisation, Role, User

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
    from members.tasks import send_invitation

    enqueue(send_invitation, invitation.pk)


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
    before = audit.snapshot(invitation)
    invitation.expires_at = timezone.now() + datetime.timedelta(days=settings.INVITATION_VALID_DAYS)
    invitation.revoked_at = None
    invitation.save(update_fields=["expires_at", "revoked_at"])
    audit.record(
        actor=actor, action="invitation.resent", target=invitation, before=before, after=audit.snapshot(invitation)
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
    from allauth.account.models import EmailAddress

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
    from members.tasks import send_email_change_confirmation, send_email_change_notice

    enqueue(send_email_change_confirmation, pending.pk)
    enqueue(
        send_email_change_notice,
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
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC

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


# --- Offices --------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeSaved:
    """What ``mandate_save`` did: the office, and the terms it ended by succession."""

    mandate: Mandate
    created: bool
    succeeded: tuple[Mandate, ...] = ()


@transaction.atomic
def mandate_save(*, mandate: Mandate, actor: User | None, by_election: bool = False) -> OfficeSaved:
    """Create or change an office. A new delegate succeeds the current one.

    The predecessor's open term ends the day before the successor starts, so the
    organisation's vote passes on that day and there is never a day with two delegates;
    the predecessor and the organisation's contacts are told (after commit).
    Nobody enters an office with a vote for themselves, unless the members elected them
    (``by_election``: the vote's result takes effect, whoever closes the vote).
    """
    from members.bylaws import Conflict, office_conflicts

    created = mandate.pk is None
    before = {} if created else audit.snapshot(Mandate.objects.get(pk=mandate.pk))
    own = [] if by_election else office_conflicts(mandate, actor=actor)
    refused = [conflict.error() for conflict in own if conflict.code == Conflict.OWN_VOTING_OFFICE]
    if refused:
        raise ValidationError(refused)
    succeeded = []
    if created and mandate.role == Role.DELEGATE:
        predecessors = Mandate.objects.select_for_update().filter(
            role=Role.DELEGATE, organisation=mandate.organisation, end__isnull=True, start__lt=mandate.start
        )
        for predecessor in predecessors:
            old = audit.snapshot(predecessor)
            predecessor.end = mandate.start - datetime.timedelta(days=1)
            predecessor.save(update_fields=["end"])
            audit.record(
                actor=actor,
                action="mandate.succeeded",
                target=predecessor,
                before=old,
                after=audit.snapshot(predecessor),
            )
            succeeded.append(predecessor)
    mandate.full_clean()
    mandate.save()
    audit.record(
        actor=actor,
        action="mandate.created" if created else "mandate.changed",
        target=mandate,
        before=before,
        after=audit.snapshot(mandate),
    )
    for predecessor in succeeded:
        _queue_succession_notices(predecessor=predecessor, successor=mandate)
    return OfficeSaved(mandate=mandate, created=created, succeeded=tuple(succeeded))


def succession_recipients(*, predecessor: Mandate) -> list[tuple[str, str]]:
    """Who hears that a delegate's term ends by succession: the person and the organisation's contacts.

    The contacts are the organisation's own address and its people at leadership level, so an
    appointment nobody asked for is noticed. (address, language) pairs, each address once.
    """
    organisation = predecessor.organisation
    recipients = {predecessor.person.email.lower(): (predecessor.person.email, predecessor.person.language)}
    leadership = organisation.people.filter(is_active=True, level=User.Level.LEADERSHIP).values_list(
        "email", "language"
    )
    for email, language in leadership:
        recipients.setdefault(email.lower(), (email, language))
    if organisation.email:
        recipients.setdefault(organisation.email.lower(), (organisation.email, settings.LANGUAGE_CODE))
    return list(recipients.values())


def _queue_succession_notices(*, predecessor: Mandate, successor: Mandate) -> None:
    from members.tasks import send_succession_notice

    for email, language in succession_recipients(predecessor=predecessor):
        enqueue(send_succession_notice, predecessor.pk, successor.pk, to=email, language=language)


def succession_notice_send(*, predecessor_id: int, successor_id: int, to: str, language: str) -> None:
    offices = Mandate.objects.select_related("person", "organisation").in_bulk([predecessor_id, successor_id])
    if len(offices) < 2:
        return
    predecessor, successor = offices[predecessor_id], offices[successor_id]
    send_email(
        "office_succeeded",
        to=to,
        language=language,
        context={
            "organisation_name": predecessor.organisation.name,
            "predecessor": predecessor.person.get_full_name(),
            "successor": successor.person.get_full_name(),
            "last_day": predecessor.end,
            "first_day": successor.start,
        },
    )


@transaction.atomic
def organisation_offices_end(*, organisation: Organisation, on: datetime.date | None, actor: User | None) -> int:
    """An organisation that leaves takes its delegate's vote with it: its open offices end."""
    on = on or timezone.localdate()
    ended = 0
    for mandate in Mandate.objects.active(on).filter(organisation=organisation).select_for_update():
        before = audit.snapshot(mandate)
        mandate.end = max(on, mandate.start)
        mandate.save(update_fields=["end"])
        audit.record(actor=actor, action="mandate.ended", target=mandate, before=before, after=audit.snapshot(mandate))
        ended += 1
    return ended


# --- Profile and consent -------------------------------------------------------

CONSENT_FIELDS = {
    "show_email": ConsentRecord.Subject.DIRECTORY_EMAIL,
    "show_phone": ConsentRecord.Subject.DIRECTORY_PHONE,
    "show_position": ConsentRecord.Subject.DIRECTORY_POSITION,
}


@transaction.atomic
def profile_update(*, person: User, data: dict) -> User:
    """Save own profile fields; every change of a directory consent is recorded with its time."""
    now = timezone.now()
    for field, value in data.items():
        if field in CONSENT_FIELDS and getattr(person, field) != value:
            ConsentRecord.objects.create(person=person, subject=CONSENT_FIELDS[field], granted=value, recorded_at=now)
        setattr(person, field, value)
    person.full_clean(exclude=["password"])
    person.save()
    return person


# --- The weekly digest -----------------------------------------------------------------


@transaction.atomic
def digest_set(*, person: User, frequency: str) -> bool:
    """Turn the digest on or off; a change is recorded as consent given or withdrawn. Returns whether it changed."""
    locked = User.objects.select_for_update().get(pk=person.pk)
    if locked.digest == frequency:
        return False
    User.objects.filter(pk=person.pk).update(digest=frequency)
    person.digest = frequency
    ConsentRecord.objects.create(
        person=person, subject=ConsentRecord.Subject.DIGEST, granted=frequency != DigestFrequency.OFF
    )
    return True


@transaction.atomic
def digest_preferences_update(*, person: User, frequency: str, followed, offered, every_post=None) -> None:
    """Save the digest setting, which of the ``offered`` groups the person follows, and of which they get
    every post by email (``every_post``; None leaves that as it is). Every post by email implies following."""
    from defus.lib import cache_versions
    from topics.models import Follow

    digest_set(person=person, frequency=frequency)
    every_post_ids = {group.pk for group in every_post or ()}
    followed_ids = {group.pk for group in followed} | every_post_ids
    Follow.objects.filter(person=person, group__in=offered).exclude(group__in=followed_ids).delete()
    existing = set(Follow.objects.filter(person=person).values_list("group_id", flat=True))
    Follow.objects.bulk_create([Follow(person=person, group_id=pk) for pk in followed_ids - existing])
    # bulk_create sends no post_save: the dashboard's follows are bumped here (defus/dashboard_cache.py).
    cache_versions.bump(("person", person.pk))
    if every_post is not None:
        mine = Follow.objects.filter(person=person, group__in=offered)
        mine.filter(group__in=every_post_ids).update(every_post=True)
        mine.exclude(group__in=every_post_ids).update(every_post=False)


# --- DSGVO: export and erasure ---------------------------------------------------

ERASED_NAME = "Gelöschte Person"


@transaction.atomic
def person_erase(*, person: User) -> None:
    """Art. 17 DSGVO: remove personal data, keep the association's records pseudonymised.

    Offices stay (the privacy page states their retention as association records),
    but point to a pseudonym; the account can no longer sign in.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    # Offices end with the account: from today the organisation has no delegate until a successor is named.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for mandate in Mandate.objects.active().filter(person=person):
        mandate.end = max(yesterday, mandate.start)
        mandate.save(update_fields=["end"])
    # The audit log keeps what happened, not who the person was.
    from members.models import AuditEntry

    AuditEntry.objects.filter(target_type="members.user", target_id=str(person.pk)).update(
        target_repr=ERASED_NAME, changes={}
    )
    invitation_ids = [str(pk) for pk in Invitation.objects.filter(accepted_by=person).values_list("pk", flat=True)]
    AuditEntry.objects.filter(target_type="members.invitation", target_id__in=invitation_ids).update(
        target_repr=ERASED_NAME, changes={}
    )
    audit.record(actor=None, action="person.erased", target=person)
    EmailAddress.objects.filter(user=person).delete()
    Authenticator.objects.filter(user=person).delete()
    person.consent_records.all().delete()
    Invitation.objects.filter(accepted_by=person).update(email=f"geloescht-{person.pk}@invalid")
    person.working_group_memberships.all().delete()
    person.email = f"geloescht-{person.pk}@invalid"
    person.first_name, person.last_name = ERASED_NAME, ""
    person.position = person.phone = ""
    person.show_email = person.show_phone = person.show_position = False
    person.is_active = False
    # A new (unusable) password also invalidates every open session of this account.
    person.set_unusable_password()
    person.save()


# --- Reminders ---------------------------------------------------------------------

REMINDER_DAYS = 60


def ending_offices_remind(*, today: datetime.date | None = None) -> int:
    """Tell the secretariat once about each office whose term ends within 60 days.

    Each office is claimed with a conditional UPDATE before its email is sent, so
    two workers (or a task that runs twice) never send the same reminder twice.
    If sending fails the claim is released and the next run tries again.
    """
    from members.bylaws import secretariat_emails

    today = today or timezone.localdate()
    recipients = secretariat_emails()
    if not recipients:
        return 0
    due = (
        Mandate.objects.active(today)
        .filter(end__lte=today + datetime.timedelta(days=REMINDER_DAYS), end_reminder_sent_at__isnull=True)
        .select_related("person", "organisation", "working_group")
    )
    sent = 0
    for mandate in due:
        claimed = Mandate.objects.filter(pk=mandate.pk, end_reminder_sent_at__isnull=True).update(
            end_reminder_sent_at=timezone.now()
        )
        if not claimed:
            continue
        try:
            # One message to the whole secretariat: one SMTP transaction, delivered to all or to none,
            # so releasing the claim after a failure never leads to a second copy for anyone.
            message = build_email(
                "office_ending",
                to=recipients[0],
                language=settings.LANGUAGE_CODE,
                context={
                    "mandate": mandate,
                    "days_left": (mandate.end - today).days,
                    "admin_url": absolute_url(reverse("admin:members_mandate_change", args=[mandate.pk])),
                },
            )
            message.to = recipients
            message.send()
        except OSError:
            Mandate.objects.filter(pk=mandate.pk).update(end_reminder_sent_at=None)
            raise
        sent += 1
    return sent


# --- Retention (as the privacy page states) ----------------------------------------

RETENTION_YEARS = 10


@transaction.atomic
def retention_purge(*, today: datetime.date | None = None) -> int:
    """Remove office records that ended more than ten years ago, and erased accounts nothing refers to."""
    today = today or timezone.localdate()
    cutoff = today - relativedelta(years=RETENTION_YEARS)
    deleted, _ = Mandate.objects.filter(end__lt=cutoff).delete()
    User.objects.filter(is_active=False, email__endswith="@invalid", mandates__isnull=True).delete()
    return deleted
