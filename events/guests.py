"""Guests at public events: request, double opt-in, the personal link, cancelling, the door, retention.

A guest's request stores a *pending* registration and emails a confirmation link with a random secret kept
here (valid ``GUEST_CONFIRMATION_HOURS``). Only confirming takes a seat, under the same row lock on the event, on
the same seats and the same waiting list as members (``events.services``). Unconfirmed requests take
nothing and are deleted once their link has expired; guests' data is deleted ``GUEST_RETENTION_DAYS``
after the event.
"""

import datetime
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events import selectors, services
from events.models import AttendanceCertificate, Event, GuestRegistration, Registration, _guest_token
from kernel.tasks import enqueue
from members import audit

logger = logging.getLogger(__name__)

Status = GuestRegistration.Status


def public_events(*, past: bool = False):
    """Published public events, upcoming (or past) ones; no personal data."""
    now = timezone.now()
    events = selectors.with_seats(
        Event.objects.filter(is_public=True).exclude(status=Event.Status.DRAFT).select_related("organisation")
    )
    return events.filter(end__lt=now).order_by("-start") if past else events.filter(end__gte=now).order_by("start")


def public_event(*, pk: int) -> Event | None:
    return public_events().filter(pk=pk).first() or public_events(past=True).filter(pk=pk).first()


# --- Double opt-in ---------------------------------------------------------------------------


def confirmation_token(guest: GuestRegistration) -> str:
    """The secret of the registration's confirmation link. Random and kept here, not signed data: a signed
    link is only base64, and would show whoever reads the mail which registration it is and part of its secret."""
    return guest.confirmation_token


def guest_from_confirmation(token: str) -> GuestRegistration | None:
    """The registration the link confirms, or None when it is unknown, expired or replaced by a later request."""
    if not token or len(token) > 64:
        return None
    guest = GuestRegistration.objects.select_related("event").filter(confirmation_token=token).first()
    if guest is None or _expired(guest, timezone.now()):
        return None
    return guest


@transaction.atomic
def guest_request(
    *,
    event: Event,
    name: str,
    email: str,
    organisation: str,
    role: str,
    needs: str = "",
    language: str = "de",
) -> GuestRegistration:
    """A guest asks for a seat. The same address (whatever the case) is one registration: a confirmed one
    gets its personal link again; otherwise the latest request counts, with a new confirmation link, and the
    earlier links confirm nothing any more. The caller answers the same either way."""

    locked = Event.objects.select_for_update().get(pk=event.pk)
    if not locked.is_public or not locked.registration_is_open():
        raise ValidationError(_("Registration for this event is closed."))
    email = email.strip()
    now = timezone.now()
    existing = GuestRegistration.objects.filter(event=locked, email__iexact=email).first()
    if existing and existing.status in (Status.REGISTERED, Status.WAITLISTED):
        enqueue("events.tasks.send_guest_email", existing.pk, "link")
        return existing
    # A pending request is replaced, not kept: whoever typed the address first must not decide the name on the
    # badge and the certificate for 48 hours. Only the owner of the address confirms, from the latest mail.
    guest = existing or GuestRegistration(event=locked)
    guest.name, guest.email, guest.organisation, guest.role, guest.needs = name, email, organisation, role, needs
    guest.language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    guest.status, guest.consent_at, guest.created_at = Status.PENDING, now, now
    guest.confirmed_at = guest.requested_at = None
    guest.attended = False
    if existing:
        guest.token = GuestRegistration._meta.get_field("token").get_default()
    guest.confirmation_token = _guest_token()
    guest.full_clean(exclude=["event", "token"])
    guest.save()
    enqueue("events.tasks.send_guest_email", guest.pk, "confirm")
    return guest


def _expired(guest: GuestRegistration, now) -> bool:
    return guest.created_at < now - datetime.timedelta(hours=settings.GUEST_CONFIRMATION_HOURS)


@transaction.atomic
def guest_confirm(*, guest: GuestRegistration) -> GuestRegistration:
    """The emailed link was followed: take a seat, or a place on the shared waiting list."""

    locked = Event.objects.select_for_update().get(pk=guest.event_id)
    guest = GuestRegistration.objects.get(pk=guest.pk)
    if guest.status in (Status.REGISTERED, Status.WAITLISTED):
        return guest  # confirming twice changes nothing
    if guest.status == Status.CANCELLED:
        raise ValidationError(_("This registration has been cancelled."))
    if not locked.registration_is_open():
        raise ValidationError(_("Registration for this event is closed."))
    free = locked.capacity is None or services.seats_taken(event=locked) < locked.capacity
    now = timezone.now()
    guest.status = Status.REGISTERED if free else Status.WAITLISTED
    guest.confirmed_at = guest.requested_at = now
    guest.save(update_fields=["status", "confirmed_at", "requested_at"])
    enqueue("events.tasks.send_guest_email", guest.pk, "registered" if free else "waitlisted")
    return guest


@transaction.atomic
def guest_cancel(*, guest: GuestRegistration) -> GuestRegistration:
    """Cancel through the personal link; a freed seat goes to the first waiting (member or guest)."""
    locked = Event.objects.select_for_update().get(pk=guest.event_id)
    guest = GuestRegistration.objects.get(pk=guest.pk)
    if guest.status == Status.CANCELLED:
        return guest
    freed_seat = guest.status == Status.REGISTERED
    guest.status = Status.CANCELLED
    guest.save(update_fields=["status"])
    if freed_seat:
        services.waitlist_promote(event=locked)
    return guest


# --- Abuse --------------------------------------------------------------------------------------


def _count(key: str) -> int:
    """Requests in the current hour window for ``key`` (the window starts with the first request)."""
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        return 1


def over_limit(*, ip: str = "", email: str = "") -> bool:
    """Counts one request for the IP address and/or the email address; True once either passes the limit."""
    limit = settings.GUEST_REGISTRATION_RATE_LIMIT
    counts = []
    if ip:
        counts.append(_count(f"guest-form:ip:{ip}"))
    if email:
        digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
        counts.append(_count(f"guest-form:email:{digest}"))
    return any(count > limit for count in counts)


# --- Organisers: participants, the door --------------------------------------------------------


@dataclass(frozen=True)
class Participant:
    kind: str  # "member" or "guest"
    pk: int
    name: str
    organisation: str
    email: str
    role: str
    status: str
    status_display: str
    attended: bool
    needs: str = ""
    # A member's address goes to organisers' exports only where they agreed to show it to other members;
    # a guest gave it to the organisers to register.
    email_consented: bool = True

    @property
    def is_guest(self) -> bool:
        return self.kind == "guest"

    @property
    def exported_email(self) -> str:
        return self.email if self.email_consented else ""


def participants(*, event: Event, registered_only: bool = False) -> list[Participant]:
    """Members and guests together (two queries), registered first, then waiting, each in order of asking."""
    members = (
        Registration.objects.filter(event=event).exclude(status="cancelled").select_related("person__organisation")
    )
    guests = GuestRegistration.objects.filter(event=event, status__in=[Status.REGISTERED, Status.WAITLISTED])
    if registered_only:
        members, guests = members.filter(status="registered"), guests.filter(status=Status.REGISTERED)
    people = [
        Participant(
            kind="member",
            pk=r.pk,
            name=str(r.person),
            organisation=r.person.organisation.name if r.person.organisation else "",
            email=r.person.email,
            email_consented=r.person.show_email,
            role=getattr(r.person, "position", "") or "",
            status=r.status,
            status_display=r.get_status_display(),
            attended=r.attended,
        )
        for r in members
    ]
    people += [
        Participant(
            kind="guest",
            pk=g.pk,
            name=g.name,
            organisation=g.organisation,
            email=g.email,
            role=g.role,
            status=g.status,
            status_display=g.get_status_display(),
            attended=g.attended,
            needs=g.needs,
        )
        for g in guests
    ]
    order = {"registered": 0, "waitlisted": 1}
    return sorted(people, key=lambda p: (order.get(p.status, 2), p.name.casefold()))


@transaction.atomic
def attendance_save(
    *, event: Event, members: list[int], guests: list[int], listed: tuple[list[int], list[int]] | None = None
) -> None:
    """Marked at the door: the ticked registered members and guests attended, the others did not.

    ``listed`` (member and guest ids) limits the change to the people a searched list showed; the others keep
    what was saved before."""
    registrations = Registration.objects.filter(event=event, status="registered")
    confirmed = GuestRegistration.objects.filter(event=event, status=Status.REGISTERED)
    if listed is not None:
        registrations, confirmed = registrations.filter(pk__in=listed[0]), confirmed.filter(pk__in=listed[1])
    registrations.filter(pk__in=members).update(attended=True)
    registrations.exclude(pk__in=members).update(attended=False)
    confirmed.filter(pk__in=guests).update(attended=True)
    confirmed.exclude(pk__in=guests).update(attended=False)


def waiting_counts(*, event: Event) -> dict:
    guests = GuestRegistration.objects.filter(event=event)
    return {
        "taken": services.seats_taken(event=event),
        "pending": guests.filter(status=Status.PENDING).count(),
        "guests": guests.filter(status=Status.REGISTERED).count(),
    }


# --- Privacy --------------------------------------------------------------------------------------


def guests_purge(*, now=None) -> int:
    """Daily: delete unconfirmed requests whose link has expired, and every guest's data
    ``GUEST_RETENTION_DAYS`` after the event. Certificates keep only the name and the event."""

    now = now or timezone.now()
    expired = GuestRegistration.objects.filter(
        status=Status.PENDING, created_at__lt=now - datetime.timedelta(hours=settings.GUEST_CONFIRMATION_HOURS)
    )
    deleted, _detail = expired.delete()
    if deleted:
        logger.info("Deleted %s unconfirmed guest registrations", deleted)
    cutoff = now - datetime.timedelta(days=settings.GUEST_RETENTION_DAYS)
    for event in Event.objects.filter(end__lt=cutoff, guests__isnull=False).distinct():
        with transaction.atomic():
            AttendanceCertificate.objects.filter(event=event, holder__startswith="g").update(holder="")
            count, _detail = GuestRegistration.objects.filter(event=event).delete()
            audit.record(
                actor=None,
                action="events.guests_deleted",
                target=event,
                before={"guests": str(count)},
                after={"guests": "0"},
            )
        logger.info("Deleted the data of %s guests of event %s (retention %s days)", count, event.pk,
                    settings.GUEST_RETENTION_DAYS)  # fmt: skip
        deleted += count
    return deleted
