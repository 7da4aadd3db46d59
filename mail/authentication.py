"""Whether an incoming reply comes from the address in its From header: the receiving MTA's verdict.

A From header is only text; anyone can write a member's address there. The MTA in front of receive_mail
(Postfix with OpenDKIM and OpenDMARC, rspamd, …) checks DKIM, SPF and DMARC and writes what it found into an
``Authentication-Results`` header (RFC 8601) under its own name, the authserv-id, set here as
INBOUND_AUTHSERV_ID. A reply is taken as the sender's when that header says ``dmarc=pass`` for the From
domain, or ``dkim=pass`` with a signing domain aligned with it (for a domain that publishes no DMARC policy).

Only the headers on top that carry our authserv-id count (OpenDKIM and OpenDMARC each add one): below the
first header of another host, the headers came with the message. The MTA must also remove headers with its
authserv-id that arrive from outside (RFC 8601 section 5; OpenDKIM does by default), so a message cannot
bring its own verdict. A DMARC fail (or error) refuses the message, whatever else passed.

Without INBOUND_AUTHSERV_ID nothing can be checked: with DEBUG (the demo, a developer's machine) replies are
taken as before and each one is logged as unverified; in production they are refused.
"""

import email.utils
import logging

import authres
from django.conf import settings

logger = logging.getLogger(__name__)

_HEADER_LENGTH = 4000  # a real one is a few hundred characters; the parser need not read a hostile 100 KB


def _our_results(message) -> list | None:
    """The results in the Authentication-Results headers our MTA added (the run of them with our authserv-id
    on top; each of its checks may add one), or None when there is none."""
    results = None
    for value in message.get_all("Authentication-Results", []):
        value = " ".join(str(value).split())[:_HEADER_LENGTH]
        if value.split(";", 1)[0].split(" ", 1)[0].lower() != settings.INBOUND_AUTHSERV_ID:
            break  # another host's: from here down the headers came with the message
        results = results or []
        try:
            results += authres.AuthenticationResultsHeader.parse_value(value).results
        except Exception:  # noqa: BLE001  (a syntax error, or RecursionError on nested comments)
            logger.info("Unreadable Authentication-Results header of our MTA: nothing in it counts")
    return results


def _property(result, ptype: str, name: str) -> str:
    for prop in result.properties:
        if prop.type == ptype and prop.name == name:
            return str(prop.value).lower().lstrip("@").rpartition("@")[2]
    return ""


def _signer(result) -> str:
    return _property(result, "header", "d") or _property(result, "header", "i")


def _aligned(signing_domain: str, from_domain: str) -> bool:
    """Relaxed alignment (RFC 7489 3.1.1): the same domain, or From in a subdomain of the signer's."""
    return bool(signing_domain) and (from_domain == signing_domain or from_domain.endswith("." + signing_domain))


def sender_authenticated(message) -> bool:
    """Whether the message's one From address passed DMARC (or aligned DKIM) at our MTA."""
    if not settings.INBOUND_AUTHSERV_ID:
        if settings.DEBUG:
            logger.warning("INBOUND_AUTHSERV_ID is not set: a reply is taken without checking its sender")
            return True
        logger.error("INBOUND_AUTHSERV_ID is not set: replies by email are refused")
        return False
    # Two From headers, or two addresses in one, are how DMARC is dodged: the check sees one, we the other.
    senders = email.utils.getaddresses([str(value) for value in message.get_all("From", [])])
    if len(senders) != 1:
        return False
    from_domain = senders[0][1].rpartition("@")[2].lower().rstrip(".")
    results = _our_results(message)
    if not from_domain or results is None:
        return False
    if any(result.method == "dmarc" and result.result not in {"pass", "none"} for result in results):
        return False  # a DMARC failure outweighs any pass: it is the verdict on the From domain
    passed = [result for result in results if result.result == "pass"]
    return any(
        (result.method == "dmarc" and _property(result, "header", "from") in {"", from_domain})
        or (result.method == "dkim" and _aligned(_signer(result), from_domain))
        for result in passed
    )
