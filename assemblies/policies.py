"""Which meetings a person sees, stated once (``kernel.policy``): the members' meetings for everyone with member
access, board meetings for the board and the secretariat. Lists filter with ``visible_meetings.q(user)``; pages ask
``user.has_perm("assemblies.see_meeting", meeting)``."""

from django.db.models import Q

from assemblies.models import Meeting
from kernel.policy import NOTHING, policy
from members import bylaws


@policy(Meeting, perm="assemblies.see_meeting")
def visible_meetings(user) -> Q:
    if not bylaws.has_member_access(user):
        return NOTHING
    if bylaws.is_board_or_secretariat(user):
        return Q()
    return Q(body=Meeting.Body.MEMBERS)
