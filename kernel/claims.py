"""Claim once, send, record: the one mechanism behind everything the portal sends exactly once.

A row stands for one sending (a digest or circular delivery, a convening notice's delivery, an invoice). It is
*claimed* with a conditional UPDATE before anything goes out: of two workers, a re-delivered task or a retry
racing for the same row, only one changes it, and only that one sends. Then the outcome is written back; a failure
gives the row back, so the task's retry (or the hourly run) claims it again.

Delivery rows (``defus.models.Delivery``) carry ``status``, ``claim`` (the claiming attempt's token),
``claimed_at``, ``attempts``, ``error`` and ``sent_at``; ``claim_values``, ``sent_values`` and ``failed_values``
are what a claim, a sending and a failure write there. A record without them (an invoice: ``sent_at`` alone)
claims with its own values through ``send_once``. The mass mailings' batches (the digest, circulars) claim many
rows with one token and send over one connection: ``mail.delivery``.
"""

import uuid
from collections.abc import Callable

from django.db.models import F, Q, QuerySet
from django.utils import timezone

# The statuses of a delivery row (each model offers those it uses among its choices).
PENDING = "pending"
CLAIMED = "claimed"
SENT = "sent"
SKIPPED = "skipped"
FAILED = "failed"


def describe(exc: BaseException) -> str:
    """An error as a delivery row keeps it (its ``error`` holds 300 characters)."""
    return f"{type(exc).__name__}: {exc}"[:300]


def claim_values(token: uuid.UUID) -> dict:
    """What claiming a delivery row writes: being sent, by ``token``'s attempt, one attempt more."""
    return {"status": CLAIMED, "claim": token, "claimed_at": timezone.now(), "attempts": F("attempts") + 1}


def sent_values(status: str = SENT) -> dict:
    return {"status": status, "sent_at": timezone.now(), "error": ""}


def failed_values(exc: BaseException | str) -> dict:
    return {"status": FAILED, "error": exc[:300] if isinstance(exc, str) else describe(exc)}


def claim(claimable: QuerySet, *, token: uuid.UUID, **also) -> int:
    """Take the ``claimable`` delivery rows for ``token``; ``also`` sets further fields. Returns how many it took."""
    return claimable.update(**claim_values(token), **also)


def claimed_by(deliveries: QuerySet, token: uuid.UUID) -> list[int]:
    """The people whose rows ``token`` holds: whom this attempt may send to."""
    return list(deliveries.filter(claim=token, status=CLAIMED).values_list("person_id", flat=True))


def send_once(
    row: QuerySet,
    send: Callable[[], object],
    *,
    claimable: Q,
    claim: dict,
    failed: Callable[[BaseException], dict],
    sent: Callable[[], dict] | None = None,
) -> bool:
    """Claim the one record of ``row`` where it is ``claimable`` (writing ``claim``), call ``send``, then write
    ``sent()``; False, and nothing sent, when another attempt holds the record or it went out already.

    When ``send`` raises, ``failed(exc)`` is written (the record is claimable again) and the error goes on to the
    task, whose retry claims it anew. A delivery row's ``claim`` token keeps a late attempt from writing over the
    outcome of a newer one.
    """
    if not row.filter(claimable).update(**claim):
        return False
    held = row.filter(claim=claim["claim"]) if "claim" in claim else row
    try:
        send()
    except Exception as exc:
        held.update(**failed(exc))
        raise
    if sent is not None:
        held.update(**sent())
    return True


def send_delivery(row: QuerySet, send: Callable[[], object], *, claimable_statuses=(PENDING, FAILED)) -> bool:
    """``send_once`` for one delivery row: waiting or failed → being sent → sent (or failed, to be retried)."""
    return send_once(
        row,
        send,
        claimable=Q(status__in=claimable_statuses),
        claim=claim_values(uuid.uuid4()),
        failed=failed_values,
        sent=sent_values,
    )
