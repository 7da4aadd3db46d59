"""Polling a mailbox instead of an MTA pipe: each message goes through the same ``receive`` as receive_mail."""

import imaplib
import logging
from urllib.parse import unquote, urlsplit

from django.conf import settings

from mail.inbound import EX_TEMPFAIL, receive

logger = logging.getLogger(__name__)


def _connect(url: str):
    parts = urlsplit(url)
    if parts.scheme == "imaps":
        connection = imaplib.IMAP4_SSL(parts.hostname, parts.port or 993, timeout=30)
    else:
        connection = imaplib.IMAP4(parts.hostname, parts.port or 143, timeout=30)
        connection.starttls()  # never a password in clear text
    connection.login(unquote(parts.username or ""), unquote(parts.password or ""))
    connection.select(unquote(parts.path.lstrip("/")) or "INBOX")
    return connection


def poll(*, url: str | None = None, limit: int = 200) -> int:
    """Hand every message in the mailbox to ``receive``; a handled one is deleted, one that must wait
    (database unavailable) stays for the next poll. Returns how many were handled."""
    url = url if url is not None else settings.INBOUND_IMAP_URL
    if not url:
        return 0
    connection = _connect(url)
    handled = 0
    try:
        _typ, data = connection.uid("SEARCH", None, "ALL")
        for uid in (data[0] or b"").split()[:limit]:
            _typ, fetched = connection.uid("FETCH", uid, "(RFC822)")
            raw = next((part[1] for part in fetched if isinstance(part, tuple)), b"")
            status = receive(raw)
            if status == EX_TEMPFAIL:
                break
            if status:
                logger.info("Inbound message %s not accepted (exit status %s), removed", uid, status)
            connection.uid("STORE", uid, "+FLAGS", r"(\Deleted)")
            handled += 1
        connection.expunge()
    finally:
        connection.logout()
    return handled
