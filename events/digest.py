"""The events' part of the digest: newly announced events, the next three weeks, and registrations that close soon.

Each event appears once: announced since last week → "new"; otherwise starting in
the next three weeks → "coming up"; otherwise registration closing in the next
three weeks → "register by". The person's own registration is shown with it.
"""

import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events.models import Event, Registration
from events.policies.events import visible_events
from kernel.digest import Batch, Part, capped
from kernel.viewer import prime

HORIZON = datetime.timedelta(weeks=3)


class EventsSection:
    def __init__(self, batch: Batch):
        now, horizon = batch.now, batch.now + HORIZON
        period = batch.period
        announced = Q(created_at__gte=period.since, created_at__lt=period.sending, start__gte=now)
        events = (
            Event.objects.filter(status=Event.Status.PUBLISHED)
            .filter(
                announced
                | Q(start__gte=now, start__lt=horizon)
                | Q(registration_closes__gte=now, registration_closes__lt=horizon, start__gte=now)
            )
            .select_related("group")
            .order_by("start", "pk")
        )
        # Which list an event belongs to and whether registration is open are the same for every reader.
        self.events = []
        for event in events:
            if period.since <= event.created_at < period.sending:
                kind = "new"
            elif event.start < horizon:
                kind = "coming"
            else:
                kind = "closing"
            self.events.append((event, kind, event.registration_is_open(now)))
        invited = [event.pk for event, _kind, _open in self.events if event.audience == "invited"]
        prime(batch.people, "invited_event_ids", among=invited)
        self.registrations = {
            (event_id, person_id): status
            for event_id, person_id, status in Registration.objects.filter(
                event__in=[event for event, _kind, _open in self.events], person__in=[p.pk for p in batch.people]
            )
            .exclude(status=Registration.Status.CANCELLED)
            .values_list("event_id", "person_id", "status")
        }

    def for_person(self, person) -> Part | None:
        lists = {"new": [], "coming": [], "closing": []}
        sees = visible_events.test(person)
        for event, kind, is_open in self.events:
            if not sees(event):
                continue
            status = self.registrations.get((event.pk, person.pk), "")
            if kind == "closing" and (status or not is_open):
                continue  # "register by" only for those who still can
            lists[kind].append({"event": event, "status": status, "open": not status and is_open})
        if not any(lists.values()):
            return None
        data = {kind: capped(lines) for kind, lines in lists.items()}
        signature = tuple(
            (kind, data[kind]["more"], tuple((line["event"].pk, line["status"]) for line in data[kind]["lines"]))
            for kind in lists
        )
        return Part("events", _("Events"), data, signature)
