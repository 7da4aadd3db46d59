"""Who sees which practice, stated once (``kernel.policy``): a filter for lists, the same rule for one entry.

Published public entries are for everyone, without signing in (the public site); other published entries for
everyone with member access; drafts and entries under review for the people of the
practice's organisations and the secretariat; entries under review also for those who may review them (board
members and working-group leads)."""

from django.db.models import Q

from kernel.policy import policy
from members import bylaws
from members.models import Role
from practices.models import Practice


def is_reviewer(user) -> bool:
    """Holds an office that reviews practices (the second seat): board member or working-group lead."""
    return bylaws.is_board(user) or Role.WORKING_GROUP_LEAD in bylaws.roles_of(user)


# What anybody may read, signed in or not: the published entries marked public.
PUBLIC = Q(state=Practice.State.PUBLISHED, is_public=True)


@policy(Practice, perm="practices.see_practice")
def visible_practices(user) -> Q:
    if not bylaws.has_member_access(user):
        return PUBLIC
    if bylaws.is_secretariat(user):
        return Q()
    visible = Q(state=Practice.State.PUBLISHED)
    if user.organisation_id:
        visible |= Q(organisations=user.organisation_id)
    if is_reviewer(user):
        visible |= Q(state=Practice.State.SUBMITTED)
    return visible
