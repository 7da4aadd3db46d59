"""Registrations and event changes. Seats are counted under a row lock on the event,
so concurrent requests never overbook; the waiting list moves up in order."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import AttendanceCertificate, Event, GuestRegistration, Registration
from kernel.tasks import enqueue


@transaction.atomic
def registration_register(*, event: Event, person, show_in_participants: bool = False) -> Registration:
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if not locked.registration_is_open():
        raise ValidationError(_("Registration for this event is closed."))
    existing = Registration.objects.filter(event=locked, person=person).first()
    if existing and existing.status != Registration.Status.CANCELLED:
        if existing.show_in_participants != show_in_participants:
            existing.show_in_participants = show_in_participants
            existing.save(update_fields=["show_in_participants"])
        return existing
    taken = seats_taken(event=locked)
    status = (
        Registration.Status.REGISTERED
        if locked.capacity is None or taken < locked.capacity
        else Registration.Status.WAITLISTED
    )
    registration, _created = Registration.objects.update_or_create(
        event=locked,
        person=person,
        defaults={
            "status": status,
            "requested_at": timezone.now(),
            "show_in_participants": show_in_participants,
            "reminder_sent_at": None,
        },
    )

    enqueue(
        "events.tasks.send_registration_email",
        registration.pk,
        "registered" if status == "registered" else "waitlisted",
    )
    return registration


@transaction.atomic
def registration_cancel(*, event: Event, person) -> Registration | None:
    """Cancel; a freed seat goes to the first on the waiting list, who is told by email."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    registration = Registration.objects.filter(event=locked, person=person).exclude(status="cancelled").first()
    if registration is None:
        return None
    freed_seat = registration.status == Registration.Status.REGISTERED
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status"])
    if freed_seat:
        waitlist_promote(event=locked)
    return registration


@transaction.atomic
def capacity_changed(*, event: Event) -> None:
    """More seats (set in the admin) go to the waiting list at once, in order."""
    waitlist_promote(event=Event.objects.select_for_update().get(pk=event.pk))


def seats_taken(*, event: Event) -> int:
    """Members and confirmed guests share the seats; count under the caller's row lock on the event."""
    members = Registration.objects.filter(event=event, status=Registration.Status.REGISTERED).count()
    return members + GuestRegistration.objects.filter(event=event, status=GuestRegistration.Status.REGISTERED).count()


def waitlist_promote(*, event: Event) -> None:
    """Free seats go to members and guests on the one waiting list, in the order they asked."""

    free = None if event.capacity is None else max(0, event.capacity - seats_taken(event=event))
    if free == 0:
        return
    members = Registration.objects.filter(event=event, status=Registration.Status.WAITLISTED).order_by(
        "requested_at", "pk"
    )
    guests = GuestRegistration.objects.filter(event=event, status=GuestRegistration.Status.WAITLISTED).order_by(
        "requested_at", "pk"
    )
    waiting = sorted([*members[:free], *guests[:free]], key=lambda r: (r.requested_at, isinstance(r, Registration)))
    for registration in waiting[:free]:
        registration.status = "registered"
        registration.save(update_fields=["status"])
        if isinstance(registration, GuestRegistration):
            enqueue("events.tasks.send_guest_email", registration.pk, "promoted")
        else:
            enqueue("events.tasks.send_registration_email", registration.pk, "promoted")


@transaction.atomic
def event_changed(*, event: Event, cancelled: bool = False) -> Event:
    """Record a change calendar clients must see (SEQUENCE) and tell everyone registered."""

    if cancelled:
        event.status = Event.Status.CANCELLED
    event.updated_at = timezone.now()
    event.save()
    Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1)
    event.refresh_from_db(fields=["sequence"])
    enqueue("events.tasks.send_event_changed", event.pk)
    return event


def reminders_due(*, now=None):
    now = now or timezone.now()
    return Registration.objects.filter(
        status=Registration.Status.REGISTERED,
        reminder_sent_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__start__gt=now,
        event__start__lte=now + datetime.timedelta(days=2),
    )


def claim_reminder(*, registration_id: int) -> bool:
    """A conditional UPDATE: only one worker (or one run) gets to send each reminder."""
    return bool(
        Registration.objects.filter(pk=registration_id, reminder_sent_at__isnull=True).update(
            reminder_sent_at=timezone.now()
        )
    )


def release_reminder(*, registration_id: int) -> None:
    Registration.objects.filter(pk=registration_id).update(reminder_sent_at=None)


def certificate_mails_due():
    """Guests marked present at a published event that has ended (while their data is kept), not yet told that
    their attendance certificate is ready."""
    now = timezone.now()
    return GuestRegistration.objects.filter(
        status=GuestRegistration.Status.REGISTERED,
        attended=True,
        certificate_mailed_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__end__lte=now,
        event__end__gte=now - datetime.timedelta(days=settings.GUEST_RETENTION_DAYS),
    )


def claim_certificate_mail(*, guest_id: int) -> bool:
    """A conditional UPDATE: one run (or one worker) gets to send each guest's "certificate ready" email."""
    return bool(certificate_mails_due().filter(pk=guest_id).update(certificate_mailed_at=timezone.now()))


def release_certificate_mail(*, guest_id: int) -> None:
    GuestRegistration.objects.filter(pk=guest_id).update(certificate_mailed_at=None)


@transaction.atomic
def guest_details_update(*, guest: GuestRegistration, name: str, organisation: str, needs: str) -> None:
    """The guest corrects name, organisation and needs from the personal link. A certificate already issued
    names the person as corrected (its code stays)."""
    guest.name, guest.organisation, guest.needs = name, organisation, needs
    guest.save(update_fields=["name", "organisation", "needs"])
    AttendanceCertificate.objects.filter(event=guest.event, holder=f"g{guest.pk}").update(name=name)
