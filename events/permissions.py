"""Who sees which event and who organises it, asked the same way everywhere.

One policy per question: ``visible_events_q`` (lists) and ``event_audience`` / ``events.view_event_page``
(one event) state the same rule; ``tests/events/test_policies.py`` checks they agree for every persona.
"""

import datetime

import rules
from django.db.models import Q

from members import bylaws
from topics.permissions import group_ids_of


def _invitations():
    from events.models import Event

    return Event.invitees.through.objects


def invited_event_ids(user) -> frozenset[int]:
    """Events of the audience "invited" that name ``user`` (cached on the user object for this request)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    if "_invited_event_ids" not in user.__dict__:
        user.__dict__["_invited_event_ids"] = frozenset(
            _invitations().filter(user_id=user.pk).values_list("event_id", flat=True)
        )
    return user.__dict__["_invited_event_ids"]


def prime_invitations(people, event_ids) -> None:
    """Fill ``invited_event_ids`` for many people at once (the digest): one query."""
    invited: dict[int, set[int]] = {person.pk: set() for person in people}
    event_ids = list(event_ids)
    rows = (
        ()
        if not event_ids
        else _invitations().filter(user_id__in=invited, event_id__in=event_ids).values_list("user_id", "event_id")
    )
    for person_id, event_id in rows:
        invited[person_id].add(event_id)
    for person in people:
        person.__dict__["_invited_event_ids"] = frozenset(invited[person.pk])


# An event stored with dates no page can show (written before dates were bounded, or straight into the
# database) is shown to nobody – it would break every list and feed it is in – until staff fix it in the admin.
_SHOWABLE_FROM = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
_SHOWABLE_UNTIL = datetime.datetime(9999, 12, 30, tzinfo=datetime.UTC)
SHOWABLE = Q(start__gte=_SHOWABLE_FROM, end__lte=_SHOWABLE_UNTIL)


def _showable(event) -> bool:
    return event.start >= _SHOWABLE_FROM and event.end <= _SHOWABLE_UNTIL


def visible_events_q(user) -> Q:
    """Published (or cancelled) events for the audience the user belongs to; the secretariat sees all."""
    if not bylaws.has_member_access(user):
        return Q(pk__in=[])
    if bylaws.is_secretariat(user):
        return SHOWABLE
    # A subquery, not a join: one row per event whatever the number of people invited.
    invited = _invitations().filter(user_id=user.pk).values("event_id")
    audience = (
        Q(audience="members")
        | Q(audience="group", group__in=group_ids_of(user))
        | Q(audience="invited", pk__in=invited)
    )
    if bylaws.is_board(user):
        audience |= Q(audience="board")
    return audience & ~Q(status="draft") & SHOWABLE


def event_audience(user):
    """``visible_events_q`` as a Python test, with the user's offices and groups looked up once."""
    if not bylaws.has_member_access(user):
        return lambda event: False
    if bylaws.is_secretariat(user):
        return _showable
    groups, board = group_ids_of(user), bylaws.is_board(user)

    def sees(event) -> bool:
        if event.status == "draft" or not _showable(event):
            return False
        if event.audience == "group":
            return event.group_id in groups
        if event.audience == "board":
            return board
        if event.audience == "invited":
            return event.pk in invited_event_ids(user)  # looked up only when such an event is asked about
        return event.audience == "members"

    return sees


@rules.predicate
def can_see_event(user, event):
    return event is not None and event_audience(user)(event)


@rules.predicate
def organises_event(user, event):
    """The secretariat, and the people named as the event's organisers – not every office holder of the
    organising organisation (the delegate of a host city does not organise the members' meeting)."""
    if event is None or not bylaws.has_member_access(user):
        return False
    if bylaws.is_secretariat(user):
        return True
    return event.organisers.filter(pk=user.pk).exists()


@rules.predicate
def registration_open(user, event):
    return event is not None and event.registration_is_open()


rules.add_perm("events.view_event_page", can_see_event)
rules.add_perm("events.register", can_see_event & registration_open)
rules.add_perm("events.manage_participants", can_see_event & organises_event)
