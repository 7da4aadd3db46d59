"""Offices (Mandate): entered under the bylaws' checks, succession, the end of an organisation's offices when it
leaves, and reminders of terms that end soon."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.emails import absolute_url, build_email, send_email
from kernel.tasks import enqueue
from members import audit
from members.bylaws import Conflict, office_conflicts, secretariat_emails
from members.models import Mandate, Organisation, Role, User

# --- Offices --------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeSaved:
    """What ``mandate_save`` (or ``mandate_approve``) did: the office, and the terms it ended by succession.

    ``awaiting_approval``: the appointment waits for a second person and carries no right yet."""

    mandate: Mandate
    created: bool
    succeeded: tuple[Mandate, ...] = ()
    awaiting_approval: bool = False


# What an office is about; a delegate office never changes these (a new holder is a new appointment).
_HOLDER_FIELDS = ("role", "person_id", "organisation_id")


def needs_second_person(mandate: Mandate, *, actor: User | None, by_election: bool = False) -> bool:
    """Four eyes: a delegate appointed by a person (not by the members' vote, not by a script run on the server)
    waits for a second person's approval. A delegate casts an organisation's vote; one person of the secretariat
    alone could otherwise hand that vote to an account they control."""
    return mandate.pk is None and mandate.role == Role.DELEGATE and actor is not None and not by_election


@transaction.atomic
def mandate_save(*, mandate: Mandate, actor: User | None, by_election: bool = False) -> OfficeSaved:
    """Create or change an office. A new delegate succeeds the current one.

    The predecessor's open term ends the day before the successor starts, so the
    organisation's vote passes on that day and there is never a day with two delegates;
    the predecessor and the organisation's contacts are told (after commit).
    Nobody enters an office with a vote for themselves, unless the members elected them
    (``by_election``: the vote's result takes effect, whoever closes the vote).
    A delegate appointed by ``actor`` is only requested here: it takes office (and the succession happens)
    when a second person approves it (``mandate_approve``).
    """
    created = mandate.pk is None
    stored = None if created else Mandate.objects.get(pk=mandate.pk)
    before = {} if created else audit.snapshot(stored)
    own = [] if by_election else office_conflicts(mandate, actor=actor)
    refused = [conflict.error() for conflict in own if conflict.code == Conflict.OWN_VOTING_OFFICE]
    if refused:
        raise ValidationError(refused)
    # A new holder of a delegate office is a new appointment, with its own approval: never an edit.
    holder_changed = stored is not None and any(getattr(stored, f) != getattr(mandate, f) for f in _HOLDER_FIELDS)
    if holder_changed and Role.DELEGATE in {stored.role, mandate.role}:
        raise ValidationError(
            _("A delegate office keeps its holder and organisation: end this term and appoint the successor.")
        )
    if needs_second_person(mandate, actor=actor, by_election=by_election):
        mandate.awaiting_approval = True
        mandate.requested_by = actor
        mandate.full_clean()
        mandate.save()
        audit.record(actor=actor, action="mandate.requested", target=mandate, after=_approval_snapshot(mandate))
        return OfficeSaved(mandate=mandate, created=True, awaiting_approval=True)
    succeeded = _end_predecessors(mandate, actor=actor) if created and mandate.role == Role.DELEGATE else []
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
    return OfficeSaved(mandate=mandate, created=created, succeeded=tuple(succeeded), awaiting_approval=False)


@transaction.atomic
def mandate_approve(*, mandate: Mandate, actor: User) -> OfficeSaved:
    """A second person approves a delegate's appointment: from then on the office is in its term.

    Refused to whoever entered it and to the appointed person; the bylaws' checks run again against the offices
    as they are now. A start already passed moves to today: the vote passes on when the appointment takes
    effect, never back in time (votes cast meanwhile by the predecessor stand). The predecessor's term ends
    the day before, as for any succession, and the audit log holds both the request and the approval.
    """
    locked = Mandate.objects.select_for_update().filter(pk=mandate.pk).first()
    if locked is None or not locked.awaiting_approval:
        raise ValidationError(_("This appointment is not waiting for approval."))
    if not actor.has_perm("members.approve_mandate"):
        raise ValidationError(_("Only a person of the secretariat or the board approves an appointment."))
    if actor.pk == locked.requested_by_id:
        raise ValidationError(_("A second person approves the appointment, not the one who entered it."))
    before = _approval_snapshot(locked)
    locked.awaiting_approval = False
    locked.approved_by = actor
    locked.start = max(locked.start, timezone.localdate())
    refused = [c.error() for c in office_conflicts(locked, actor=actor) if c.code == Conflict.OWN_VOTING_OFFICE]
    if refused:
        raise ValidationError(refused)
    succeeded = _end_predecessors(locked, actor=actor)
    locked.full_clean()
    locked.save()
    audit.record(actor=actor, action="mandate.approved", target=locked, before=before, after=_approval_snapshot(locked))
    for predecessor in succeeded:
        _queue_succession_notices(predecessor=predecessor, successor=locked)
    return OfficeSaved(mandate=locked, created=False, succeeded=tuple(succeeded))


def _approval_snapshot(mandate: Mandate) -> dict:
    """The office as entered, with who asked and who approved (not form fields, so snapshot() leaves them out)."""
    return {
        **audit.snapshot(mandate),
        "awaiting_approval": str(mandate.awaiting_approval),
        "requested_by": str(mandate.requested_by) if mandate.requested_by_id else None,
        "approved_by": str(mandate.approved_by) if mandate.approved_by_id else None,
    }


def _end_predecessors(mandate: Mandate, *, actor: User | None) -> list[Mandate]:
    """The organisation's open delegate term that began earlier ends the day before ``mandate`` starts."""
    predecessors = Mandate.objects.select_for_update().filter(
        role=Role.DELEGATE,
        organisation=mandate.organisation,
        end__isnull=True,
        start__lt=mandate.start,
        awaiting_approval=False,
    )
    succeeded = []
    for predecessor in predecessors.exclude(pk=mandate.pk):
        audit.save_change(
            predecessor, actor=actor, action="mandate.succeeded", end=mandate.start - datetime.timedelta(days=1)
        )
        succeeded.append(predecessor)
    return succeeded


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
    for email, language in succession_recipients(predecessor=predecessor):
        enqueue("members.tasks.send_succession_notice", predecessor.pk, successor.pk, to=email, language=language)


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
def organisation_save(*, organisation: Organisation, actor: User | None) -> int:
    """Save ``organisation``, whatever changed; when this change makes it leave, its open offices end.

    The one way an organisation's status is written (the admin's form asks this service), so
    an organisation that leaves always takes its delegate's vote and its people's offices with it.
    Returns how many offices ended (each in the audit log); the caller audits the change itself.
    """
    previous = (
        Organisation.objects.select_for_update().filter(pk=organisation.pk).values_list("status", flat=True).first()
    )
    organisation.save()
    if organisation.status == Organisation.Status.LEFT and previous != Organisation.Status.LEFT:
        return organisation_offices_end(organisation=organisation, on=organisation.left_on, actor=actor)
    return 0


@transaction.atomic
def organisation_offices_end(*, organisation: Organisation, on: datetime.date | None, actor: User | None) -> int:
    """An organisation that leaves takes its delegate's vote with it: its open offices end."""
    on = on or timezone.localdate()
    ended = 0
    for mandate in Mandate.objects.active(on).filter(organisation=organisation).select_for_update():
        audit.save_change(mandate, actor=actor, action="mandate.ended", end=max(on, mandate.start))
        ended += 1
    return ended


# --- Reminders ---------------------------------------------------------------------

REMINDER_DAYS = 60


def ending_offices_remind(*, today: datetime.date | None = None) -> int:
    """Tell the secretariat once about each office whose term ends within 60 days.

    Each office is claimed with a conditional UPDATE before its email is sent, so
    two workers (or a task that runs twice) never send the same reminder twice.
    If sending fails the claim is released and the next run tries again.
    """

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
