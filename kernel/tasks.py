"""Queue Celery tasks once the surrounding transaction has committed, and never lose one.

A task queued inside a transaction could run before the rows it reads exist
(or after they were rolled back); on_commit closes that gap.

When the broker (Redis) cannot take the task, the request still succeeds: the task
name and its arguments go into the outbox table (``kernel.outbox.OutboxTask``) and
``outbox_flush`` publishes them once the broker is back. Publishing gives up quickly
(see CELERY_TASK_PUBLISH_RETRY_POLICY and CELERY_BROKER_TRANSPORT_OPTIONS) so a page
never hangs on a broker that is down.
"""

import logging
from functools import partial

import redis.exceptions
from celery import current_app
from django.db import transaction
from kombu.exceptions import OperationalError

from kernel.outbox import OutboxTask

logger = logging.getLogger(__name__)

# The one option set of every task that sends e-mail (or reaches another server): a network error (OSError, which
# smtplib's errors are) is retried after a pause that doubles, from 30 seconds up to an hour, ten times; the task is
# acknowledged only once it has run, so a worker stopped in the middle leaves it to the next one (each sending is
# claimed first, kernel.claims, so a second run sends nothing twice). ``@shared_task(**EMAIL_TASK)``.
EMAIL_TASK = {
    "bind": True,
    "autoretry_for": (OSError,),
    "retry_backoff": 30,
    "retry_backoff_max": 3600,
    "max_retries": 10,
    "acks_late": True,
}
# A mass mailing's batch task (the digest, circulars) retries by itself, naming only the recipients whose sending
# failed (mail.delivery.retry_later), so it takes no automatic retry: only the same bound, late-acknowledged task.
MAILING_BATCH_TASK = {"bind": True, "max_retries": 8, "acks_late": True}

# What a broker that is down or unreachable raises while publishing.
BROKER_ERRORS = (OperationalError, redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


def enqueue(task, *args, **kwargs) -> None:
    """Queue ``task`` (its registered name, e.g. ``"events.tasks.send_reminder"``) after the commit.

    Services name the task instead of importing it, so a tasks module may import its services
    at the top and no import circle needs working around. An unknown name fails here, at once.
    """
    if isinstance(task, str):
        task = task_named(task)
    transaction.on_commit(partial(_publish_or_keep, task, list(args), kwargs))


def task_named(name: str):
    """The registered task called ``name``; the apps' tasks modules are imported on first use."""
    app = current_app._get_current_object()
    if name not in app.tasks:
        app.loader.import_default_modules()
    try:
        return app.tasks[name]
    except KeyError:
        raise LookupError(f"No task is registered as {name!r}") from None


def _publish_or_keep(task, args: list, kwargs: dict) -> None:
    if task.app.conf.task_always_eager:
        # No broker (local demo, tests): the task runs in-process and its errors are its own.
        task.apply_async(args, kwargs)
        return
    try:
        task.apply_async(args, kwargs)
    except BROKER_ERRORS as exc:
        logger.warning("Broker unavailable, %s kept in the outbox: %s", task.name, exc)
        OutboxTask.objects.create(task=task.name, args=args, kwargs=kwargs, last_error=str(exc)[:1000])


def _publish(name: str, args: list, kwargs: dict) -> None:
    app = current_app._get_current_object()
    task = app.tasks.get(name)
    if task is None:
        # A task renamed since it was kept: publish by name, the worker knows it (or reports it unknown).
        app.send_task(name, args=args, kwargs=kwargs)
    else:
        task.apply_async(args, kwargs)


def outbox_flush(*, limit: int = 1000) -> int:
    """Publish kept tasks, oldest first; returns how many left the outbox.

    Each row is claimed with SKIP LOCKED, so flushes running side by side never publish
    the same row twice; it is deleted in the same transaction as its publication. While
    the broker is still down the flush stops at the first failure and tries again later.
    """

    published = 0
    while published < limit:
        with transaction.atomic():
            row = OutboxTask.objects.select_for_update(skip_locked=True).order_by("pk").first()
            if row is None:
                break
            try:
                _publish(row.task, row.args, row.kwargs)
            except BROKER_ERRORS as exc:
                row.attempts += 1
                row.last_error = str(exc)[:1000]
                row.save(update_fields=["attempts", "last_error"])
                logger.warning("Broker still unavailable, %s outbox tasks wait", OutboxTask.objects.count())
                break
            row.delete()
            published += 1
    if published:
        logger.info("Published %s tasks from the outbox", published)
    return published
