import email.utils
import io
import sys
import uuid
from pathlib import Path
from string import Template

import pytest
from django.core.management import call_command

from mail.identity import bounce_address, reply_address
from tests.factories import MembershipFactory, UserFactory, WorkingGroupFactory, make_thread

MESSAGES = Path(__file__).parent / "messages"
MTA = "mx.defus.example"  # the authserv-id of our receiving MTA in these tests


@pytest.fixture(autouse=True)
def portal_domains(settings):
    settings.SITE_URL = "https://portal.defus.example"
    settings.REPLY_DOMAIN = "antwort.defus.example"
    settings.INBOUND_AUTHSERV_ID = MTA


def passed(sender: str) -> str:
    """What our MTA writes for a message that passed DKIM and DMARC for the sender's domain."""
    domain = sender.rpartition("@")[2].lower()
    return (
        f"{MTA}; dkim=pass header.d={domain} header.s=2026; spf=pass smtp.mailfrom={domain}; "
        f"dmarc=pass (p=reject) header.from={domain}"
    )


def with_header(raw: bytes, name: str, value: str) -> bytes:
    """The message with one more header on top, where a receiving MTA adds its own."""
    return f"{name}: {value}\n".encode() + raw


def load(name: str, *, authenticated: bool = True, **values) -> bytes:
    """A fixture message with the addresses of this test filled in ($REPLY_TO, $FROM, $BOUNCE_TO, $RCPT,
    $ORIGINAL_ID); a reply ($FROM given) comes with our MTA's DMARC pass unless ``authenticated`` is False."""
    values.setdefault("MESSAGE_ID", f"{uuid.uuid4().hex}@mail.essen.example")
    raw = Template((MESSAGES / name).read_text(encoding="utf-8")).safe_substitute(values).encode("utf-8")
    if authenticated and "FROM" in values:
        raw = with_header(raw, "Authentication-Results", passed(values["FROM"]))
    return raw


def sent_id() -> str:
    """The Message-ID of an email the portal sent."""
    return email.utils.make_msgid(domain="portal.defus.example")


def reply_to(person, thread, *, message_id: str | None = None) -> str:
    """The reply address of a notification about ``thread`` sent to ``person``."""
    return reply_address(person_id=person.pk, thread_id=thread.pk, message_id=message_id or sent_id())


def bounce_to(person, *, message_id: str | None = None) -> str:
    """The bounce address (envelope sender) of an email sent to ``person``."""
    return bounce_address(person_id=person.pk, message_id=message_id or sent_id())


@pytest.fixture
def receive_mail(monkeypatch, django_capture_on_commit_callbacks):
    """Run the command as an MTA's pipe does: the message on standard input; returns the exit status."""

    def run(raw: bytes, *args) -> int:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
        with django_capture_on_commit_callbacks(execute=True):
            try:
                call_command("receive_mail", *args)
            except SystemExit as exit_:
                return exit_.code
        return 0

    return run


@pytest.fixture
def group(member):
    group = WorkingGroupFactory(name="Straßenkriminalität", slug="strassenkriminalitaet")
    MembershipFactory(group=group, person=member)
    return group


@pytest.fixture
def author(group):
    person = UserFactory(email="anna@augsburg.example")
    MembershipFactory(group=group, person=person)
    return person


@pytest.fixture
def thread(group, author):
    return make_thread(group=group, author=author, body="Wie machen Sie das mit den Alkoholverboten?")
