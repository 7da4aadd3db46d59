"""Personas and service fixtures shared by all tests.

Service tests need the real thing (PostgreSQL, Redis, Chromium). Without it
they skip; with REQUIRE_SERVICES=1 (CI) a missing service fails the test.
"""

import datetime
import os

import pytest
from django.db import connection
from django.utils import timezone

from members.models import Role
from tests.factories import EventFactory, MandateFactory, OrganisationFactory, UserFactory, WorkingGroupFactory

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"

# --- The clock ---------------------------------------------------------------------------------
# TEST_CLOCK_SHIFT_DAYS=N runs the whole suite N days ahead of today (time-machine, started before any test
# module is imported, ticking): a test that only passes on the day it was written fails there. Tests that
# travel themselves nest inside it. CI runs the suite once more this way (scripts/clock_shift_days.py).
CLOCK_SHIFT_DAYS = int(os.environ.get("TEST_CLOCK_SHIFT_DAYS") or 0)

# The tests left out of a shifted run, each with the reason: they rely on a clock outside this process,
# which time-machine cannot move.
REAL_CLOCK_ONLY = {
    "tests/browser/": "Chromium runs on the real clock (cookie expiry, date inputs, axe-core's timers)",
    "tests/services/test_celery_worker.py": "the Celery worker is a process of its own on the real clock",
    "tests/operations/test_restore_drill.py": "pg_dump, psql and gpg are processes of their own on the real clock",
}


def pytest_configure(config):
    if CLOCK_SHIFT_DAYS:
        import time_machine

        ahead = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=CLOCK_SHIFT_DAYS)
        time_machine.travel(ahead, tick=True).start()  # stopped when the process ends


def pytest_report_header(config):
    if CLOCK_SHIFT_DAYS:
        return f"clock shifted {CLOCK_SHIFT_DAYS} days ahead: today is {datetime.date.today().isoformat()} here"
    return None


def pytest_collection_modifyitems(config, items):
    if not CLOCK_SHIFT_DAYS:
        return
    kept, left_out = [], []
    for item in items:
        (left_out if any(item.nodeid.startswith(prefix) for prefix in REAL_CLOCK_ONLY) else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


def need_service(available: bool, reason: str) -> None:
    """Skip (locally) or fail (CI) a test whose service is missing."""
    if available:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture
def postgres(db):
    need_service(connection.vendor == "postgresql", "DATABASE_URL does not point to PostgreSQL")


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL", "")
    need_service(bool(url), "REDIS_URL is not set")
    return url


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: primary keys repeat between runs, cached values must not."""
    from django.core.cache import cache

    cache.clear()


# --- Personas -----------------------------------------------------------------


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Stadt Essen", slug="stadt-essen", municipality_key="05113000")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Stadt Köln", slug="stadt-koln")


@pytest.fixture
def member(organisation):
    return UserFactory(email="member@example.org", organisation=organisation)


@pytest.fixture
def other_member(other_organisation):
    return UserFactory(email="other@example.org", organisation=other_organisation)


@pytest.fixture
def delegate(organisation):
    person = UserFactory(email="delegate@example.org", organisation=organisation)
    MandateFactory(role=Role.DELEGATE, person=person, organisation=organisation)
    return person


@pytest.fixture
def board(other_organisation):
    person = UserFactory(email="board@example.org", organisation=other_organisation)
    MandateFactory(role=Role.CHAIR, person=person)
    return person


@pytest.fixture
def secretariat(db):
    person = UserFactory(email="secretariat@example.org", organisation=None)
    MandateFactory(role=Role.SECRETARIAT, person=person)
    return person


@pytest.fixture
def former_board(organisation):
    person = UserFactory(email="former@example.org", organisation=organisation)
    today = timezone.localdate()
    MandateFactory(
        role=Role.DEPUTY_CHAIR,
        person=person,
        start=today - datetime.timedelta(days=800),
        end=today - datetime.timedelta(days=30),
    )
    return person


@pytest.fixture
def left_member(db):
    """A person whose organisation left the association: account and data only."""
    gone = OrganisationFactory(
        name="Stadt Ehemals",
        slug="stadt-ehemals",
        status="left",
        left_on=timezone.localdate() - datetime.timedelta(days=90),
    )
    return UserFactory(email="left@example.org", organisation=gone)


@pytest.fixture
def led_group(db):
    """A restricted working group whose lead is not one of its members."""
    return WorkingGroupFactory(name="AG Radikalisierung", slug="ag-radikalisierung", is_restricted=True)


@pytest.fixture
def lead_not_member(other_organisation, led_group):
    """Leads ``led_group`` by office without being a member of it."""
    person = UserFactory(email="lead-outside@example.org", organisation=other_organisation)
    MandateFactory(role=Role.WORKING_GROUP_LEAD, person=person, working_group=led_group)
    return person


@pytest.fixture
def auditor(other_organisation):
    """Kassenprüfer: an office, but not on the board."""
    person = UserFactory(email="auditor@example.org", organisation=other_organisation)
    MandateFactory(role=Role.AUDITOR, person=person)
    return person


PERSONAS = [
    "anonymous",
    "member",
    "other_member",
    "delegate",
    "board",
    "secretariat",
    "former_board",
    "left_member",
    "lead_not_member",
    "auditor",
]


@pytest.fixture(params=PERSONAS)
def persona(request):
    """(name, user or None) for each persona in turn."""
    if request.param == "anonymous":
        request.getfixturevalue("db")
        return request.param, None
    return request.param, request.getfixturevalue(request.param)


# --- A real SMTP server ----------------------------------------------------------------


class SMTPCollector:
    """aiosmtpd handler that keeps (recipients, raw bytes) of every message it accepts."""

    def __init__(self):
        self.messages = []
        self.senders = []  # the envelope sender (MAIL FROM) of each message, in the same order

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content))
        self.senders.append(envelope.mail_from)
        return "250 OK"

    def parsed(self):
        import email
        from email import policy

        return [email.message_from_bytes(raw, policy=policy.default) for _rcpt, raw in self.messages]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SMTPServer:
    """A real aiosmtpd server on a fixed free port, which a test can stop and start again."""

    def __init__(self):
        self.port = free_port()
        self.handler = SMTPCollector()
        self.controller = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self):
        return self.handler.messages

    def parsed(self):
        return self.handler.parsed()


@pytest.fixture
def smtp_server(settings):
    """A running SMTP server the portal's mailer points at."""
    server = SMTPServer()
    server.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": server.port, "timeout": 5},
        }
    }
    yield server
    server.stop()


# --- Events ------------------------------------------------------------------------------


@pytest.fixture
def make_event(db):
    """Create published events (tests.factories.EventFactory): ten days ahead unless given."""
    return EventFactory
