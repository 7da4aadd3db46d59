"""Who may read, post and moderate in working groups, and who may see which document.

One rule each, asked everywhere the same way: views and templates use
``user.has_perm("topics.…", obj)``. Who sees which group and document is stated once in
``topics.policies`` (the list filter and the object check come from the same definition).
"""

import rules
from django.utils.translation import gettext_lazy as _

from members import bylaws
from members.bylaws import has_member_access, is_board_or_secretariat, is_secretariat
from topics.models import Document, WorkingGroup
from topics.policies.documents import version_visible, visible_documents
from topics.policies.inquiries import readable_inquiries
from topics.policies.memberships import group_ids_of, led_group_ids_of, open_groups_of


@rules.predicate
def is_group_member(user, group):
    return group is not None and bylaws.has_member_access(user) and group.pk in group_ids_of(user)


@rules.predicate
def leads_group(user, group):
    return group is not None and (is_secretariat(user) or group.pk in led_group_ids_of(user))


@rules.predicate
def group_is_open(user, group):
    return group is not None and group.archived_at is None


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
    if is_secretariat(user):
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


rules.add_perm("topics.post_in_group", is_group_member & group_is_open)
rules.add_perm("topics.moderate_group", leads_group)
rules.add_perm("topics.reply", can_post_in_thread & thread_is_open)
rules.add_perm("topics.moderate_thread", moderates_thread)
# Leads hide posts (with a reason); they do not rewrite other people's words.
rules.add_perm("topics.edit_post", is_author & post_is_editable)
rules.add_perm("topics.hide_post", moderates_post)
# A hidden post stays readable for its author (to see what was hidden) and the leads (to show it again).
rules.add_perm("topics.read_hidden_post", is_author | moderates_post)
rules.add_perm("topics.view_document_version", rules.predicate(version_visible))
rules.add_perm("topics.upload_document", has_member_access)
rules.add_perm("topics.add_version", has_member_access & visible_documents.predicate & may_replace_document)
rules.add_perm("topics.upload_board_document", is_board_or_secretariat)


def filing_groups(user):
    """The groups ``user`` may file a document for: the open groups they work in (the secretariat: any)."""
    if user.has_perm("members.change_mandate"):
        return WorkingGroup.objects.filter(archived_at__isnull=True)
    return open_groups_of(user)


def filing_labels(user) -> list[str]:
    """The sensitivity labels ``user`` may file a document with (the form offers only these)."""
    labels = list(Document.Label.values)
    if user is not None and not user.has_perm("topics.upload_board_document"):
        labels.remove(Document.Label.BOARD)
    return labels


def document_filing_errors(user, *, label, groups) -> dict[str, str]:
    """Why ``user`` may not file a document with ``label`` for ``groups`` (field → message; empty: they may).

    The upload form (and its group chooser) asks it, and so does ``topics.services.document_create``: the rule
    holds whoever writes. ``user`` is None for documents the system files itself (demo data, imports)."""
    errors = {}
    if label == Document.Label.GROUP and not groups:
        errors["groups"] = _("A document for a working group needs at least one working group.")
    chosen = {group.pk for group in groups or ()}
    if user is not None and chosen and filing_groups(user).filter(pk__in=chosen).count() != len(chosen):
        errors["groups"] = _("You can file documents only for the working groups you belong to.")
    if label and label not in filing_labels(user):
        errors["label"] = _("Only the board and the secretariat can file board documents.")
    return errors


# --- Member inquiries ----------------------------------------------------------------


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
    return inquiry is not None and (inquiry.author_id == user.pk or is_secretariat(user))


rules.add_perm("topics.ask_inquiry", has_member_access)
rules.add_perm("topics.answer_inquiry", can_answer_inquiry)
rules.add_perm("topics.keep_inquiry", readable_inquiries.predicate & can_keep_inquiry)
