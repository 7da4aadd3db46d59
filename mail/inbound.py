"""Incoming mail: replies to discussions and bounces, one message at a time (``receive_mail``).

The result is a sysexits code an MTA understands: 0 accepted or dropped on purpose, 65 unreadable,
67 not one of our addresses, 75 try again later (the database is unavailable, or the time ran out).
A message is handled in one transaction, so one that is cut off leaves nothing behind and is handled
afresh when the MTA tries again.
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

from kernel.emails import send_email
from kernel.tasks import enqueue
from mail import authentication, identity
from mail.bounces import bounce_receive
from mail.models import InboundMessage
from mail.text import body_of, new_text
from members.models import User
from topics import services
from topics.forms import MAX_POST_LENGTH, PostForm
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
    "unauthenticated": _(
        "We could not verify that your message was sent from your address (your mail server's DKIM or DMARC "
        "check did not pass), so nothing was posted. Please write in the portal."
    ),
    "used": _(
        "You have already answered this email once; each email can be answered once. Please answer the "
        "latest email about the discussion, or write in the portal."
    ),
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
    person = User.objects.select_related("organisation").filter(pk=token.person_id).first()
    if person is None:
        return EX_NOUSER  # a genuine address of a person who has since deleted their account
    key, message_id = _message_key(message, raw)
    sender = email.utils.parseaddr(str(message.get("From") or ""))[1].strip()
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = InboundMessage.objects.create(
                    key=key, message_id=message_id, sender=sender[:300], outcome=InboundMessage.Outcome.DROPPED
                )
        except IntegrityError:
            return EX_OK  # the same message again: handled the first time
        if isinstance(token, identity.BounceToken):
            bounce_receive(message, record, token=token, person=person)
            return EX_OK
        return _reply(message, record, token=token, person=person, sender=sender)


# --- Replies ---------------------------------------------------------------------------


def confirmed_addresses(person) -> set[str]:
    verified = EmailAddress.objects.filter(user=person, verified=True).values_list("email", flat=True)
    return {address.lower() for address in verified} | {person.email.lower()}


def _reply(message, record, *, token: identity.ReplyToken, person, sender: str) -> int:
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
    if not authentication.sender_authenticated(message):
        return finish(InboundMessage.Outcome.REFUSED, "unauthenticated", tell=True)
    if not person.has_perm("topics.reply", thread):
        return finish(InboundMessage.Outcome.REFUSED, "may_not_post", tell=True)
    text, attachments = body_of(message)
    text = new_text(text, max_length=MAX_POST_LENGTH)
    if text is None:
        return finish(InboundMessage.Outcome.REFUSED, "too_long", tell=True)
    form = PostForm({"body": text})
    if not form.is_valid():
        return finish(InboundMessage.Outcome.REFUSED, "too_long" if form.data["body"] else "empty", tell=True)
    if not record.claim(token.key):
        return finish(InboundMessage.Outcome.REFUSED, "used", tell=True)
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
