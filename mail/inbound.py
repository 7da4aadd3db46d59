"""Incoming mail: replies to discussions and bounces, one message at a time (``receive_mail``).

The result is a sysexits code an MTA understands: 0 accepted or dropped on purpose, 65 unreadable,
67 not one of our addresses, 75 try again later (the database is unavailable).
"""

import datetime
import email
import email.policy
import email.utils
import hashlib
import logging
import re

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defus.lib.emails import send_email
from defus.lib.tasks import enqueue
from mail import health, identity
from mail.models import InboundMessage
from mail.text import body_of, new_text
from members.models import User
from topics import services
from topics.forms import PostForm
from topics.models import Thread

logger = logging.getLogger(__name__)

EX_OK, EX_DATAERR, EX_NOUSER, EX_TEMPFAIL = 0, 65, 67, 75

_AUTOMATIC_SUBJECT = re.compile(
    r"abwesenheitsnotiz|automatische antwort|out of office|automatic reply|auto-?reply|abwesend|"
    r"delivery status notification|unzustellbar|undeliverable",
    re.IGNORECASE,
)
# Headers in which an MTA or our own message names the address the mail was sent to, most reliable first.
_RECIPIENT_HEADERS = ("X-Original-To", "Delivered-To", "Envelope-To", "To", "Cc")

REASONS = {
    "unknown_sender": _(
        "Your message was sent from an address that is not confirmed for the person this reply address "
        "belongs to. Please answer from the address you use in the portal, or write in the portal."
    ),
    "may_not_post": _(
        "You can no longer write in this discussion: it is closed, or you are not (any longer) a member of "
        "its working group. Please have a look in the portal."
    ),
    "expired": _("This reply address is no longer valid. Please answer in the portal."),
    "deleted": _("The discussion you answered no longer exists."),
    "empty": _("We found no new text in your message, so nothing was posted."),
    "too_long": _("Your message is too long for a post. Please shorten it, or write in the portal."),
    "attachments": _(
        "Your reply was posted, but without its attachments: files are not posted from emails. "
        "Please add them to the library of the working group in the portal."
    ),
}


def receive(raw: bytes, *, recipient: str | None = None) -> int:
    """Handle one RFC 5322 message; ``recipient`` is the envelope recipient if the MTA passes it."""
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception:  # noqa: BLE001  (any parse failure means: not a message)
        return EX_DATAERR
    if not raw.strip() or not message.keys() or (message.defects and not message.get("From")):
        return EX_DATAERR
    try:
        return _receive(message, raw, recipient)
    except OperationalError:
        logger.warning("Database unavailable, the MTA will retry", exc_info=True)
        return EX_TEMPFAIL


def _addressed(message, recipient: str | None):
    """The first of our reply or bounce addresses the message was sent to."""
    candidates = [recipient] if recipient else []
    for header in _RECIPIENT_HEADERS:
        candidates += [address for _name, address in email.utils.getaddresses(message.get_all(header, []))]
    for address in candidates:
        if address and (token := identity.read_address(address)) is not None:
            return token
    return None


def _message_key(message, raw: bytes) -> tuple[str, str]:
    message_id = (message.get("Message-ID") or "").strip()
    basis = message_id or hashlib.sha256(raw).hexdigest()
    return hashlib.sha256(basis.encode("utf-8", "replace")).hexdigest(), (message_id or basis)[:300]


def is_automatic(message) -> bool:
    """Auto-replies, bounces and list mail: never posted, never answered (RFC 3834)."""
    auto = str(message.get("Auto-Submitted") or "no").split(";")[0].strip().lower()
    precedence = str(message.get("Precedence") or "").strip().lower()
    return (
        auto != "no"
        or bool(message.get("X-Autoreply") or message.get("X-Autorespond"))
        or precedence in {"bulk", "auto_reply", "list", "junk"}
        or bool(message.get("List-Id"))
        or str(message.get("Return-Path") or "").strip() == "<>"
        or bool(_AUTOMATIC_SUBJECT.search(str(message.get("Subject") or "")))
    )


def _receive(message, raw: bytes, recipient: str | None) -> int:
    token = _addressed(message, recipient)
    if token is None:
        return EX_NOUSER
    person_id = token if isinstance(token, int) else token.person_id
    if not User.objects.filter(pk=person_id).exists():
        return EX_NOUSER  # a genuine address of a person who has since deleted their account
    key, message_id = _message_key(message, raw)
    sender = email.utils.parseaddr(str(message.get("From") or ""))[1].strip()
    try:
        with transaction.atomic():
            record = InboundMessage.objects.create(
                key=key, message_id=message_id, sender=sender[:300], outcome=InboundMessage.Outcome.DROPPED
            )
    except IntegrityError:
        return EX_OK  # the same message again: handled the first time
    if isinstance(token, int):
        return _bounce(message, record, person_id=token)
    return _reply(message, record, token=token, sender=sender)


# --- Bounces ---------------------------------------------------------------------------


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


def _bounce(message, record, *, person_id: int) -> int:
    person = User.objects.get(pk=person_id)
    hard, addresses, status = classify_bounce(message)
    record.person = person
    if hard is None:
        record.reason = "no bounce"  # e.g. an out-of-office answer sent to the envelope sender
    elif addresses and person.email.lower() not in addresses:
        record.reason = "bounce names another address"
    else:
        health.bounce_record(person=person, hard=hard, status=status)
        record.outcome = InboundMessage.Outcome.BOUNCE
        record.reason = f"{'hard' if hard else 'soft'} {status}".strip()
    record.save(update_fields=["person", "outcome", "reason"])
    return EX_OK


# --- Replies ---------------------------------------------------------------------------


def confirmed_addresses(person) -> set[str]:
    verified = EmailAddress.objects.filter(user=person, verified=True).values_list("email", flat=True)
    return {address.lower() for address in verified} | {person.email.lower()}


def _reply(message, record, *, token: identity.ReplyToken, sender: str) -> int:
    person = User.objects.select_related("organisation").get(pk=token.person_id)
    record.person = person

    def finish(outcome, reason: str = "", *, tell: bool = False, post=None) -> int:
        record.outcome, record.reason, record.post = outcome, reason, post
        record.save(update_fields=["person", "outcome", "reason", "post"])
        if tell:
            _tell(message, record, reason=reason, person=person, sender=sender)
        return EX_OK

    if is_automatic(message):
        return finish(InboundMessage.Outcome.DROPPED, "automatic")
    thread = Thread.objects.select_related("group").filter(pk=token.thread_id).first()
    if thread is None:
        return finish(InboundMessage.Outcome.DROPPED, "deleted", tell=True)
    if token.expired:
        return finish(InboundMessage.Outcome.DROPPED, "expired", tell=True)
    if sender.lower() not in confirmed_addresses(person):
        return finish(InboundMessage.Outcome.REFUSED, "unknown_sender", tell=True)
    if not person.has_perm("topics.reply", thread):
        return finish(InboundMessage.Outcome.REFUSED, "may_not_post", tell=True)
    text, attachments = body_of(message)
    form = PostForm({"body": new_text(text)})
    if not form.is_valid():
        return finish(InboundMessage.Outcome.REFUSED, "too_long" if form.data["body"] else "empty", tell=True)
    post = services.post_create(thread=thread, author=person, body=form.cleaned_data["body"])
    return finish(InboundMessage.Outcome.POSTED, "attachments" if attachments else "", tell=attachments, post=post)


def _tell(message, record, *, reason: str, person, sender: str) -> None:
    """One short explanation to the sender: never to our own addresses, at most one a day per sender."""

    domain = sender.lower().rpartition("@")[2]
    if not sender or domain in {identity.portal_domain(), settings.REPLY_DOMAIN}:
        return
    since = timezone.now() - datetime.timedelta(days=1)
    told = InboundMessage.objects.filter(sender__iexact=sender, received_at__gte=since, reason__startswith="told:")
    if told.exclude(pk=record.pk).exists():
        return
    InboundMessage.objects.filter(pk=record.pk).update(reason=f"told:{reason}"[:300])
    language = person.language if sender.lower() in confirmed_addresses(person) else "de"
    enqueue("mail.tasks.send_refusal", sender, reason, language, str(message.get("Message-ID") or ""))


def refusal_send(*, to: str, reason: str, language: str, in_reply_to: str) -> None:
    headers = {"Auto-Submitted": "auto-replied"}
    if in_reply_to:
        headers |= {"In-Reply-To": in_reply_to, "References": in_reply_to}
    send_email("mail_refused", to=to, language=language, context={"reason": REASONS.get(reason, "")}, headers=headers)
