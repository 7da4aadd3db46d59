"""REPLY_DOMAIN and INBOUND_IMAP_URL are read strictly; the IMAP poller hands each message to receive_mail's
service; allauth's own emails carry the portal's identity too."""

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from kernel.env import env_host, env_optional_url
from mail import imap
from mail.identity import read_address
from tests.mail.conftest import load, reply_to
from topics.models import Post


def test_reply_domain_must_be_a_host_name(monkeypatch):
    monkeypatch.setenv("REPLY_DOMAIN", "Antwort.Defus.example")
    assert env_host("REPLY_DOMAIN", "x.example") == "antwort.defus.example"
    for wrong in ("https://antwort.defus.example", "antwort defus", "a@b.example", "host:25"):
        monkeypatch.setenv("REPLY_DOMAIN", wrong)
        with pytest.raises(ImproperlyConfigured, match="REPLY_DOMAIN"):
            env_host("REPLY_DOMAIN", "x.example")


def test_the_imap_url_is_optional_but_strict(monkeypatch):
    monkeypatch.delenv("INBOUND_IMAP_URL", raising=False)
    assert env_optional_url("INBOUND_IMAP_URL", schemes={"imap", "imaps"}) == ""
    monkeypatch.setenv("INBOUND_IMAP_URL", "pop3://mail.example")
    with pytest.raises(ImproperlyConfigured, match="INBOUND_IMAP_URL"):
        env_optional_url("INBOUND_IMAP_URL", schemes={"imap", "imaps"})


class FakeMailbox:
    """What imaplib.IMAP4_SSL answers, for a mailbox holding the given messages."""

    instances = []

    def __init__(self, host, port, timeout=None):
        self.host, self.port, self.deleted, self.expunged = host, port, [], False
        FakeMailbox.instances.append(self)

    def login(self, user, password):
        self.user, self.password = user, password

    def select(self, mailbox):
        self.mailbox = mailbox

    def uid(self, command, *args):
        if command == "SEARCH":
            return "OK", [b" ".join(str(n).encode() for n in range(1, len(self.messages) + 1))]
        if command == "FETCH":
            return "OK", [(b"1 (RFC822 {1}", self.messages[int(args[0]) - 1]), b")"]
        if command == "STORE":
            self.deleted.append(int(args[0]))
            return "OK", []
        raise AssertionError(command)

    def expunge(self):
        self.expunged = True

    def logout(self):
        pass


@pytest.mark.django_db
def test_the_imap_poller_posts_replies_and_removes_what_it_handled(monkeypatch, thread, member, settings):
    address = reply_to(member, thread)
    FakeMailbox.messages = [
        load("thunderbird.eml", REPLY_TO=address, FROM=member.email),
        b"garbage",
    ]
    FakeMailbox.instances = []
    monkeypatch.setattr(imap.imaplib, "IMAP4_SSL", FakeMailbox)
    assert imap.poll(url="imaps://antwort%40defus.example:geheim@imap.defus.example/INBOX") == 2
    (box,) = FakeMailbox.instances
    assert (box.host, box.port, box.user, box.password, box.mailbox) == (
        "imap.defus.example",
        993,
        "antwort@defus.example",
        "geheim",
        "INBOX",
    )
    assert box.deleted == [1, 2] and box.expunged
    assert Post.objects.filter(thread=thread, author=member).count() == 1


@pytest.mark.django_db
def test_allauth_emails_carry_the_portals_identity(client, member):
    client.post(reverse("account_reset_password"), {"email": member.email})
    (message,) = mail.outbox
    assert message.extra_headers["Message-ID"].endswith("@portal.defus.example>")
    assert read_address(message.from_email).names(message.extra_headers["Message-ID"])
    assert read_address(message.from_email).person_id == member.pk
