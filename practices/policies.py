"""Who sees which practice, stated once (``defus.lib.policy``): a filter for lists, the same rule for one entry.

Published entries are for everyone with member access; drafts and entries under review for the people of the
practice's organisations and the secretariat; entries under review also for those who may review them (board
members and working-group leads)."""

from django.db.models import Q

from defus.lib.policy import NOTHING, policy
from members import bylaws
from members.models import Role
from practices.models import Practice


def is_reviewer(user) -> bool:
    """Holds an office that reviews practices (the second seat): board member or working-group lead."""
    return bylaws.is_board(user) or Role.WORKING_GROUP_LEAD in bylaws.roles_of(user)


@policy(Practice, perm="practices.see_practice")
def visible_practices(user) -> Q:
    if not bylaws.has_member_access(user):
        return NOTHING
    if bylaws.is_secretariat(user):
        return Q()
    visible = Q(state=Practice.State.PUBLISHED)
    if user.organisation_id:
        visible |= Q(organisations=user.organisation_id)
    if is_reviewer(user):
        visible |= Q(state=Practice.State.SUBMITTED)
    return visible
