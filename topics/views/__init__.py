"""Working groups, discussions, the library and member inquiries. Thin: a form validates, a service changes."""

from topics.views.groups import group_detail, group_list, group_membership, membership_approve
from topics.views.inquiries import inquiry_create, inquiry_csv, inquiry_detail, inquiry_keep, inquiry_list
from topics.views.library import document_add_version, document_detail, document_download, document_upload, library
from topics.views.threads import post_edit, post_hide, thread_create, thread_detail, thread_moderate

__all__ = [
    "document_add_version",
    "document_detail",
    "document_download",
    "document_upload",
    "group_detail",
    "group_list",
    "group_membership",
    "inquiry_create",
    "inquiry_csv",
    "inquiry_detail",
    "inquiry_keep",
    "inquiry_list",
    "library",
    "membership_approve",
    "post_edit",
    "post_hide",
    "thread_create",
    "thread_detail",
    "thread_moderate",
]
