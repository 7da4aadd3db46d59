"""Whose discussions a person may read: open groups for members, restricted ones for their members and leads
(a lead who is not, or no longer, a member still reads the group they lead), every group for board and
secretariat."""

from django.db.models import Q

from kernel.policy import NOTHING, policy
from members import bylaws
from topics.models import WorkingGroup
from topics.policies.memberships import group_ids_of, led_group_ids_of


@policy(WorkingGroup, perm="topics.read_group")
def readable_groups(user) -> Q:
    if not bylaws.has_member_access(user):
        return NOTHING
    if bylaws.is_board_or_secretariat(user):
        return Q()
    return Q(is_restricted=False) | Q(pk__in=group_ids_of(user) | led_group_ids_of(user))
