"""Who sees which event and who organises it, asked the same way everywhere.

Who sees an event is stated once in ``events.policies.events`` (the list filter, the object check and the
permission ``events.view_event_page`` come from the same definition); ``tests/test_policies.py`` checks they
agree for every persona.
"""

import rules

from events.policies.events import visible_events
from members import bylaws


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


rules.add_perm("events.register", visible_events.predicate & registration_open)
rules.add_perm("events.manage_participants", visible_events.predicate & organises_event)
