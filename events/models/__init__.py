"""Events of the association: meetings, conferences, webinars, study visits; registrations with a waitlist."""

from events.models.event import AgendaItem, CalendarFeed, Event, Registration, _feed_token
from events.models.guests import AttendanceCertificate, GuestRegistration, _guest_token
from events.models.planning import DatePoll, DatePollAnswer, DatePollOption, ExchangeOffer, ExchangeRequest

__all__ = [
    "Event",
    "AgendaItem",
    "Registration",
    "_feed_token",
    "CalendarFeed",
    "DatePoll",
    "DatePollOption",
    "DatePollAnswer",
    "ExchangeOffer",
    "ExchangeRequest",
    "_guest_token",
    "GuestRegistration",
    "AttendanceCertificate",
]
