"""Meine Daten, the events' part: registrations, the calendar feed, date polls and answers, study visits,
attendance certificates."""

from django.urls import reverse

from events.models import (
    AttendanceCertificate,
    CalendarFeed,
    DatePoll,
    DatePollAnswer,
    ExchangeOffer,
    ExchangeRequest,
    Registration,
)
from kernel.emails import absolute_url
from kernel.privacy import day
from members.services.people import ERASED_NAME

COVERS = {
    "events.Registration.person",
    "events.CalendarFeed.person",
    "events.DatePoll.organiser",
    "events.DatePoll.invitees",
    "events.DatePollAnswer.person",
    "events.ExchangeOffer.created_by",
    "events.ExchangeRequest.person",
    "events.Event.organisers",
    "events.Event.invitees",
    "events.AttendanceCertificate.person",
}

NOT_PERSONAL = {}


def export(person) -> dict:
    feed = CalendarFeed.objects.filter(person=person).first()
    return {
        "event_registrations": [
            {
                "event": r.event.title,
                "start": day(r.event.start),
                "status": r.status,
                "registered_at": day(r.requested_at),
                "attended": r.attended,
                "shown_to_participants": r.show_in_participants,
            }
            for r in Registration.objects.filter(person=person).select_related("event").order_by("requested_at")
        ],
        "events_organised": list(person.organised_events.order_by("start").values_list("title", flat=True)),
        "events_invited_to": list(person.invited_events.order_by("start").values_list("title", flat=True)),
        "calendar_feed": {"url": absolute_url(reverse("calendar_feed", args=[feed.token]))} if feed else None,
        "date_polls_organised": [
            {"title": p.title, "created_at": day(p.created_at), "closed_at": day(p.closed_at)}
            for p in DatePoll.objects.filter(organiser=person).order_by("created_at")
        ],
        "date_polls_invited_to": list(person.date_polls.order_by("created_at").values_list("title", flat=True)),
        "date_poll_answers": [
            {"poll": a.option.poll.title, "date": day(a.option.start), "answer": a.answer}
            for a in DatePollAnswer.objects.filter(person=person)
            .select_related("option__poll")
            .order_by("option__poll__created_at", "option__start")
        ],
        "study_visit_offers": [
            {"theme": o.theme, "place": o.place, "created_at": day(o.created_at)}
            for o in ExchangeOffer.objects.filter(created_by=person).order_by("created_at")
        ],
        "study_visit_requests": [
            {
                "offer": r.offer.theme,
                "preferred_date": day(r.preferred_date),
                "message": r.message,
                "status": r.status,
                "requested_at": day(r.created_at),
            }
            for r in ExchangeRequest.objects.filter(person=person).select_related("offer").order_by("created_at")
        ],
        "attendance_certificates": [
            {
                "event": c.event.title,
                "start": day(c.event.start),
                "name": c.name,
                "hours": str(c.hours),
                "verification_code": c.code,
                "issued_at": day(c.issued_at),
            }
            for c in AttendanceCertificate.objects.filter(person=person).select_related("event").order_by("issued_at")
        ],
    }


def erase(person) -> None:
    """Certificates stay, as the association's record that it issued them, but no longer name the person: checking
    a code then says an erased person attended, and the same member can no longer download the same code."""
    AttendanceCertificate.objects.filter(person=person).update(person=None, holder="", name=ERASED_NAME)
