"""Replies and bounces are believed only as far as they can be: a reply needs our MTA's DMARC pass for its
From address, each reply address posts once, a bounce counts once for a recent message the portal sent,
and only the exact spelling of an address the portal issued is read."""

import base64
import datetime
import logging
import struct

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from django.utils.crypto import salted_hmac

from mail.identity import BOUNCE_VALID_DAYS
from mail.models import AddressHealth, InboundMessage
from tests.mail.conftest import MTA, bounce_to, load, passed, reply_to, sent_id, with_header
from topics.models import Post

pytestmark = pytest.mark.django_db


def replies(thread):
    return list(Post.objects.filter(thread=thread, is_opening=False))


def reasons() -> list[str]:
    return list(InboundMessage.objects.order_by("pk").values_list("reason", flat=True))


def reply_with(receive_mail, member, thread, *results: str, sender: str | None = None) -> int:
    """A reply carrying these Authentication-Results headers, topmost first (as the MTA prepends them)."""
    raw = load("thunderbird.eml", REPLY_TO=reply_to(member, thread), FROM=sender or member.email, authenticated=False)
    for value in reversed(results):
        raw = with_header(raw, "Authentication-Results", value)
    return receive_mail(raw)


# --- The sender must be authenticated by our MTA ------------------------------------------


@pytest.mark.parametrize(
    "results",
    [
        [],
        ["mx.elsewhere.example; dmarc=pass header.from=example.org"],  # not our MTA: anyone can write it
        [f"{MTA}; dmarc=fail (p=reject) header.from=example.org", f"{MTA}; dmarc=pass header.from=example.org"],
        [f"{MTA}; dmarc=pass header.from=attacker.example"],  # a pass for another From domain
        [f"{MTA}; dkim=pass header.d=attacker.example; dmarc=none header.from=example.org"],  # not aligned
        [f"{MTA}; spf=pass smtp.mailfrom=example.org"],  # SPF alone says nothing about the From header
        [f"{MTA}; dkim=pass header.d=example.org (" + "(" * 3000],  # ours, but unreadable
        [f"{MTA}; dkim=pass header.d=example.org; dmarc=temperror header.from=example.org"],
        ["mx.elsewhere.example; dkim=none", f"{MTA}; dmarc=pass header.from=example.org"],  # ours not on top
    ],
    ids=[
        "none",
        "other-mta",
        "forged-below-ours",
        "other-domain",
        "unaligned-dkim",
        "spf-only",
        "unreadable",
        "dmarc-error",
        "ours-below-another",
    ],
)
def test_a_reply_without_our_mtas_dmarc_pass_posts_nothing(receive_mail, thread, member, results):
    assert reply_with(receive_mail, member, thread, *results) == 0
    assert replies(thread) == []
    record = InboundMessage.objects.get()
    assert (record.outcome, record.reason) == (InboundMessage.Outcome.REFUSED, "told:unauthenticated")


def test_the_member_is_told_once_that_a_message_in_their_name_was_not_verified(receive_mail, thread, member):
    for _attempt in range(3):
        reply_with(receive_mail, member, thread)
    (told,) = mail.outbox
    assert told.to == [member.email]
    assert told.extra_headers["Auto-Submitted"] == "auto-replied"


@pytest.mark.parametrize(
    "result",
    [
        passed("member@example.org"),
        f"{MTA.upper()} 1; DMARC=pass (p=quarantine) header.from=Example.org",
        f"{MTA}; dkim=pass header.d=example.org header.s=mail; dmarc=none header.from=example.org",  # no policy
        (f"{MTA}; dmarc=pass header.from=example.org", f"{MTA}; dkim=none"),  # OpenDMARC's and OpenDKIM's
    ],
    ids=["dmarc-pass", "spelled-otherwise", "aligned-dkim-without-policy", "one-header-per-check"],
)
def test_a_reply_with_our_mtas_pass_posts(receive_mail, thread, member, result):
    results = result if isinstance(result, tuple) else (result,)
    assert reply_with(receive_mail, member, thread, *results) == 0
    assert len(replies(thread)) == 1


def test_dkim_of_the_parent_domain_is_aligned_for_a_subdomain(receive_mail, thread, member):
    member.email = "erika@rathaus.example.org"
    member.save()
    assert reply_with(receive_mail, member, thread, f"{MTA}; dkim=pass header.d=example.org") == 0
    assert len(replies(thread)) == 1


def test_two_from_addresses_are_refused_whatever_passed(receive_mail, thread, member):
    sender = f"{member.email}, boss@attacker.example"
    assert reply_with(receive_mail, member, thread, passed("x@attacker.example"), sender=sender) == 0
    assert replies(thread) == []


def test_a_refused_reply_does_not_use_up_the_address(receive_mail, thread, member):
    address = reply_to(member, thread)
    assert receive_mail(load("thunderbird.eml", REPLY_TO=address, FROM=member.email, authenticated=False)) == 0
    assert receive_mail(load("gmail.eml", REPLY_TO=address, FROM=member.email)) == 0
    assert len(replies(thread)) == 1


def test_without_an_authserv_id_the_demo_takes_replies_and_says_so(receive_mail, thread, member, settings, caplog):
    settings.INBOUND_AUTHSERV_ID = ""
    settings.DEBUG = True
    with caplog.at_level(logging.WARNING, logger="mail.authentication"):
        assert reply_with(receive_mail, member, thread) == 0
    assert len(replies(thread)) == 1
    assert "INBOUND_AUTHSERV_ID is not set" in caplog.text


def test_without_an_authserv_id_production_refuses_replies(receive_mail, thread, member, settings, caplog):
    settings.INBOUND_AUTHSERV_ID = ""
    settings.DEBUG = False
    with caplog.at_level(logging.ERROR, logger="mail.authentication"):
        assert receive_mail(load("gmail.eml", REPLY_TO=reply_to(member, thread), FROM=member.email)) == 0
    assert replies(thread) == []
    assert "replies by email are refused" in caplog.text


# --- A reply address posts once ----------------------------------------------------------


def test_a_reply_address_posts_once(receive_mail, thread, member):
    address = reply_to(member, thread)
    assert receive_mail(load("thunderbird.eml", REPLY_TO=address, FROM=member.email)) == 0
    assert receive_mail(load("gmail.eml", REPLY_TO=address, FROM=member.email)) == 0  # another message, same address
    assert [post.body for post in replies(thread)] == ["Gute Idee, wir schicken unsere Satzung bis Freitag."]
    assert reasons() == ["", "told:used"]
    assert [message.to for message in mail.outbox] == [[member.email]]
    # The next notification's address is a new one
    assert receive_mail(load("gmail.eml", REPLY_TO=reply_to(member, thread), FROM=member.email)) == 0
    assert len(replies(thread)) == 2


# --- Bounces: recent, for a message the portal sent, once ---------------------------------


def bounce(receive_mail, person, *, to: str, original_id: str, fixture="postfix_hard.eml") -> int:
    return receive_mail(load(fixture, BOUNCE_TO=to, RCPT=person.email, ORIGINAL_ID=original_id))


def stable_bounce_address(person) -> str:
    """The bounce address as the portal issued it until this change: the person alone, valid for ever."""
    payload = struct.pack(">I", person.pk)
    mac = salted_hmac("defus.mail.bounce-address", payload, algorithm="sha256").digest()[:10]
    return f"b{base64.b32encode(payload + mac).decode().rstrip('=').lower()}@antwort.defus.example"


def test_a_forged_bounce_to_the_stable_address_is_refused(receive_mail, member):
    for _day in range(2):
        assert bounce(receive_mail, member, to=stable_bounce_address(member), original_id=sent_id()) == 67
    assert not AddressHealth.objects.exists()


def test_a_bounce_address_counts_once(receive_mail, member):
    original_id = sent_id()
    address = bounce_to(member, message_id=original_id)
    now = timezone.now()
    for days in (0, 2):  # a replay on another day would have made the score 4 and stopped the member's mail
        with time_machine.travel(now + datetime.timedelta(days=days), tick=False):
            assert bounce(receive_mail, member, to=address, original_id=original_id) == 0
    assert AddressHealth.objects.get(person=member).score == 2
    assert reasons() == ["hard 5.1.1", "bounce address used"]


def test_a_bounce_must_return_the_message_its_address_names(receive_mail, member):
    address = bounce_to(member, message_id=sent_id())
    assert bounce(receive_mail, member, to=address, original_id=sent_id()) == 0
    assert not AddressHealth.objects.exists()
    assert reasons() == ["bounce names another message"]


def test_a_bounce_address_expires(receive_mail, member):
    now = timezone.now()
    with time_machine.travel(now - datetime.timedelta(days=BOUNCE_VALID_DAYS + 1), tick=False):
        old_id = sent_id()
        old = bounce_to(member, message_id=old_id)
    with time_machine.travel(now - datetime.timedelta(days=BOUNCE_VALID_DAYS - 1), tick=False):
        recent_id = sent_id()
        recent = bounce_to(member, message_id=recent_id)
    with time_machine.travel(now, tick=False):
        assert bounce(receive_mail, member, to=old, original_id=old_id) == 0
        assert not AddressHealth.objects.exists()
        assert bounce(receive_mail, member, to=recent, original_id=recent_id) == 0
    assert AddressHealth.objects.get(person=member).score == 2
    assert reasons() == ["bounce address expired", "hard 5.1.1"]


# --- Only the spelling the portal issued ------------------------------------------------


def variants(address: str) -> dict[str, str]:
    """Other spellings of a genuine address that base32 (and a lenient reader) would take for the same token."""
    local, domain = address.split("@")
    found = {
        "upper-case": f"{local.upper()}@{domain}",
        "capital-kind": f"{local[0].upper()}{local[1:]}@{domain}",
        "extension": f"{local}+x@{domain}",
        "angle-brackets-inside": f"{local}>@{domain}",
    }
    if padding := "=" * (-(len(local) - 1) % 8):
        found["padding"] = f"{local}{padding}@{domain}"
        # The last character carries bits beyond the token's bytes: flipping one decodes to the same bytes.
        other = "abcdefghijklmnopqrstuvwxyz234567"["abcdefghijklmnopqrstuvwxyz234567".index(local[-1]) ^ 1]
        same = [base64.b32decode(text.upper() + padding) for text in (local[1:], local[1:-1] + other)]
        assert same[0] == same[1], "else the spare-bits spelling would prove nothing"
        found["spare-bits"] = f"{local[:-1]}{other}@{domain}"
    return found


def test_only_the_exact_spelling_of_a_reply_address_is_read(receive_mail, thread, member):
    genuine = reply_to(member, thread)
    for name, address in variants(genuine).items():
        assert receive_mail(load("gmail.eml", REPLY_TO=address, FROM=member.email)) == 67, name
    assert replies(thread) == []
    assert receive_mail(load("gmail.eml", REPLY_TO=genuine, FROM=member.email)) == 0
    assert len(replies(thread)) == 1


def test_only_the_exact_spelling_of_a_bounce_address_is_read(receive_mail, member):
    original_id = sent_id()
    genuine = bounce_to(member, message_id=original_id)
    for name, address in variants(genuine).items():
        assert bounce(receive_mail, member, to=address, original_id=original_id) == 67, name
    assert not AddressHealth.objects.exists()
    assert bounce(receive_mail, member, to=genuine, original_id=original_id) == 0
    assert AddressHealth.objects.get(person=member).score == 2
