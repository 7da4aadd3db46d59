"""Working groups: a space per theme with members, discussions, a document library and follows.

Leads come from offices (members.Mandate with role working_group_lead).
"""

from topics.models.discussions import Post, Thread, ThreadVisit
from topics.models.groups import Follow, FormerGroupAddress, Membership, WorkingGroup
from topics.models.inquiries import Inquiry, InquiryAnswer
from topics.models.library import Document, DocumentVersion, _version_path

__all__ = [
    "WorkingGroup",
    "FormerGroupAddress",
    "Membership",
    "Follow",
    "Thread",
    "Post",
    "ThreadVisit",
    "Document",
    "_version_path",
    "DocumentVersion",
    "Inquiry",
    "InquiryAnswer",
]
