"""Who may read, post and moderate in working groups, and who may see which document.

One rule each, asked everywhere the same way: views and templates use
``user.has_perm("topics.…", obj)``; lists use the matching queryset filters in
``topics.selectors`` which are built from the same functions below.
"""

import rules
from django.db.models import Q

from members import bylaws
from members.models import Mandate, Role
from topics.models import Document, Membership


def group_ids_of(user) -> frozenset[int]:
    """Groups the user is an active member of (cached on the user object for this request)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    if "_group_ids" not in user.__dict__:
        user.__dict__["_group_ids"] = frozenset(
            Membership.objects.filter(person=user, status=Membership.Status.ACTIVE).values_list("group_id", flat=True)
        )
    return user.__dict__["_group_ids"]


def led_group_ids_of(user) -> frozenset[int]:
    """Groups the user leads through an office active today (cached like group_ids_of)."""
    if not getattr(user, "is_authenticated", False) or Role.WORKING_GROUP_LEAD not in bylaws.roles_of(user):
        return frozenset()
    if "_led_group_ids" not in user.__dict__:
        user.__dict__["_led_group_ids"] = frozenset(
            Mandate.objects.active()
            .filter(person=user, role=Role.WORKING_GROUP_LEAD)
            .values_list("working_group_id", flat=True)
        )
    return user.__dict__["_led_group_ids"]


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
        person.__dict__["_group_ids"] = frozenset(groups[person.pk])
        led = {group_id for role, group_id in offices.get(person.pk, ()) if role == Role.WORKING_GROUP_LEAD}
        person.__dict__["_led_group_ids"] = frozenset(led - {None})


def _sees_everything(user) -> bool:
    return bylaws.is_secretariat(user)


def readable_groups_q(user) -> Q:
    """Groups whose discussions ``user`` may read."""
    if not bylaws.has_member_access(user):
        return Q(pk__in=[])
    if _sees_everything(user) or bylaws.is_board(user):
        return Q()
    return Q(is_restricted=False) | Q(pk__in=group_ids_of(user) | led_group_ids_of(user))


def visible_documents_q(user) -> Q:
    """Documents ``user`` may see: the sensitivity label decides."""
    public = Q(label=Document.Label.PUBLIC)
    if not bylaws.has_member_access(user):
        return public
    if _sees_everything(user):
        return Q()
    # A subquery, not a join on the groups: one row per document, so lists need no DISTINCT and count cheaply.
    in_my_groups = Document.groups.through.objects.filter(workinggroup_id__in=group_ids_of(user)).values("document_id")
    visible = public | Q(label=Document.Label.MEMBERS) | Q(label=Document.Label.GROUP, pk__in=in_my_groups)
    if bylaws.is_board(user):
        visible |= Q(label=Document.Label.BOARD)
    return visible


def group_readable(user, group) -> bool:
    """``readable_groups_q`` for one group: one policy, stated for lists and for one object."""
    if group is None or not bylaws.has_member_access(user):
        return False
    if _sees_everything(user) or bylaws.is_board(user) or not group.is_restricted:
        return True
    # A lead who is not (or no longer) a member still reads the group they lead, everywhere.
    return group.pk in group_ids_of(user) or group.pk in led_group_ids_of(user)


@rules.predicate
def can_read_group(user, group):
    return group_readable(user, group)


@rules.predicate
def is_group_member(user, group):
    return group is not None and bylaws.has_member_access(user) and group.pk in group_ids_of(user)


@rules.predicate
def leads_group(user, group):
    return group is not None and (_sees_everything(user) or group.pk in led_group_ids_of(user))


@rules.predicate
def group_is_open(user, group):
    return group is not None and group.archived_at is None


def document_visible(user, document) -> bool:
    """``visible_documents_q`` for one document; prefetch ``groups`` when checking many."""
    if document.label == Document.Label.PUBLIC:
        return True
    if not bylaws.has_member_access(user):
        return False
    if _sees_everything(user) or document.label == Document.Label.MEMBERS:
        return True
    if document.label == Document.Label.BOARD:
        return bylaws.is_board(user)
    if document.label == Document.Label.GROUP:
        return not group_ids_of(user).isdisjoint(group.pk for group in document.groups.all())
    return False


@rules.predicate
def can_view_document(user, document):
    return document is not None and document_visible(user, document)


def version_visible(user, version) -> bool:
    """The current version follows the document's label. Earlier versions never become public with it:
    a public document's older versions are for members (they were written before it was made public)."""
    document = version.document
    if not document_visible(user, document):
        return False
    if version.pk == document.current_version_id or document.label != Document.Label.PUBLIC:
        return True
    return bylaws.has_member_access(user)


@rules.predicate
def is_author(user, post):
    return post is not None and post.author_id == user.pk


@rules.predicate
def post_is_editable(user, post):
    return post is not None and post.hidden_at is None and thread_is_open(user, post.thread)


@rules.predicate
def may_replace_document(user, document):
    """New versions: the uploader, people of the originating organisation, leads of its groups, the secretariat.

    Board documents stay with the board and the secretariat.
    """
    if document is None:
        return False
    if _sees_everything(user):
        return True
    if document.label == Document.Label.BOARD:
        return bylaws.is_board(user)
    if document.uploaded_by_id == user.pk:
        return True
    # What the public reads is replaced only by those responsible for it: the uploader, the leads of its
    # groups and the secretariat – not by anyone of the originating organisation.
    public = document.label == Document.Label.PUBLIC
    if not public and document.organisation_id and document.organisation_id == user.organisation_id:
        return True
    return bool(led_group_ids_of(user) & set(document.groups.values_list("pk", flat=True)))


@rules.predicate
def thread_is_open(user, thread):
    return thread is not None and not thread.is_closed and thread.group.archived_at is None


@rules.predicate
def can_post_in_thread(user, thread):
    return thread is not None and is_group_member(user, thread.group)


@rules.predicate
def moderates_thread(user, thread):
    return thread is not None and leads_group(user, thread.group)


@rules.predicate
def moderates_post(user, post):
    return post is not None and leads_group(user, post.thread.group)


@rules.predicate
def has_member_access(user):
    return bylaws.has_member_access(user)


rules.add_perm("topics.read_group", can_read_group)
rules.add_perm("topics.post_in_group", is_group_member & group_is_open)
rules.add_perm("topics.moderate_group", leads_group)
rules.add_perm("topics.reply", can_post_in_thread & thread_is_open)
rules.add_perm("topics.moderate_thread", moderates_thread)
# Leads hide posts (with a reason); they do not rewrite other people's words.
rules.add_perm("topics.edit_post", is_author & post_is_editable)
rules.add_perm("topics.hide_post", moderates_post)
rules.add_perm("topics.view_document", can_view_document)
rules.add_perm("topics.view_document_version", rules.predicate(version_visible))
rules.add_perm("topics.upload_document", has_member_access)
rules.add_perm("topics.add_version", has_member_access & can_view_document & may_replace_document)


@rules.predicate
def is_board_or_secretariat(user):
    return bylaws.is_board(user) or bylaws.is_secretariat(user)


rules.add_perm("topics.upload_board_document", is_board_or_secretariat)


# --- Member inquiries ----------------------------------------------------------------


@rules.predicate
def can_read_inquiry(user, inquiry):
    return inquiry is not None and (inquiry.group_id is None or can_read_group(user, inquiry.group))


@rules.predicate
def can_answer_inquiry(user, inquiry):
    if inquiry is None or not inquiry.is_open or not bylaws.has_member_access(user):
        return False
    organisation = user.organisation
    if organisation is None or organisation.status != organisation.Status.ACTIVE:
        return False
    return inquiry.group_id is None or inquiry.group_id in group_ids_of(user)


@rules.predicate
def can_keep_inquiry(user, inquiry):
    return inquiry is not None and (inquiry.author_id == user.pk or _sees_everything(user))


rules.add_perm("topics.ask_inquiry", has_member_access)
rules.add_perm("topics.read_inquiry", has_member_access & can_read_inquiry)
rules.add_perm("topics.answer_inquiry", can_answer_inquiry)
rules.add_perm("topics.keep_inquiry", has_member_access & can_read_inquiry & can_keep_inquiry)
