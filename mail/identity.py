"""The portal's outgoing identity, in one place: Message-IDs, threading headers, personal reply and bounce addresses.

Reply and bounce addresses carry a signed token in the local part, so an incoming message names its
person (and thread) without any lookup table and cannot be forged:

- reply address ``r<token>@REPLY_DOMAIN``: person, thread, the day it was issued, the message it came with,
  and an HMAC;
- bounce address (the envelope sender, VERP) ``b<token>@REPLY_DOMAIN``: person, the day, the message, and an HMAC.

Both name the one message they were issued with (a short hash of its Message-ID), so each is used once
(``InboundMessage.token_key``): one post per notification, one bounce per message sent; and both are dated,
so a leaked address stops working. Tokens are lower-case base32 (some MTAs lower-case local parts), at most
40 characters, well within the 64 a local part may have, and only the exact spelling the portal issued is
read: base32 decodes upper case, padding and the unused bits of the last character too, and every such
variant would be another address for the same token. Each kind is signed with its own salt, so one can never
pass for the other.
"""

import base64
import binascii
import datetime
import email.utils
import hashlib
import hmac
import struct
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from mail import health

REPLY_VALID_DAYS = 90
# Bounces come back within the retry time of the remote MTAs (Postfix and Exim: five days, sendmail five).
BOUNCE_VALID_DAYS = 14
_EPOCH = datetime.date(2020, 1, 1)
_MAC_BYTES = 10
_SALTS = {"r": "defus.mail.reply-address", "b": "defus.mail.bounce-address"}
_LAYOUTS = {"r": ">IIH4s", "b": ">IH4s"}  # person, (thread,) day since _EPOCH, message reference


def portal_domain() -> str:
    """The host of SITE_URL: Message-IDs name the portal itself, never localhost or the machine's name."""
    return urlsplit(settings.SITE_URL).hostname


def new_message_id() -> str:
    return email.utils.make_msgid(domain=portal_domain())


def thread_root_id(thread_id: int) -> str:
    """One stable id per discussion: every email about it refers to this, so mail clients group them."""
    return f"<thread-{thread_id}@{portal_domain()}>"


def message_ref(message_id: str) -> bytes:
    """Four bytes naming one outgoing message: enough to tell it from the others sent to the same person."""
    return hashlib.sha256(message_id.strip().strip("<>").encode("utf-8", "replace")).digest()[:4]


# --- Signed tokens ---------------------------------------------------------------------


def _b32(raw: bytes) -> str:
    return base64.b32encode(raw).decode().rstrip("=").lower()


def _mac(kind: str, payload: bytes) -> bytes:
    return salted_hmac(_SALTS[kind], payload, algorithm="sha256").digest()[:_MAC_BYTES]


def _sign(kind: str, payload: bytes) -> str:
    return kind + _b32(payload + _mac(kind, payload))


def _verify(kind: str, token: str) -> tuple | None:
    """The payload's fields, for the exact token the portal issued and nothing else."""
    size = struct.calcsize(_LAYOUTS[kind])
    if not token.startswith(kind) or len(token) != len(_b32(bytes(size + _MAC_BYTES))) + 1:
        return None
    try:
        raw = base64.b32decode(token[1:].upper() + "=" * (-(len(token) - 1) % 8))
    except (ValueError, binascii.Error):
        return None
    payload, mac = raw[:size], raw[size:]
    if not hmac.compare_digest(mac, _mac(kind, payload)) or _sign(kind, payload) != token:
        return None  # forged, or a second spelling of a genuine token
    return struct.unpack(_LAYOUTS[kind], payload)


def _day(date: datetime.date) -> int:
    return (date - _EPOCH).days


@dataclass(frozen=True)
class ReplyToken:
    person_id: int
    thread_id: int
    issued: datetime.date
    ref: bytes

    @property
    def expired(self) -> bool:
        return timezone.localdate() - self.issued > datetime.timedelta(days=REPLY_VALID_DAYS)

    @property
    def key(self) -> str:
        """What makes it used: one post per person and notification."""
        return f"r{self.person_id}-{self.ref.hex()}"


@dataclass(frozen=True)
class BounceToken:
    person_id: int
    issued: datetime.date
    ref: bytes

    @property
    def expired(self) -> bool:
        return timezone.localdate() - self.issued > datetime.timedelta(days=BOUNCE_VALID_DAYS)

    @property
    def key(self) -> str:
        """What makes it used: one bounce per message sent."""
        return f"b{self.person_id}-{self.ref.hex()}"

    def names(self, message_id: str) -> bool:
        return hmac.compare_digest(message_ref(message_id), self.ref)


def reply_address(*, person_id: int, thread_id: int, message_id: str) -> str:
    payload = struct.pack(_LAYOUTS["r"], person_id, thread_id, _day(timezone.localdate()), message_ref(message_id))
    return f"{_sign('r', payload)}@{settings.REPLY_DOMAIN}"


def bounce_address(*, person_id: int, message_id: str) -> str:
    payload = struct.pack(_LAYOUTS["b"], person_id, _day(timezone.localdate()), message_ref(message_id))
    return f"{_sign('b', payload)}@{settings.REPLY_DOMAIN}"


def read_address(address: str) -> ReplyToken | BounceToken | None:
    """The token of one of our reply or bounce addresses, or None for anything not ours, not genuine or not
    spelled exactly as issued (no capitals, no ``+extension``)."""
    local, _at, domain = address.strip().strip("<>").rpartition("@")
    if domain.lower() != settings.REPLY_DOMAIN or not local:
        return None
    if (fields := _verify("r", local)) is not None:
        person_id, thread_id, day, ref = fields
        return ReplyToken(person_id, thread_id, _EPOCH + datetime.timedelta(days=day), ref)
    if (fields := _verify("b", local)) is not None:
        person_id, day, ref = fields
        return BounceToken(person_id, _EPOCH + datetime.timedelta(days=day), ref)
    return None


# --- Stamping an outgoing message ------------------------------------------------------


def stamp(message, *, person=None, thread_id: int | None = None, reply_as=None, even_if_bouncing=False) -> None:
    """Give an outgoing message its identity: Message-ID on the portal's domain, the threading headers
    of a discussion, a personal Reply-To, and as envelope sender a bounce address naming the recipient and
    this message. Both addresses name the message by its Message-ID, so each is used up by one answer.

    The header ``From`` stays the portal's address. A recipient whose address bounces too often
    (mail.health) is dropped, so the message is not sent at all.
    """

    headers = message.extra_headers
    headers.setdefault("From", message.from_email)
    message_id = headers.setdefault("Message-ID", new_message_id())
    if thread_id is not None:
        root = thread_root_id(thread_id)
        headers.setdefault("In-Reply-To", root)
        headers.setdefault("References", root)
    if len(message.to) != 1:
        return
    person = person or health.person_for(message.to[0])
    if person is None:
        return
    if not even_if_bouncing and health.is_suppressed(person):
        message.to = []
        return
    message.from_email = bounce_address(person_id=person.pk, message_id=message_id)
    if reply_as is not None and thread_id is not None:
        message.reply_to = [reply_address(person_id=reply_as.pk, thread_id=thread_id, message_id=message_id)]
