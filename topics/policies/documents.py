"""Which documents a person may see (the sensitivity label decides), and which of their versions."""

from django.db.models import Q

from kernel.policy import policy
from members import bylaws
from topics.models import Document
from topics.policies.memberships import group_ids_of


@policy(Document, perm="topics.view_document")
def visible_documents(user) -> Q:
    """Public for everyone; members' documents for members; a group's for its members; board papers for the
    board; everything for the secretariat. Checking many documents: prefetch ``groups``."""
    public = Q(label=Document.Label.PUBLIC)
    if not bylaws.has_member_access(user):
        return public
    if bylaws.is_secretariat(user):
        return Q()
    # The label first (Q(a=…, b=…) would sort the lookups and read the groups first): a document of another
    # label is decided without loading its groups.
    in_my_groups = Q(label=Document.Label.GROUP) & Q(groups__in=group_ids_of(user))
    visible = public | Q(label=Document.Label.MEMBERS) | in_my_groups
    if bylaws.is_board(user):
        visible |= Q(label=Document.Label.BOARD)
    return visible


def version_visible(user, version) -> bool:
    """The current version follows the document's label. Earlier versions never become public with it:
    a public document's older versions are for members (they were written before it was made public)."""
    document = version.document
    if not visible_documents.check(user, document):
        return False
    if version.pk == document.current_version_id or document.label != Document.Label.PUBLIC:
        return True
    return bylaws.has_member_access(user)
