"""Every post by email: who gets a new discussion or reply at once, and the email itself."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from kernel.emails import absolute_url, build_email
from kernel.viewer import prime
from mail.models import PostDelivery
from members.models import User
from topics.models import Follow, Post


def post_recipients(*, post: Post) -> list[User]:
    """Those who chose every post of the group and may read it today; never the author. A fixed number of
    queries, however many people."""
    group = post.thread.group
    people = [
        follow.person
        for follow in Follow.objects.filter(group=group, every_post=True, person__is_active=True)
        .exclude(person_id=post.author_id)
        .select_related("person__organisation")
    ]
    prime(people, "offices", "group_ids")
    return [person for person in people if person.has_perm("topics.read_group", group)]


def _claim(*, post_id: int, person_id: int) -> bool:
    try:
        with transaction.atomic():
            PostDelivery.objects.create(post_id=post_id, person_id=person_id)
    except IntegrityError:
        return False
    return True


def post_email_send(*, post_id: int, person_id: int) -> bool:
    """Send one post to one person, once; checks again that they may still read it. Returns whether sent."""
    post = Post.objects.select_related("thread__group", "author").filter(pk=post_id, hidden_at__isnull=True).first()
    person = User.objects.select_related("organisation", "address_health").filter(pk=person_id, is_active=True).first()
    if post is None or person is None or not person.has_perm("topics.read_group", post.thread.group):
        return False
    if not _claim(post_id=post_id, person_id=person_id):
        return False  # already sent by another run
    thread = post.thread
    may_reply = person.has_perm("topics.reply", thread)
    thread_url = absolute_url(reverse("thread_detail", args=[thread.group.slug, thread.pk]))
    message = build_email(
        "post",
        to=person.email,
        language=person.language,
        person=person,
        thread_id=thread.pk,
        reply_as=person if may_reply else None,
        context={
            "post": post,
            "thread": thread,
            "group": thread.group,
            "thread_url": thread_url,
            "person": person,
            "reply_possible": may_reply,
        },
    )
    try:
        message.send()
    except Exception:
        # Not delivered: let the retry claim it again.
        PostDelivery.objects.filter(post_id=post_id, person_id=person_id).delete()
        raise
    PostDelivery.objects.filter(post_id=post_id, person_id=person_id).update(sent_at=timezone.now())
    return True
