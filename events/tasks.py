"""Event emails. Thin tasks: ids in, render, send; SMTP failures retried with backoff."""

from celery import shared_task
from django.conf import settings
from django.urls import reverse

from events import selectors, services
from events.guests import confirmation_token, guests_purge
from events.ics import build_calendar
from events.models import DatePoll, GuestRegistration, Registration
from events.polls import invitees_of, poll_ask, poll_tell
from kernel.emails import absolute_url, build_email
from kernel.tasks import EMAIL_TASK, enqueue
from members.models import User


def _send(name: str, registration: Registration, **context) -> None:
    event = registration.event
    person = registration.person
    message = build_email(
        name,
        to=person.email,
        language=person.language,
        context={
            "event": event,
            "person": person,
            "registration": registration,
            "event_url": absolute_url(event.get_absolute_url()),
            "position": selectors.waitlist_position(registration),
            **context,
        },
    )
    _attach_calendar(message, event, waiting=registration.status == Registration.Status.WAITLISTED, kind=name)
    message.send()


def _attach_calendar(message, event, *, waiting: bool, kind: str, public: bool = False) -> None:
    """A seat gets the confirmed calendar entry. A place on the waiting list books no time: the waiting-list mail
    carries none, and a change reaches a waiting person's calendar (an entry taken from the event page) as
    TENTATIVE; moving up sends the confirmed one."""
    if waiting and not kind.endswith("changed"):
        return
    online = frozenset() if waiting else {event.pk}
    calendar = build_calendar([event], name=event.title, online_link_for=online, public=public, tentative=waiting)
    message.attach("veranstaltung.ics", calendar, "text/calendar; method=PUBLISH")


@shared_task(**EMAIL_TASK)
def send_registration_email(self, registration_id: int, kind: str) -> None:
    registration = Registration.objects.select_related("event", "person").filter(pk=registration_id).first()
    if registration is not None:
        _send(f"event_{kind}", registration)


@shared_task
def send_event_changed(event_id: int) -> None:
    """One task per person registered: a retry after an SMTP failure re-sends to that person only."""

    ids = Registration.objects.filter(event_id=event_id).exclude(status="cancelled").values_list("pk", flat=True)
    for registration_id in ids:
        enqueue(send_registration_email, registration_id, "changed")

    guests = GuestRegistration.objects.filter(event_id=event_id, status__in=["registered", "waitlisted"])
    for guest_id in guests.values_list("pk", flat=True):
        enqueue(send_guest_email, guest_id, "changed")


@shared_task(**EMAIL_TASK)
def send_reminder(self, registration_id: int) -> None:
    if not services.claim_reminder(registration_id=registration_id):
        return  # already sent by another run
    registration = Registration.objects.select_related("event", "person").get(pk=registration_id)
    try:
        _send("event_reminder", registration)
    except Exception:
        # Whatever went wrong, the reminder was not delivered: let the next run try again.
        services.release_reminder(registration_id=registration_id)
        raise


@shared_task
def send_due_reminders() -> int:
    """Beat task: queue one reminder per registration two days ahead; running twice sends nothing twice."""
    ids = list(services.reminders_due().values_list("pk", flat=True))
    for registration_id in ids:
        send_reminder.delay(registration_id)
    return len(ids)


@shared_task
def send_poll_opened(poll_id: int) -> None:
    """One task per person asked (not the organiser), so a retry never writes twice to someone already asked."""
    poll = DatePoll.objects.filter(pk=poll_id, closed_at__isnull=True).first()
    if poll is not None:
        for person in invitees_of(poll).exclude(pk=poll.organiser_id):
            enqueue(send_poll_ask, poll.pk, person.pk)


@shared_task(**EMAIL_TASK)
def send_poll_ask(self, poll_id: int, person_id: int) -> None:
    poll = DatePoll.objects.select_related("organiser", "group").filter(pk=poll_id, closed_at__isnull=True).first()
    person = User.objects.filter(pk=person_id, is_active=True).first()
    if poll is not None and person is not None:
        poll_ask(poll=poll, person=person)


@shared_task
def send_poll_closed(poll_id: int) -> None:
    """One task per invitee, so a retry never writes twice to someone already told."""

    poll = DatePoll.objects.select_related("event").filter(pk=poll_id).first()
    if poll is not None and poll.event_id:
        for person in invitees_of(poll):
            enqueue(send_poll_date, poll.pk, person.pk)


@shared_task(**EMAIL_TASK)
def send_poll_date(self, poll_id: int, person_id: int) -> None:
    poll = DatePoll.objects.select_related("event").filter(pk=poll_id).first()
    person = User.objects.filter(pk=person_id, is_active=True).first()
    if poll is not None and poll.event_id and person is not None:
        poll_tell(poll=poll, person=person)


@shared_task(**EMAIL_TASK)
def send_guest_email(self, guest_id: int, kind: str) -> None:
    """To a guest of a public event: ``confirm`` (the double opt-in link), ``registered``, ``waitlisted``,
    ``promoted``, ``link`` (the personal link again), ``changed`` or ``certificate_ready``. The calendar entry
    goes with a seat (and with every change, so calendars update; see ``_attach_calendar`` for the waiting list),
    not with the certificate, after the event."""

    guest = GuestRegistration.objects.select_related("event").filter(pk=guest_id).first()
    if guest is None or (kind == "confirm") != (guest.status == GuestRegistration.Status.PENDING):
        return  # deleted, or changed since (a confirmed guest needs no confirmation link, and vice versa)
    event = guest.event
    context = {
        "event": event,
        "guest": guest,
        "event_url": absolute_url(reverse("public_event_detail", args=[event.pk])),
        "personal_url": absolute_url(guest.get_absolute_url()),
    }
    if kind == "confirm":
        context["confirm_url"] = absolute_url(reverse("guest_confirm", args=[confirmation_token(guest)]))
        context["hours"] = settings.GUEST_CONFIRMATION_HOURS
    if kind == "certificate_ready":
        context["certificate_url"] = absolute_url(reverse("guest_certificate", args=[guest.token]))
    context["position"] = selectors.waitlist_position(guest)
    message = build_email(f"guest_{kind}", to=guest.email, language=guest.language, context=context)
    if kind != "certificate_ready" and guest.status in ("registered", "waitlisted"):
        _attach_calendar(message, event, waiting=guest.status == "waitlisted", kind=kind, public=True)
    message.send()


@shared_task
def send_certificate_mails() -> int:
    """Beat task: each guest marked present is told once, after the event, that the certificate is ready."""
    ids = list(services.certificate_mails_due().values_list("pk", flat=True))
    for guest_id in ids:
        send_certificate_ready.delay(guest_id)
    return len(ids)


@shared_task(**EMAIL_TASK)
def send_certificate_ready(self, guest_id: int) -> None:
    if not services.claim_certificate_mail(guest_id=guest_id):
        return  # already sent by another run
    try:
        send_guest_email.run(guest_id, "certificate_ready")
    except Exception:
        # Not delivered, whatever went wrong: the next run tries again.
        services.release_certificate_mail(guest_id=guest_id)
        raise


@shared_task
def purge_guest_data() -> int:
    """Daily: expired confirmation requests, and guests' data GUEST_RETENTION_DAYS after the event."""

    return guests_purge()
