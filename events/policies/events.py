"""Which events a person sees: published (or cancelled) events of the audience they belong to – all members,
the board, a working group, or the people invited; the secretariat sees every event, drafts included."""

import datetime

from django.db.models import Q

from events.models import Event
from kernel.policy import NOTHING, Known, policy
from kernel.viewer import register_fact, viewer
from members import bylaws
from topics.policies.memberships import group_ids_of


def _invitations():
    return Event.invitees.through.objects


def _invited(person, _argument) -> frozenset[int]:
    return frozenset(_invitations().filter(user_id=person.pk).values_list("event_id", flat=True))


def _invited_many(people, _argument, *, among=()) -> dict[int, frozenset[int]]:
    """For a batch only the invitations to the events ``among`` are read (the digest's events): one query."""
    invited: dict[int, set[int]] = {person.pk: set() for person in people}
    among = list(among)
    rows = (
        ()
        if not among
        else _invitations().filter(user_id__in=invited, event_id__in=among).values_list("user_id", "event_id")
    )
    for person_id, event_id in rows:
        invited[person_id].add(event_id)
    return {pk: frozenset(ids) for pk, ids in invited.items()}


register_fact("invited_event_ids", compute=_invited, bulk=_invited_many)


def invited_event_ids(user) -> frozenset[int]:
    """Events of the audience "invited" that name ``user`` (read once per person)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return viewer(user).get("invited_event_ids")


# An event stored with dates no page can show (written before dates were bounded, or straight into the
# database) is shown to nobody – it would break every list and feed it is in – until staff fix it in the admin.
SHOWABLE = Q(
    start__gte=datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC),
    end__lte=datetime.datetime(9999, 12, 30, tzinfo=datetime.UTC),
)


@policy(Event, perm="events.view_event_page")
def visible_events(user) -> Q:
    if not bylaws.has_member_access(user):
        return NOTHING
    if bylaws.is_secretariat(user):
        return SHOWABLE
    # The invitations as a subquery for lists (one row per event, whatever the number invited) and as the
    # person's cached set for one event or the digest (primed with the digest's events): no query per event.
    invited = Known(_invitations().filter(user_id=user.pk).values("event_id"), lambda: invited_event_ids(user))
    audience = (
        Q(audience="members")
        | Q(audience="group", group__in=group_ids_of(user))
        | Q(audience="invited", pk__in=invited)
    )
    if bylaws.is_board(user):
        audience |= Q(audience="board")
    return ~Q(status="draft") & SHOWABLE & audience
