"""Reads of events, each taking the acting user so visibility is decided once (events.policies)."""

import calendar
import datetime

from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils import timezone

from events.models import Event, GuestRegistration, Registration
from events.policies.events import visible_events
from kernel.queries import count_of


def with_seats(events):
    """Each event with ``registered_count`` (members and confirmed guests share the seats) and ``is_full`` (no seat
    left: whoever registers now goes on the waiting list), in the same query as the events."""
    # Counted per shown event (a subquery), not by grouping every matching event before the page is cut.
    registered = Registration.objects.filter(event=OuterRef("pk"), status="registered")
    guests = GuestRegistration.objects.filter(event=OuterRef("pk"), status="registered")
    full = Q(capacity__isnull=False) & Q(capacity__lte=F("registered_count"))
    return events.annotate(registered_count=count_of(registered) + count_of(guests)).annotate(
        is_full=ExpressionWrapper(full, output_field=BooleanField())
    )


def event_list(*, user):
    """The events ``user`` may see, each with its seats taken, whether it is full and whether ``user`` is registered
    (or waiting); the event list's filters (events.filters) narrow and order them."""
    mine = Registration.objects.filter(event=OuterRef("pk"), person=user)
    return with_seats(
        Event.objects.filter(visible_events.q(user))
        .select_related("organisation", "group")
        .annotate(is_mine=Exists(mine.filter(status="registered")), is_waiting=Exists(mine.filter(status="waitlisted")))
    )


def waitlist_position(registration) -> int | None:
    """The place of a member's or a guest's registration on the event's one waiting list (1 is next), in the order
    ``events.services.waitlist_promote`` moves people up: by time asked, a guest before a member asking at the
    same moment; None when not waiting."""
    if registration is None or registration.status != "waitlisted":
        return None
    at, pk = registration.requested_at, registration.pk
    members = Registration.objects.filter(event_id=registration.event_id, status="waitlisted")
    guests = GuestRegistration.objects.filter(event_id=registration.event_id, status="waitlisted")
    if isinstance(registration, GuestRegistration):
        members = members.filter(requested_at__lt=at)
        guests = guests.filter(Q(requested_at__lt=at) | Q(requested_at=at, pk__lt=pk))
    else:
        members = members.filter(Q(requested_at__lt=at) | Q(requested_at=at, pk__lt=pk))
        guests = guests.filter(requested_at__lte=at)
    return 1 + members.count() + guests.count()


def upcoming(events):
    """Events not over yet, soonest first."""
    return events.filter(end__gte=timezone.now()).order_by("start")


def past(events):
    """Events that are over, the latest first."""
    return events.filter(end__lt=timezone.now()).order_by("-start")


def events_for(*, user):
    """The coming events ``user`` may see, soonest first."""
    return upcoming(event_list(user=user))


# A day cell of the month calendar shows this many events and "N more" (a link to that day's list): at Efus size a
# month holds over a hundred events, and the calendar is a screenful.
EVENTS_PER_DAY = 3


def month_grid(*, user, year: int, month: int) -> list[list[dict]]:
    """Weeks of the month, each day with its first events and how many more there are (one query)."""
    tz = timezone.get_current_timezone()
    first = datetime.datetime(year, month, 1, tzinfo=tz)
    last_day = calendar.monthrange(year, month)[1]
    after = first + datetime.timedelta(days=last_day)
    events = list(
        Event.objects.filter(visible_events.q(user), start__lt=after, end__gte=first)
        .only("pk", "title", "start", "end")
        .order_by("start")
    )
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        row = []
        for day in week:
            day_start = datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)
            day_end = day_start + datetime.timedelta(days=1)
            that_day = [e for e in events if e.start < day_end and e.end > day_start]
            row.append(
                {
                    "date": day,
                    "in_month": day.month == month,
                    "events": that_day[:EVENTS_PER_DAY],
                    "more": max(0, len(that_day) - EVENTS_PER_DAY),
                }
            )
        weeks.append(row)
    return weeks


def participants(*, event, for_organiser: bool):
    registrations = Registration.objects.filter(event=event, status="registered").select_related("person__organisation")
    if not for_organiser:
        registrations = registrations.filter(show_in_participants=True)
    return registrations.order_by("person__last_name", "person__first_name")


def hidden_participants_count(*, event) -> int:
    """Registered members who prefer not to be shown to other members: counted, never named."""
    return Registration.objects.filter(event=event, status="registered", show_in_participants=False).count()


def represented_organisations(*, event):
    return sorted(
        {r.person.organisation.name for r in participants(event=event, for_organiser=True) if r.person.organisation}
    )


def my_registrations(*, user, limit: int = 10):
    return (
        Registration.objects.filter(person=user, event__end__gte=timezone.now())
        .exclude(status="cancelled")
        .select_related("event")
        .order_by("event__start")[:limit]
    )


def feed_events(*, user):
    """For the personal calendar feed: my registrations, the events of groups I follow, and the members' meetings
    every member is invited to (registered or not: the date is kept free)."""
    # A place on the waiting list is not a date in the calendar yet.
    registered = Registration.objects.filter(person=user, status="registered").values("event")
    followed = Q(group__follows__person=user)
    meetings = Q(kind=Event.Kind.MEMBERS_MEETING)
    return (
        Event.objects.filter(visible_events.q(user))
        .filter(Q(pk__in=registered) | followed | meetings)
        .select_related("organisation")
        .distinct()
        .order_by("start")
    )


def group_activity(*, user, group_ids, limit: int) -> list[dict]:
    """The newest events of the given working groups, for their activity lists (declared as ``group_activity``:
    topics.selectors.activity_for merges them with the groups' own items); one query."""
    events = (
        Event.objects.filter(visible_events.q(user), group_id__in=group_ids)
        .select_related("group")
        .order_by("-created_at")[:limit]
    )
    return [{"kind": "event", "at": event.created_at, "event": event, "group": event.group} for event in events]
