"""Who sees which event and who organises it, asked the same way everywhere."""

import rules
from django.db.models import Q

from members import bylaws
from topics.permissions import group_ids_of


def visible_events_q(user) -> Q:
    """Published (or cancelled) events for the audience the user belongs to; the secretariat sees all."""
    if not bylaws.has_member_access(user):
        return Q(pk__in=[])
    if bylaws.is_secretariat(user):
        return Q()
    audience = Q(audience="members") | Q(audience="group", group__in=group_ids_of(user))
    if bylaws.is_board(user):
        audience |= Q(audience="board")
    return audience & ~Q(status="draft")


def event_audience(user):
    """``visible_events_q`` as a Python test, with the user's offices and groups looked up once."""
    if not bylaws.has_member_access(user):
        return lambda event: False
    if bylaws.is_secretariat(user):
        return lambda event: True
    groups, board = group_ids_of(user), bylaws.is_board(user)

    def sees(event) -> bool:
        if event.status == "draft":
            return False
        if event.audience == "group":
            return event.group_id in groups
        if event.audience == "board":
            return board
        return True

    return sees


@rules.predicate
def can_see_event(user, event):
    return event is not None and event_audience(user)(event)


@rules.predicate
def organises_event(user, event):
    """The secretariat, or people of the organising organisation who hold an office there."""
    if event is None:
        return False
    if bylaws.is_secretariat(user):
        return True
    return bool(event.organisation_id) and user.organisation_id == event.organisation_id and bool(bylaws.roles_of(user))


@rules.predicate
def registration_open(user, event):
    return event is not None and event.registration_is_open()


rules.add_perm("events.view_event_page", can_see_event)
rules.add_perm("events.register", can_see_event & registration_open)
rules.add_perm("events.manage_participants", can_see_event & organises_event)
