"""Bringing the imported list on board: invitations for everyone without an account, one reminder, and
the first-steps checklist a member sees after the first sign-in."""

import datetime

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from kernel.emails import absolute_url, send_email
from members import services
from members.models import ConsentRecord, Invitation, Organisation, User

REMIND_AFTER_DAYS = 7
# How Django marks a password that cannot be used (an imported person has no account yet).
_UNUSABLE = "!"


# --- Who has an account, who is invited ----------------------------------------------------


def without_account(people: QuerySet) -> QuerySet:
    """People known from the list who cannot sign in yet: no password set (an imported person), still active."""
    return people.filter(password__startswith=_UNUSABLE, is_active=True, organisation__isnull=False).exclude(
        email__endswith="@invalid"
    )


def with_invitation_state(people: QuerySet) -> QuerySet:
    """Annotate each person with their latest invitation's dates (one query for a whole list)."""
    latest = Invitation.objects.filter(email__iexact=OuterRef("email")).order_by("-created_at")
    return people.annotate(
        invitation_created=Subquery(latest.values("created_at")[:1]),
        invitation_expires=Subquery(latest.values("expires_at")[:1]),
        invitation_accepted=Subquery(latest.values("accepted_at")[:1]),
        invitation_revoked=Subquery(latest.values("revoked_at")[:1]),
        invitation_reminded=Subquery(latest.values("reminded_at")[:1]),
    )


class InvitationState:
    NOT_INVITED = "not_invited"
    INVITED = "invited"
    REMINDED = "reminded"
    ACCEPTED = "accepted"
    EXPIRED = "expired"
    LABELS = {
        NOT_INVITED: _("not invited"),
        INVITED: _("invited"),
        REMINDED: _("reminded"),
        ACCEPTED: _("accepted"),
        EXPIRED: _("expired"),
    }


def in_invitation_state(people: QuerySet, state: str) -> QuerySet:
    """The people of ``with_invitation_state(people)`` in ``state``: the same rule as ``invitation_state``, in SQL."""
    accepted = Q(invitation_accepted__isnull=False) | ~Q(password__startswith=_UNUSABLE)
    if state == InvitationState.ACCEPTED:
        return people.filter(accepted)
    people = people.exclude(accepted)
    not_invited = Q(invitation_created__isnull=True) | Q(invitation_revoked__isnull=False)
    if state == InvitationState.NOT_INVITED:
        return people.filter(not_invited)
    people = people.exclude(not_invited)
    now = timezone.now()
    if state == InvitationState.EXPIRED:
        return people.filter(invitation_expires__lte=now)
    people = people.filter(invitation_expires__gt=now)
    if state == InvitationState.REMINDED:
        return people.filter(invitation_reminded__isnull=False)
    return people.filter(invitation_reminded__isnull=True)


def invitation_state(person: User) -> str:
    """For a person from ``with_invitation_state``."""
    if person.has_usable_password() or getattr(person, "invitation_accepted", None):
        return InvitationState.ACCEPTED
    if person.invitation_created is None or person.invitation_revoked is not None:
        return InvitationState.NOT_INVITED
    if person.invitation_expires <= timezone.now():
        return InvitationState.EXPIRED
    if person.invitation_reminded is not None:
        return InvitationState.REMINDED
    return InvitationState.INVITED


def not_members_yet(people: QuerySet) -> QuerySet:
    """People whose organisation is not an active member (an applicant, one that left or is suspended): invited,
    they would find the member area closed. A bulk invitation leaves them out unless the secretariat insists."""
    return people.exclude(organisation__status=Organisation.Status.ACTIVE)


def due(people: QuerySet) -> QuerySet:
    """Those of ``people`` a bulk invitation reaches: no account and no usable invitation yet."""
    pending = Invitation.objects.pending().filter(email__iexact=OuterRef("email"))
    return (
        without_account(people)
        .alias(pending_email=Subquery(pending.values("email")[:1]))
        .filter(pending_email__isnull=True)
    )


def left_out(people: QuerySet) -> dict[str, tuple[int, list[str]]]:
    """Whom a bulk invitation of ``people`` leaves out: {organisation status: (people, [organisation names])}."""
    result: dict[str, tuple[int, set[str]]] = {}
    for status, name in not_members_yet(due(people)).values_list("organisation__status", "organisation__name"):
        count, names = result.get(status, (0, set()))
        result[status] = (count + 1, names | {name})
    return {status: (count, sorted(names)) for status, (count, names) in result.items()}


def invite_all(*, people: QuerySet, invited_by: User | None, members_only: bool = True) -> int:
    """Invite each person of ``people`` who has no account and no usable invitation yet. Returns how many.

    With ``members_only`` (the default) the people of an organisation that is not an active member are left
    out (``left_out`` says whom); the secretariat may invite them anyway."""
    if members_only:
        people = people.filter(organisation__status=Organisation.Status.ACTIVE)
    invited = 0
    for person in due(people).select_related("organisation"):
        services.invitation_create(email=person.email, organisation=person.organisation, invited_by=invited_by)
        invited += 1
    return invited


# --- One reminder after a week ------------------------------------------------------------


def invitations_remind(*, now: datetime.datetime | None = None) -> int:
    """Remind once everyone whose invitation went out a week ago and is still unused.

    Each invitation is claimed with a conditional UPDATE before its email is sent, so two workers
    (or a task that runs twice) never send the same reminder twice; a failed send releases the claim.
    Nobody who already has an account is reminded.
    """
    now = now or timezone.now()
    accounts = User.objects.filter(email__iexact=OuterRef("email")).exclude(password__startswith=_UNUSABLE)
    due = (
        Invitation.objects.filter(
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            reminded_at__isnull=True,
            expires_at__gt=now,
        )
        .filter(Q(sent_at__lte=now - datetime.timedelta(days=REMIND_AFTER_DAYS)))
        .alias(account=Subquery(accounts.values("pk")[:1]))
        .filter(account__isnull=True)
        .select_related("organisation")
    )
    sent = 0
    for invitation in due:
        unclaimed = Invitation.objects.filter(pk=invitation.pk, reminded_at__isnull=True, accepted_at__isnull=True)
        claimed = unclaimed.update(reminded_at=now)
        if not claimed:
            continue
        try:
            send_email(
                "invitation_reminder",
                to=invitation.email,
                language=settings.LANGUAGE_CODE,
                context={
                    "organisation_name": invitation.organisation.name,
                    "accept_url": absolute_url(reverse("invitation_accept", args=[invitation.token])),
                    "expires": formats.date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT"),
                },
            )
        except OSError:
            Invitation.objects.filter(pk=invitation.pk).update(reminded_at=None)
            raise
        sent += 1
    return sent


# --- First steps after the first sign-in (declared on MembersConfig; kernel/first_steps.py) ------


def profile_step(user: User) -> dict:
    directory_subjects = [
        ConsentRecord.Subject.DIRECTORY_EMAIL,
        ConsentRecord.Subject.DIRECTORY_PHONE,
        ConsentRecord.Subject.DIRECTORY_POSITION,
    ]
    done = bool(user.position or user.phone) and (
        user.show_email
        or user.show_phone
        or user.show_position
        or ConsentRecord.objects.filter(person=user, subject__in=directory_subjects).exists()
    )
    return {
        "done": done,
        "label": _("Complete your profile and decide what the directory shows"),
        "url": reverse("profile_edit"),
    }


def two_factor_step(user: User) -> dict:
    return {
        "done": Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
        "label": _("Turn on two-factor authentication"),
        "url": reverse("mfa_activate_totp"),
    }


def checklist_dismiss(*, user: User) -> None:
    User.objects.filter(pk=user.pk).update(onboarding_dismissed_at=timezone.now())
    user.onboarding_dismissed_at = timezone.now()


def checklist_restore(*, user: User) -> None:
    User.objects.filter(pk=user.pk).update(onboarding_dismissed_at=None)
    user.onboarding_dismissed_at = None
