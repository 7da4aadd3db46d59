"""Bounces arriving at a bounce address (VERP): read with flufl.bounce and the DSN's Status (RFC 3464).

A bounce address names one message the portal sent and is dated (mail.identity), so a bounce counts only
for a message the portal sent to that person lately, and once per message: a bounce address that leaked (it
is the Return-Path of every message a person receives) cannot be replayed to stop that person's mail.
Where the bounce returns the original headers, their Message-ID must be the message the address names.
"""

import email.parser
import email.policy
import logging

from mail import health
from mail.identity import BounceToken
from mail.models import InboundMessage

logger = logging.getLogger(__name__)


def _dsn_fields(message) -> list[dict[str, str]]:
    """The per-recipient blocks of an RFC 3464 delivery-status part."""
    blocks = []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        for block in part.get_payload():
            if hasattr(block, "items"):
                blocks.append({name.lower(): str(value) for name, value in block.items()})
    return blocks


def returned_message_ids(message) -> list[str]:
    """The Message-IDs of the returned message (its headers, or all of it), where the bounce includes them."""
    found = []
    for part in message.walk():
        if part.get_content_type() == "text/rfc822-headers":
            headers = email.parser.HeaderParser(policy=email.policy.default).parsestr(part.get_content())
        elif part.get_content_type() == "message/rfc822" and part.get_payload():
            headers = part.get_payload()[0]
        else:
            continue
        found += [str(value).strip() for value in headers.get_all("Message-ID", []) if str(value).strip()]
    return found


def classify_bounce(message) -> tuple[bool | None, set[str], str]:
    """(hard?, failed addresses, status): hard for 5.x.x, soft for 4.x.x, None when it is no bounce."""
    from flufl.bounce import all_failures

    try:
        temporary, permanent = all_failures(message)
    except Exception:  # noqa: BLE001  (a detector failing on odd input is no reason to lose the bounce)
        logger.warning("flufl.bounce failed on a message", exc_info=True)
        temporary, permanent = set(), set()
    addresses = {a.decode(errors="replace").lower() for a in (*temporary, *permanent)}
    statuses = []
    for block in _dsn_fields(message):
        if status := block.get("status", "").strip():
            statuses.append(status.split()[0])
        if final := block.get("final-recipient") or block.get("original-recipient"):
            addresses.add(final.split(";")[-1].strip().strip("<>").lower())
    status = ", ".join(statuses)
    # The status code decides where there is one (RFC 3464: 5.x.x permanent, 4.x.x transient); some servers
    # report a transient failure that they gave up on with Action: failed, which flufl.bounce calls permanent.
    if any(s.startswith("5") for s in statuses):
        return True, addresses, status
    if any(s.startswith("4") for s in statuses):
        return False, addresses, status
    if permanent or temporary:
        return bool(permanent), addresses, status
    return None, addresses, status


def _refusal(message, token: BounceToken) -> str:
    """Why this bounce does not count, or "" when it does."""
    if token.expired:
        return "bounce address expired"
    if any(not token.names(message_id) for message_id in returned_message_ids(message)):
        return "bounce names another message"
    return ""


def bounce_receive(message, record: InboundMessage, *, token: BounceToken, person) -> None:
    """Score the person's address for a genuine bounce; record what became of any other message."""
    hard, addresses, status = classify_bounce(message)
    record.person = person
    if hard is None:
        record.reason = "no bounce"  # e.g. an out-of-office answer sent to the envelope sender
    elif addresses and person.email.lower() not in addresses:
        record.reason = "bounce names another address"
    elif refusal := _refusal(message, token):
        record.reason = refusal
    elif not record.claim(token.key):
        record.reason = "bounce address used"  # this message's bounce counted already
    else:
        health.bounce_record(person=person, hard=hard, status=status)
        record.outcome = InboundMessage.Outcome.BOUNCE
        record.reason = f"{'hard' if hard else 'soft'} {status}".strip()
    record.save(update_fields=["person", "outcome", "reason"])
