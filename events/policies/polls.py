"""Which date polls a person sees: those they organise, are invited to, or that ask their working group;
the secretariat sees all."""

from django.db.models import Q

from events.models import DatePoll
from kernel.policy import NOTHING, policy
from members import bylaws
from topics.policies.memberships import group_ids_of


@policy(DatePoll, perm="events.view_poll")
def visible_polls(user) -> Q:
    if not bylaws.has_member_access(user):
        return NOTHING
    if bylaws.is_secretariat(user):
        return Q()
    # The invitees last: for one poll it is the only part that needs a query.
    return Q(organiser=user) | Q(group__in=group_ids_of(user)) | Q(invitees=user)
