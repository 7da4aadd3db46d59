"""Which member inquiries a person reads: those asked of every member, and those of a working group whose
discussions they may read (``topics.policies.groups``); board and secretariat read all."""

from django.db.models import Q

from kernel.policy import NOTHING, Held, policy
from members import bylaws
from topics.models import Inquiry, WorkingGroup
from topics.policies.groups import readable_groups


@policy(Inquiry, perm="topics.read_inquiry")
def readable_inquiries(user) -> Q:
    if not bylaws.has_member_access(user):
        return NOTHING
    if bylaws.is_board_or_secretariat(user):
        return Q()
    groups = WorkingGroup.objects.filter(readable_groups.q(user)).values("pk")
    sees_group = readable_groups.test(user)  # built once for this person, not once per inquiry
    in_group = Inquiry.objects.filter(group__in=groups).values("pk")
    of_my_groups = Held(in_group, lambda inquiry: sees_group(inquiry.group))
    return Q(group__isnull=True) | Q(pk__in=of_my_groups)
