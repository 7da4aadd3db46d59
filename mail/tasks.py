"""Thin tasks of the mail path: ids in, a service does the work."""

from celery import shared_task

RETRY = {"autoretry_for": (OSError,), "retry_backoff": 30, "retry_backoff_max": 3600, "max_retries": 10}


@shared_task
def announce_post(post_id: int) -> None:
    """One task per recipient: a retry after an SMTP failure writes only to whoever did not get it."""
    from defus.lib.tasks import enqueue
    from mail.posts import post_recipients
    from topics.models import Post

    post = Post.objects.select_related("thread__group").filter(pk=post_id).first()
    if post is None:
        return
    for person in post_recipients(post=post):
        enqueue(send_post, post_id, person.pk)


@shared_task(bind=True, **RETRY)
def send_post(self, post_id: int, person_id: int) -> None:
    from mail.posts import post_email_send

    post_email_send(post_id=post_id, person_id=person_id)


@shared_task(bind=True, **RETRY)
def send_refusal(self, to: str, reason: str, language: str, in_reply_to: str) -> None:
    from mail.inbound import refusal_send

    refusal_send(to=to, reason=reason, language=language, in_reply_to=in_reply_to)


@shared_task
def poll_inbound_mail() -> int:
    """Beat task, only scheduled when INBOUND_IMAP_URL is set."""
    from mail.imap import poll

    return poll()
