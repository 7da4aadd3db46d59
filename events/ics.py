"""iCalendar (RFC 5545) for events: one event, or a person's feed."""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Event as VEvent

from defus.lib.emails import absolute_url
from defus.lib.ical import add_timezone, new_calendar
from defus.lib.text import single_line

logger = logging.getLogger(__name__)


def event_uid(event) -> str:
    """Stable for the life of the event, so calendar clients update instead of duplicating."""
    return f"event-{event.uid}@defus"


def build_calendar(events, *, name: str = "DEFUS", online_link_for=frozenset(), public: bool = False) -> bytes:
    """``online_link_for``: ids of events whose online link the reader may have (registered people);
    ``public``: link the public page of the event (for guests) instead of the members' page."""
    calendar = new_calendar(name=name)
    tz = timezone.get_current_timezone()
    stamp = timezone.now()
    for event in events:
        # One broken event (a date out of range, text a client cannot take) must not break a whole feed:
        # it is left out and logged, and the rest is served.
        try:
            item = _vevent(event, tz=tz, stamp=stamp, online=event.pk in online_link_for, public=public)
            item.to_ical()
        except Exception:
            logger.exception("Event %s left out of a calendar file", event.pk)
            continue
        calendar.add_component(item)
    add_timezone(calendar, settings.TIME_ZONE)
    return calendar.to_ical()


def _vevent(event, *, tz, stamp, online: bool, public: bool) -> VEvent:
    item = VEvent()
    item.add("uid", event_uid(event))
    item.add("dtstamp", stamp)
    # Local times with TZID Europe/Berlin; the VTIMEZONE is added by the caller.
    item.add("dtstart", timezone.localtime(event.start, tz))
    item.add("dtend", timezone.localtime(event.end, tz))
    item.add("summary", single_line(event.title))
    if event.description:
        item.add("description", event.description.replace("\x00", ""))
    link = event.online_url if online else ""
    location = ", ".join(single_line(part) for part in (event.location, link) if part)
    if location:
        item.add("location", location)
    page = reverse("public_event_detail", args=[event.pk]) if public else event.get_absolute_url()
    item.add("url", absolute_url(page))
    item.add("organizer", f"mailto:{settings.IMPRESSUM['email']}", parameters={"cn": "DEFUS Geschäftsstelle"})
    item.add("sequence", event.sequence)
    item.add("status", {"cancelled": "CANCELLED", "draft": "TENTATIVE"}.get(event.status, "CONFIRMED"))
    item.add("last-modified", event.updated_at)
    return item
