"""Thin tasks of the mail path: ids in, a service does the work."""

import datetime

from celery import shared_task

from kernel.digest_schedule import current_period
from kernel.tasks import EMAIL_TASK, MAILING_BATCH_TASK, enqueue
from mail import delivery
from mail.digest.sending import dispatch, record, send_batch
from mail.imap import poll
from mail.inbound import refusal_send
from mail.posts import post_email_send, post_recipients
from topics.models import Post


@shared_task
def announce_post(post_id: int) -> None:
    """One task per recipient: a retry after an SMTP failure writes only to whoever did not get it."""

    post = Post.objects.select_related("thread__group").filter(pk=post_id).first()
    if post is None:
        return
    for person in post_recipients(post=post):
        enqueue(send_post, post_id, person.pk)


@shared_task(**EMAIL_TASK)
def send_post(self, post_id: int, person_id: int) -> None:
    post_email_send(post_id=post_id, person_id=person_id)


@shared_task(**EMAIL_TASK)
def send_refusal(self, to: str, reason: str, language: str, in_reply_to: str) -> None:
    refusal_send(to=to, reason=reason, language=language, in_reply_to=in_reply_to)


@shared_task
def poll_inbound_mail() -> int:
    """Beat task, only scheduled when INBOUND_IMAP_URL is set."""

    return poll()


# Named as in their first home (members.tasks): the beat schedule, queued messages and the outbox name them so.
@shared_task(name="members.tasks.dispatch_digests")
def dispatch_digests() -> int:
    """Hourly: queue the digests that are due (none twice; see mail.digest.sending)."""

    run = dispatch()
    return run.recipients if run else 0


@shared_task(name="members.tasks.send_digest_batch", **MAILING_BATCH_TASK)
def send_digest_batch(self, run_id: int | None, period: str, person_ids: list[int]) -> dict:
    """Send one batch; those whose sending failed (SMTP down) are retried with a growing pause."""

    sending = datetime.datetime.fromisoformat(period)
    outcome = send_batch(run_id=run_id, period=current_period(sending), person_ids=person_ids)
    # In-process (no worker, no scheduler) a failure is final for this run; the next hourly run picks it up.
    final = delivery.is_final(self, outcome)
    record(run_id, outcome, final=final)
    if not final:
        raise delivery.retry_later(self, args=(run_id, period, outcome["failed"]))
    return {key: len(ids) for key, ids in outcome.items()}
