"""Who a circular is for, written once: the recipients of a circular (people, ``audience_people``) and the
circulars a person may read in the archive (the policy ``readable_circulars``, also the permission
``circulars.read_circular`` and the digest's check) follow the same audiences; both start from member access
(``members.policies.with_member_access``)."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from circulars.models import Circular
from kernel.policy import NOTHING, policy
from mail.official import official_recipients
from members import bylaws
from members.models import Mandate, Role, User
from members.policies import with_member_access
from members.roles import BOARD_ROLES
from topics.models import Membership
from topics.permissions import group_ids_of
from topics.policies.documents import visible_documents

Audience = Circular.Audience


def audience_people(circular: Circular) -> QuerySet[User]:
    """Everyone in the circular's audience who may use the member area today."""
    people = User.objects.filter(with_member_access.q(None))
    today = timezone.localdate()
    if circular.audience == Audience.DELEGATES:
        people = people.filter(Exists(Mandate.objects.active(today).filter(person=OuterRef("pk"), role=Role.DELEGATE)))
    elif circular.audience == Audience.BOARD:
        people = people.filter(
            Exists(Mandate.objects.active(today).filter(person=OuterRef("pk"), role__in=BOARD_ROLES))
        )
    elif circular.audience == Audience.GROUPS:
        membership = Membership.objects.filter(
            person=OuterRef("pk"),
            status=Membership.Status.ACTIVE,
            group__in=circular.groups.values("pk"),
        )
        people = people.filter(Exists(membership))
    elif circular.audience == Audience.ORGANISATIONS:
        people = people.filter(organisation__in=circular.organisations.values("pk"))
    return people.order_by("pk")


def email_recipients(circular: Circular) -> QuerySet[User]:
    """Who gets the circular by email: official post, so the whole audience whatever their digest setting,
    except those who chose official post in the portal only (they read it in the archive)."""
    return official_recipients(audience_people(circular))


@policy(Circular, perm="circulars.read_circular")
def readable_circulars(user) -> Q:
    """Sent circulars ``user`` may read: those of their audience; the secretariat and the board read all.
    Checking many circulars (the digest): prefetch ``groups`` and ``organisations``."""
    if not bylaws.has_member_access(user):
        return NOTHING
    sent = Q(status=Circular.Status.SENT)
    if bylaws.is_board_or_secretariat(user):
        return sent
    mine = Q(audience=Audience.ALL)
    if Role.DELEGATE in bylaws.roles_of(user):
        mine |= Q(audience=Audience.DELEGATES)
    group_ids = group_ids_of(user)
    if group_ids:
        mine |= Q(audience=Audience.GROUPS) & Q(groups__in=group_ids)
    if user.organisation_id:
        mine |= Q(audience=Audience.ORGANISATIONS) & Q(organisations=user.organisation_id)
    return sent & mine


def circular_list(*, user, search: str = "") -> QuerySet[Circular]:
    """The archive: newest first."""
    circulars = Circular.objects.filter(readable_circulars.q(user))
    search = search.strip()
    if search:
        circulars = circulars.filter(
            Q(title__icontains=search)
            | Q(body__icontains=search)
            | Q(title_en__icontains=search)
            | Q(body_en__icontains=search)
        )
    return circulars.select_related("sent_by").order_by("-sent_at", "-pk")


def documents_for(user, circular: Circular) -> list:
    """The attached documents ``user`` may read (prefetch ``documents__groups`` when checking many people)."""

    sees = visible_documents.test(user)  # the rule built once for this person, not once per document
    return [document for document in circular.documents.all() if sees(document)]
