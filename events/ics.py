"""What an event says in a calendar (one event, or a person's feed); the file is written by kernel.ical."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from kernel import ical
from kernel.emails import absolute_url
from kernel.text import single_line


def event_uid(event) -> str:
    """Stable for the life of the event, so calendar clients update instead of duplicating."""
    return f"event-{event.uid}@defus"


def build_calendar(
    events, *, name: str = "DEFUS", online_link_for=frozenset(), public: bool = False, tentative: bool = False
) -> bytes:
    """``online_link_for``: ids of events whose online link the reader may have (registered people);
    ``public``: link the public page of the event (for guests) instead of the members' page;
    ``tentative``: for a reader on the waiting list, whose calendar must not book the time as confirmed."""
    tz = timezone.get_current_timezone()

    def entry(event) -> ical.Entry:
        link = event.online_url if event.pk in online_link_for else ""
        page = reverse("public_event_detail", args=[event.pk]) if public else event.get_absolute_url()
        return ical.Entry(
            uid=event_uid(event),
            # Local times with TZID Europe/Berlin, and its VTIMEZONE.
            start=timezone.localtime(event.start, tz),
            end=timezone.localtime(event.end, tz),
            summary=event.title,
            description=event.description,
            location=", ".join(single_line(part) for part in (event.location, link) if part),
            url=absolute_url(page),
            organizer=(settings.IMPRESSUM["email"], "DEFUS Geschäftsstelle"),
            sequence=event.sequence,
            status={"cancelled": "CANCELLED", "draft": "TENTATIVE"}.get(
                event.status, "TENTATIVE" if tentative else "CONFIRMED"
            ),
            last_modified=event.updated_at,
        )

    return ical.build_calendar(events, entry=entry, name=name, tzid=settings.TIME_ZONE)
