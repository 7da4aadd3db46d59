"""Who a circular is for, written once: the recipients of a circular (people) and the
circulars a person may read in the archive are both built from ``audience_people``'s rules,
and the archive's detail page asks the same queryset as its list (``circular_visible``)."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from circulars.models import Circular
from mail.official import official_recipients
from members import bylaws
from members.models import Mandate, Organisation, Role, User
from members.roles import BOARD_ROLES
from topics.models import Membership
from topics.permissions import group_ids_of
from topics.policies.documents import visible_documents

Audience = Circular.Audience


def _with_member_access() -> Q:
    """``bylaws.has_member_access`` as a queryset filter on people."""
    office = Mandate.objects.active(timezone.localdate()).filter(
        person=OuterRef("pk"), role__in=bylaws.STAFF_ROLES | {Role.AUDITOR}
    )
    return Q(is_active=True) & (Q(organisation__status=Organisation.Status.ACTIVE) | Q(Exists(office)))


def audience_people(circular: Circular) -> QuerySet[User]:
    """Everyone in the circular's audience who may use the member area today."""
    people = User.objects.filter(_with_member_access())
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


def readable_q(user) -> Q:
    """Sent circulars ``user`` may read: those of their audience; the secretariat and the board read all."""
    if not bylaws.has_member_access(user):
        return Q(pk__in=[])
    sent = Q(status=Circular.Status.SENT)
    if bylaws.is_secretariat(user) or bylaws.is_board(user):
        return sent
    mine = Q(audience=Audience.ALL)
    if Role.DELEGATE in bylaws.roles_of(user):
        mine |= Q(audience=Audience.DELEGATES)
    group_ids = group_ids_of(user)
    if group_ids:
        in_groups = Circular.groups.through.objects.filter(workinggroup_id__in=group_ids).values("circular_id")
        mine |= Q(audience=Audience.GROUPS, pk__in=in_groups)
    if user.organisation_id:
        of_mine = Circular.organisations.through.objects.filter(organisation_id=user.organisation_id).values(
            "circular_id"
        )
        mine |= Q(audience=Audience.ORGANISATIONS, pk__in=of_mine)
    return sent & mine


def readable(user, circular: Circular) -> bool:
    """``readable_q`` for one loaded circular, without a query (prefetch ``groups`` and ``organisations``):
    the digest checks hundreds of readers against the same few circulars. Tests keep the two equal."""
    if not bylaws.has_member_access(user) or circular.status != Circular.Status.SENT:
        return False
    if bylaws.is_secretariat(user) or bylaws.is_board(user):
        return True
    if circular.audience == Audience.ALL:
        return True
    if circular.audience == Audience.DELEGATES:
        return Role.DELEGATE in bylaws.roles_of(user)
    if circular.audience == Audience.GROUPS:
        return not group_ids_of(user).isdisjoint(group.pk for group in circular.groups.all())
    if circular.audience == Audience.ORGANISATIONS:
        return user.organisation_id in {organisation.pk for organisation in circular.organisations.all()}
    return False


def circular_list(*, user, search: str = "") -> QuerySet[Circular]:
    """The archive: newest first."""
    circulars = Circular.objects.filter(readable_q(user))
    search = search.strip()
    if search:
        circulars = circulars.filter(
            Q(title__icontains=search)
            | Q(body__icontains=search)
            | Q(title_en__icontains=search)
            | Q(body_en__icontains=search)
        )
    return circulars.select_related("sent_by").order_by("-sent_at", "-pk")


def circular_visible(user, circular: Circular) -> bool:
    return Circular.objects.filter(readable_q(user), pk=circular.pk).exists()


def documents_for(user, circular: Circular) -> list:
    """The attached documents ``user`` may read (prefetch ``documents__groups`` when checking many people)."""

    sees = visible_documents.test(user)  # the rule built once for this person, not once per document
    return [document for document in circular.documents.all() if sees(document)]
