"""Which events a person sees: published (or cancelled) events of the audience they belong to – all members,
the board, a working group, or the people invited; the secretariat sees every event, drafts included."""

import datetime

from django.db.models import Q

from events.models import Event
from kernel.person_facts import fact, prime
from kernel.policy import NOTHING, Known, policy
from members import bylaws
from topics.policies.memberships import group_ids_of


def _invitations():
    return Event.invitees.through.objects


def invited_event_ids(user) -> frozenset[int]:
    """Events of the audience "invited" that name ``user`` (cached on the user object for this request)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return fact(
        user,
        "invited_event_ids",
        lambda: frozenset(_invitations().filter(user_id=user.pk).values_list("event_id", flat=True)),
    )


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
        prime(person, "invited_event_ids", frozenset(invited[person.pk]))


# An event stored with dates no page can show (written before dates were bounded, or straight into the
# database) is shown to nobody – it would break every list and feed it is in – until staff fix it in the admin.
SHOWABLE = Q(
    start__gte=datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC),
    end__lte=datetime.datetime(9999, 12, 30, tzinfo=datetime.UTC),
)


@policy(Event)
def visible_events(user) -> Q:
    if not bylaws.has_member_access(user):
        return NOTHING
    if bylaws.is_secretariat(user):
        return SHOWABLE
    # The invitations as a subquery for lists (one row per event, whatever the number invited) and as the
    # person's cached set for one event or the digest (primed by prime_invitations): no query per event.
    invited = Known(_invitations().filter(user_id=user.pk).values("event_id"), lambda: invited_event_ids(user))
    audience = (
        Q(audience="members")
        | Q(audience="group", group__in=group_ids_of(user))
        | Q(audience="invited", pk__in=invited)
    )
    if bylaws.is_board(user):
        audience |= Q(audience="board")
    return ~Q(status="draft") & SHOWABLE & audience


events_q = visible_events.q
event_visible = visible_events.check
