"""The groups a person belongs to and leads: facts of the person's ``Viewer`` (kernel.viewer), read once per
request or primed for a batch with ``prime(people, "offices", "group_ids")``."""

from kernel.viewer import register_fact, viewer
from members import bylaws
from members.models import Role
from topics.models import Membership, WorkingGroup


def _group_ids(person, _argument) -> frozenset[int]:
    rows = Membership.objects.filter(person=person, status=Membership.Status.ACTIVE).values_list("group_id", flat=True)
    return frozenset(rows)


def _group_ids_of_many(people, _argument) -> dict[int, frozenset[int]]:
    groups: dict[int, set[int]] = {person.pk: set() for person in people}
    rows = Membership.objects.filter(person__in=list(groups), status=Membership.Status.ACTIVE).values_list(
        "person_id", "group_id"
    )
    for person_id, group_id in rows:
        groups[person_id].add(group_id)
    return {pk: frozenset(ids) for pk, ids in groups.items()}


register_fact("group_ids", compute=_group_ids, bulk=_group_ids_of_many)


def group_ids_of(user) -> frozenset[int]:
    """Groups the user is an active member of (read once per person)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return viewer(user).get("group_ids")


def open_groups_of(user):
    """The open (not archived) groups ``user`` is an active member of, from ``group_ids_of`` (no join)."""
    return WorkingGroup.objects.filter(archived_at__isnull=True, pk__in=group_ids_of(user))


def led_group_ids_of(user) -> frozenset[int]:
    """Groups the user leads through an office active today (from the person's offices: no query of its own)."""
    offices = bylaws.offices_of(user)
    return frozenset(group for role, group in offices if role == Role.WORKING_GROUP_LEAD and group is not None)
