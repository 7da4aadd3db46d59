"""The groups a person belongs to and leads, looked up once per request (or primed for many people)."""

from kernel.person_facts import fact, prime
from members import bylaws
from members.models import Mandate, Role
from topics.models import Membership, WorkingGroup


def group_ids_of(user) -> frozenset[int]:
    """Groups the user is an active member of (cached on the user object for this request)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return fact(
        user,
        "group_ids",
        lambda: frozenset(
            Membership.objects.filter(person=user, status=Membership.Status.ACTIVE).values_list("group_id", flat=True)
        ),
    )


def open_groups_of(user):
    """The open (not archived) groups ``user`` is an active member of, from ``group_ids_of`` (no join)."""
    return WorkingGroup.objects.filter(archived_at__isnull=True, pk__in=group_ids_of(user))


def led_group_ids_of(user) -> frozenset[int]:
    """Groups the user leads through an office active today (cached like group_ids_of)."""
    if not getattr(user, "is_authenticated", False) or Role.WORKING_GROUP_LEAD not in bylaws.roles_of(user):
        return frozenset()
    return fact(
        user,
        "led_group_ids",
        lambda: frozenset(
            Mandate.objects.active()
            .filter(person=user, role=Role.WORKING_GROUP_LEAD)
            .values_list("working_group_id", flat=True)
        ),
    )


def prime_groups(people, offices: dict[int, list[tuple[str, int | None]]]) -> None:
    """Fill ``group_ids_of`` and ``led_group_ids_of`` for many people: one query, plus the offices
    ``bylaws.prime_offices`` already read."""
    groups: dict[int, set[int]] = {person.pk: set() for person in people}
    rows = Membership.objects.filter(person__in=groups, status=Membership.Status.ACTIVE).values_list(
        "person_id", "group_id"
    )
    for person_id, group_id in rows:
        groups[person_id].add(group_id)
    for person in people:
        prime(person, "group_ids", frozenset(groups[person.pk]))
        led = {group_id for role, group_id in offices.get(person.pk, ()) if role == Role.WORKING_GROUP_LEAD}
        prime(person, "led_group_ids", frozenset(led - {None}))
