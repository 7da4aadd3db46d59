"""iCalendar (RFC 5545) for events: one event, or a person's feed."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from defus.lib.emails import absolute_url


def event_uid(event) -> str:
    """Stable for the life of the event, so calendar clients update instead of duplicating."""
    return f"event-{event.uid}@defus"


def build_calendar(events, *, name: str = "DEFUS", online_link_for=frozenset(), public: bool = False) -> bytes:
    """``online_link_for``: ids of events whose online link the reader may have (registered people);
    ``public``: link the public page of the event (for guests) instead of the members' page."""
    calendar = Calendar()
    calendar.add("method", "PUBLISH")
    calendar.add("prodid", "-//DEFUS//Mitgliederportal//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    tz = timezone.get_current_timezone()
    stamp = timezone.now()
    for event in events:
        item = VEvent()
        item.add("uid", event_uid(event))
        item.add("dtstamp", stamp)
        # Local times with TZID Europe/Berlin; the VTIMEZONE is added below.
        item.add("dtstart", timezone.localtime(event.start, tz))
        item.add("dtend", timezone.localtime(event.end, tz))
        item.add("summary", event.title)
        if event.description:
            item.add("description", event.description)
        online = event.online_url if event.pk in online_link_for else ""
        location = ", ".join(part for part in (event.location, online) if part)
        if location:
            item.add("location", location)
        url = absolute_url(reverse("public_event_detail", args=[event.pk]) if public else event.get_absolute_url())
        item.add("url", url)
        item.add("organizer", f"mailto:{settings.IMPRESSUM['email']}", parameters={"cn": "DEFUS Geschäftsstelle"})
        item.add("sequence", event.sequence)
        item.add("status", {"cancelled": "CANCELLED", "draft": "TENTATIVE"}.get(event.status, "CONFIRMED"))
        item.add("last-modified", event.updated_at)
        calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()
