import io
import sys
import uuid
from pathlib import Path
from string import Template

import pytest
from django.core.management import call_command

from tests.factories import MembershipFactory, UserFactory, WorkingGroupFactory, make_thread

MESSAGES = Path(__file__).parent / "messages"


@pytest.fixture(autouse=True)
def portal_domains(settings):
    settings.SITE_URL = "https://portal.defus.example"
    settings.REPLY_DOMAIN = "antwort.defus.example"


def load(name: str, **values) -> bytes:
    """A fixture message with the addresses of this test filled in ($REPLY_TO, $FROM, $BOUNCE_TO, $RCPT)."""
    values.setdefault("MESSAGE_ID", f"{uuid.uuid4().hex}@mail.essen.example")
    return Template((MESSAGES / name).read_text(encoding="utf-8")).safe_substitute(values).encode("utf-8")


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
