"""SMTP down: a notification is retried with backoff and delivered exactly once when SMTP is back."""

import datetime
import email
import time
from email import policy

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_retry, task_success
from django.utils import timezone

from events.services import registration_register
from tests.factories import EventFactory
from tests.faults.conftest import wait_until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fast_backoff(monkeypatch):
    """The tasks' own exponential backoff, in tenths of a second instead of half minutes."""
    monkeypatch.setattr(
        "celery.app.autoretry.get_exponential_backoff_interval",
        lambda factor, retries, maximum, full_jitter=False: min(0.2 * 2**retries, 1.0),
    )


@pytest.fixture
def task_log():
    log = {"retries": [], "successes": []}

    def on_retry(sender=None, request=None, reason=None, **kwargs):
        log["retries"].append((sender.name, repr(reason)))

    def on_success(sender=None, **kwargs):
        log["successes"].append(sender.name)

    task_retry.connect(on_retry, weak=False)
    task_success.connect(on_success, weak=False)
    yield log
    task_retry.disconnect(on_retry)
    task_success.disconnect(on_success)


def test_a_confirmation_waits_for_smtp_and_is_sent_once(member, broker, smtp_server, fast_backoff, task_log):
    start = timezone.now() + datetime.timedelta(days=10)
    event = EventFactory(title="Sicherheitsaudit", kind="webinar", start=start, end=start + datetime.timedelta(hours=2))
    registration_register(event=event, person=member)  # queued in Redis; SMTP is down
    with start_worker(broker, pool="solo", perform_ping_check=False, loglevel="ERROR"):
        assert wait_until(lambda: len(task_log["retries"]) >= 2), "the task was not retried"
        assert smtp_server.messages == []
        smtp_server.start()
        assert wait_until(lambda: smtp_server.messages, timeout=20)
        time.sleep(1.5)  # a doubled delivery would arrive by now
    assert {name for name, _ in task_log["retries"]} == {"events.tasks.send_registration_email"}
    assert "Connection refused" in task_log["retries"][0][1]
    assert task_log["successes"] == ["events.tasks.send_registration_email"]
    assert len(smtp_server.messages) == 1
    recipients, raw = smtp_server.messages[0]
    assert recipients == [member.email]
    assert "Sicherheitsaudit" in email.message_from_bytes(raw, policy=policy.default)["Subject"]
