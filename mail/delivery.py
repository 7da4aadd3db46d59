"""Claim a delivery once, send it, record what became of it, retry what failed: the one mechanism behind every
mass mailing (the digest, circulars); the claim itself is kernel.claims, as for every sending done once.

A delivery record is one row per recipient (and period or circular) with a ``status`` among the values below,
a ``claim`` token, ``claimed_at``, ``attempts``, ``error`` and ``sent_at``. A batch first *claims* its rows with
a conditional UPDATE (only one of two racing workers can win a row), then composes its messages in a fixed
number of queries, then sends them over one SMTP connection and writes each outcome back. Whatever goes wrong
leaves no row stuck as "being sent": a composing error gives the claims back as failed, an SMTP error marks
the rows it hit failed, and the next attempt claims them again.
"""

import contextlib
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db.models import QuerySet

from kernel import claims

logger = logging.getLogger(__name__)


def send_claimed(
    deliveries: QuerySet,
    person_ids: list[int],
    compose: Callable[[list[int]], dict[int, EmailMessage | None]],
    *,
    what: str,
) -> dict[str, list[int]]:
    """Compose and send the claimed deliveries of ``person_ids`` (rows of ``deliveries``) over one connection.

    ``compose`` returns a message per person id, or None for someone with nothing to get (recorded as skipped).
    Returns person ids by outcome: sent, skipped, failed.
    """
    outcome = {"sent": [], "skipped": [], "failed": []}
    if not person_ids:
        return outcome
    mine = deliveries.filter(person_id__in=person_ids)
    try:
        composed = compose(person_ids)
    except Exception as exc:
        # Nothing was sent: give the claims back as failed, so the next attempt takes them (none stays stuck).
        mine.filter(status=claims.CLAIMED).update(**claims.failed_values(exc))
        raise
    messages = {pk: message for pk, message in composed.items() if message is not None}
    outcome["skipped"] = [pk for pk, message in composed.items() if message is None]
    error = ""
    if messages:
        connection = mailers["default"]  # one connection for the whole batch
        try:
            connection.open()
        except OSError as exc:
            error = claims.describe(exc)
            outcome["failed"] = list(messages)
        else:
            try:
                for person_id, message in messages.items():
                    try:
                        connection.send_messages([message])
                    except OSError as exc:
                        error = claims.describe(exc)
                        outcome["failed"].append(person_id)
                    else:
                        outcome["sent"].append(person_id)
            finally:
                with contextlib.suppress(OSError):  # the server went away: nothing more to close
                    connection.close()
    for status, ids in ((claims.SENT, outcome["sent"]), (claims.SKIPPED, outcome["skipped"])):
        if ids:
            mine.filter(person_id__in=ids).update(**claims.sent_values(status))
    if outcome["failed"]:
        logger.warning("%s failed for %d people, will retry: %s", what, len(outcome["failed"]), error)
        mine.filter(person_id__in=outcome["failed"]).update(**claims.failed_values(error))
    return outcome


def batches(ids: list[int]) -> list[list[int]]:
    """Recipients in batches of DIGEST_BATCH_SIZE: one task (and one SMTP connection) each."""
    size = settings.DIGEST_BATCH_SIZE
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def is_final(task, outcome: dict[str, list[int]]) -> bool:
    """Whether this attempt of a batch task is its last: nothing failed, no retry is left (the task's own
    max_retries), or there is no worker to retry (in-process, the hourly run picks the failures up)."""
    return not outcome["failed"] or task.request.is_eager or task.request.retries >= task.max_retries


def retry_later(task, *, args: tuple):
    """Retry the task (with ``args`` naming only those whose sending failed), after a pause that doubles each time."""
    return task.retry(args=args, countdown=settings.DIGEST_RETRY_BACKOFF * 2**task.request.retries)
