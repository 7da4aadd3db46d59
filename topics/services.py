"""Changes in working groups: membership, follows, discussions, moderation, library."""

import os

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from kernel.markup import render_markdown
from kernel.tasks import enqueue
from kernel.text import german_slug
from topics.models import (
    Document,
    DocumentVersion,
    Follow,
    FormerGroupAddress,
    Membership,
    Post,
    Thread,
    ThreadVisit,
    WorkingGroup,
)
from topics.permissions import document_filing_errors
from topics.uploads import check_upload

# --- Membership and follows -------------------------------------------------------------


@transaction.atomic
def group_join(*, group: WorkingGroup, person) -> Membership:
    """Join an open group at once, or ask to join one that needs a lead's approval. Joining follows."""
    if group.archived_at is not None:
        raise PermissionDenied("group archived")
    status = (
        Membership.Status.ACTIVE if group.join_policy == WorkingGroup.JoinPolicy.OPEN else Membership.Status.REQUESTED
    )
    membership, created = Membership.objects.get_or_create(group=group, person=person, defaults={"status": status})
    if membership.status == Membership.Status.ACTIVE:
        Follow.objects.get_or_create(group=group, person=person)
    elif created:
        enqueue("topics.tasks.send_membership_notice", membership.pk, "requested")
    return membership


def group_leave(*, group: WorkingGroup, person) -> None:
    """Leaving also stops following (one can follow again without joining)."""
    Membership.objects.filter(group=group, person=person).delete()
    Follow.objects.filter(group=group, person=person).delete()


def membership_decline(*, membership: Membership) -> None:
    person_id, group_id = membership.person_id, membership.group_id
    membership.delete()
    enqueue("topics.tasks.send_membership_notice", None, "declined", person_id=person_id, group_id=group_id)


@transaction.atomic
def membership_approve(*, membership: Membership) -> None:
    membership.status = Membership.Status.ACTIVE
    membership.joined_at = timezone.now()
    membership.save(update_fields=["status", "joined_at"])
    Follow.objects.get_or_create(group=membership.group, person=membership.person)

    enqueue("topics.tasks.send_membership_notice", membership.pk, "accepted")


def group_follow(*, group: WorkingGroup, person, follow: bool) -> None:
    if follow:
        Follow.objects.get_or_create(group=group, person=person)
    else:
        Follow.objects.filter(group=group, person=person).delete()


def group_every_post(*, group: WorkingGroup, person, every_post: bool) -> None:
    """Every post of the group by email, or not; asking for it follows the group."""
    if every_post:
        Follow.objects.update_or_create(group=group, person=person, defaults={"every_post": True})
    else:
        Follow.objects.filter(group=group, person=person).update(every_post=False)


# --- Discussions ----------------------------------------------------------------------


@transaction.atomic
def thread_create(*, group: WorkingGroup, author, title: str, body: str) -> Thread:
    now = timezone.now()
    thread = Thread.objects.create(
        group=group, title=title.strip(), author=author, created_at=now, last_activity_at=now, post_count=1
    )
    opening = Post.objects.create(
        thread=thread, author=author, body=body, body_html=render_markdown(body), created_at=now, is_opening=True
    )
    thread_mark_seen(thread=thread, person=author, at=now)
    _announce(opening)
    return thread


@transaction.atomic
def post_create(*, thread: Thread, author, body: str, upload=None) -> Post:
    """A reply; an attached file becomes a document of the thread's group, visible to the group only."""
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    if locked.is_closed:
        raise PermissionDenied("thread closed")
    now = timezone.now()
    attachment = None
    if upload is not None:
        _kind, filename = check_upload(upload)
        attachment = document_create(
            uploaded_by=author,
            upload=upload,
            groups=[locked.group],
            title=os.path.splitext(filename)[0][:200] or filename,
            label=Document.Label.GROUP,
            year=timezone.localdate().year,
            organisation=author.organisation,
        )
    post = Post.objects.create(
        thread=locked, author=author, body=body, body_html=render_markdown(body), created_at=now, attachment=attachment
    )
    Thread.objects.filter(pk=locked.pk).update(last_activity_at=now, post_count=F("post_count") + 1)
    thread_mark_seen(thread=locked, person=author, at=now)
    _announce(post)
    return post


def _announce(post: Post) -> None:
    """Whoever asked for every post of the group gets this one by email, after the commit."""

    enqueue("mail.tasks.announce_post", post.pk)


def post_edit(*, post: Post, body: str) -> Post:
    post.body = body
    post.body_html = render_markdown(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    return post


def post_admin_save(*, post: Post, changed: list[str]) -> Post:
    """A post saved in the admin: the shown HTML is rendered again from the changed text, never left stale."""
    if post.pk is None or "body" in changed:
        post.body_html = render_markdown(post.body)
        if post.pk is not None:
            post.edited_at = timezone.now()
    post.save()
    return post


def post_hide(*, post: Post, reason: str) -> Post:
    post.hidden_at = timezone.now()
    post.hidden_reason = reason.strip()
    post.save(update_fields=["hidden_at", "hidden_reason"])
    return post


def post_unhide(*, post: Post) -> Post:
    post.hidden_at = None
    post.hidden_reason = ""
    post.save(update_fields=["hidden_at", "hidden_reason"])
    return post


def thread_set_flags(*, thread: Thread, pinned: bool | None = None, closed: bool | None = None) -> Thread:
    if pinned is not None:
        thread.is_pinned = pinned
    if closed is not None:
        thread.is_closed = closed
    thread.save(update_fields=["is_pinned", "is_closed"])
    return thread


def thread_mark_seen(*, thread: Thread, person, at=None) -> None:
    ThreadVisit.objects.update_or_create(thread=thread, person=person, defaults={"seen_at": at or timezone.now()})


# --- Library --------------------------------------------------------------------------


@transaction.atomic
def document_create(*, uploaded_by, upload, groups, **fields) -> Document:
    """A new document with its first version. The upload is checked by content (topics.uploads); who may
    file which label for which groups is the rule in topics.permissions, whoever calls this."""
    errors = document_filing_errors(uploaded_by, label=fields.get("label"), groups=groups)
    if errors:
        raise ValidationError(errors)
    kind, filename = check_upload(upload)
    document = Document.objects.create(uploaded_by=uploaded_by, **fields)
    document.groups.set(groups)
    _add_version(document=document, upload=upload, kind=kind, filename=filename, uploaded_by=uploaded_by)
    return document


@transaction.atomic
def document_add_version(*, document: Document, upload, uploaded_by) -> DocumentVersion:
    """A new version becomes current; the old ones stay available."""
    kind, filename = check_upload(upload)
    locked = Document.objects.select_for_update().get(pk=document.pk)
    return _add_version(document=locked, upload=upload, kind=kind, filename=filename, uploaded_by=uploaded_by)


def _add_version(*, document, upload, kind, filename, uploaded_by) -> DocumentVersion:
    number = (document.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        filename=filename,
        content_type=kind.content_type,
        size=upload.size,
        uploaded_by=uploaded_by,
    )
    version.file.save(filename, upload, save=False)
    version.save()
    Document.objects.filter(pk=document.pk).update(current_version=version)
    document.current_version = version
    return version


def group_readdress(*, group: WorkingGroup) -> None:
    """The group's short name made from its name, German words kept readable ("strassenkriminalitaet-…");
    the one it had before stays as a former address whose pages lead to the new ones. Saved with the group."""
    base = german_slug(group.name) or "arbeitsgruppe"
    new, number = base, 1
    while WorkingGroup.objects.filter(slug=new).exclude(pk=group.pk).exists():
        number += 1
        new = f"{base[:75]}-{number}"
    if group.pk and group.slug and group.slug != new:
        FormerGroupAddress.objects.update_or_create(slug=group.slug, defaults={"group": group})
    FormerGroupAddress.objects.filter(slug=new).delete()  # the address in use again is no longer a former one
    group.slug = new


def group_current_slug(*, slug: str) -> str | None:
    """The current short name of the group that had ``slug`` before, if any."""
    former = FormerGroupAddress.objects.filter(slug=slug).select_related("group").first()
    return former.group.slug if former else None
