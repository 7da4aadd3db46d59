"""The portal's outgoing identity, in one place: Message-IDs, threading headers, personal reply and bounce addresses.

Reply and bounce addresses carry a signed token in the local part, so an incoming message names its
person (and thread) without any lookup table and cannot be forged:

- reply address ``r<token>@REPLY_DOMAIN``: person, thread, the day it was issued, and an HMAC;
- bounce address (the envelope sender, VERP) ``b<token>@REPLY_DOMAIN``: person and an HMAC.

Tokens are lower-case base32 (some MTAs lower-case local parts) and at most 34 characters, well within
the 64 a local part may have. Each kind is signed with its own salt, so one can never pass for the other.
"""

import base64
import datetime
import email.utils
import hmac
import struct
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from mail import health

REPLY_VALID_DAYS = 90
_EPOCH = datetime.date(2020, 1, 1)
_MAC_BYTES = 10
_SALTS = {"r": "defus.mail.reply-address", "b": "defus.mail.bounce-address"}


def portal_domain() -> str:
    """The host of SITE_URL: Message-IDs name the portal itself, never localhost or the machine's name."""
    return urlsplit(settings.SITE_URL).hostname


def new_message_id() -> str:
    return email.utils.make_msgid(domain=portal_domain())


def thread_root_id(thread_id: int) -> str:
    """One stable id per discussion: every email about it refers to this, so mail clients group them."""
    return f"<thread-{thread_id}@{portal_domain()}>"


# --- Signed tokens ---------------------------------------------------------------------


def _b32(raw: bytes) -> str:
    return base64.b32encode(raw).decode().rstrip("=").lower()


def _unb32(text: str) -> bytes:
    text = text.upper()
    return base64.b32decode(text + "=" * (-len(text) % 8))


def _mac(kind: str, payload: bytes) -> bytes:
    return salted_hmac(_SALTS[kind], payload, algorithm="sha256").digest()[:_MAC_BYTES]


def _sign(kind: str, payload: bytes) -> str:
    return kind + _b32(payload + _mac(kind, payload))


def _verify(kind: str, token: str, size: int) -> bytes | None:
    token = token.lower()
    if not token.startswith(kind):
        return None
    try:
        raw = _unb32(token[1:])
    except (ValueError, base64.binascii.Error):
        return None
    if len(raw) != size + _MAC_BYTES:
        return None
    payload, mac = raw[:size], raw[size:]
    return payload if hmac.compare_digest(mac, _mac(kind, payload)) else None


@dataclass(frozen=True)
class ReplyToken:
    person_id: int
    thread_id: int
    issued: datetime.date

    @property
    def expired(self) -> bool:
        return timezone.localdate() - self.issued > datetime.timedelta(days=REPLY_VALID_DAYS)


def reply_address(*, person_id: int, thread_id: int) -> str:
    issued = (timezone.localdate() - _EPOCH).days
    return f"{_sign('r', struct.pack('>IIH', person_id, thread_id, issued))}@{settings.REPLY_DOMAIN}"


def bounce_address(*, person_id: int) -> str:
    return f"{_sign('b', struct.pack('>I', person_id))}@{settings.REPLY_DOMAIN}"


def read_address(address: str) -> ReplyToken | int | None:
    """A reply token, the person id of a bounce address, or None for anything not ours or not genuine."""
    local, _at, domain = address.strip().strip("<>").rpartition("@")
    if domain.lower() != settings.REPLY_DOMAIN or not local:
        return None
    local = local.split("+", 1)[0]
    if (payload := _verify("r", local, 10)) is not None:
        person_id, thread_id, issued = struct.unpack(">IIH", payload)
        return ReplyToken(person_id, thread_id, _EPOCH + datetime.timedelta(days=issued))
    if (payload := _verify("b", local, 4)) is not None:
        return struct.unpack(">I", payload)[0]
    return None


# --- Stamping an outgoing message ------------------------------------------------------


def stamp(message, *, person=None, thread_id: int | None = None, reply_as=None, even_if_bouncing=False) -> None:
    """Give an outgoing message its identity: Message-ID on the portal's domain, the threading headers
    of a discussion, a personal Reply-To, and the recipient's bounce address as the envelope sender.

    The header ``From`` stays the portal's address. A recipient whose address bounces too often
    (mail.health) is dropped, so the message is not sent at all.
    """

    headers = message.extra_headers
    headers.setdefault("From", message.from_email)
    headers.setdefault("Message-ID", new_message_id())
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
    message.from_email = bounce_address(person_id=person.pk)
    if reply_as is not None and thread_id is not None:
        message.reply_to = [reply_address(person_id=reply_as.pk, thread_id=thread_id)]
