"""Redis stops: every page still renders, actions that send email succeed, their emails wait
in the outbox and go out exactly once when Redis is back.

The Redis here is the test's own (tests/faults/conftest.py), stopped and started on the same port.
"""

import threading
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

import defus.settings as portal_settings
from defus.models import OutboxTask
from defus.tasks import flush_outbox
from events.models import Registration
from kernel import cache as resilient_cache
from kernel.tasks import outbox_flush
from members.services import invitation_create
from tests.factories import PASSWORD
from tests.faults.conftest import wait_until
from tests.security.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def test_with_redis_down_pages_render_and_emails_are_delivered_once_it_is_back(
    client, member, secretariat, broker, redis_server, settings
):
    # Production rate limits: signing in asks the cache, which lives in the Redis about to stop.
    settings.ACCOUNT_RATE_LIMITS = portal_settings.ACCOUNT_RATE_LIMITS
    world = build_world(member=member)
    redis_server.stop()

    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    for url in world.member_pages():
        assert client.get(url).status_code == 200, url
    health = client.get(reverse("healthz"))
    assert health.status_code == 503
    assert health.json() == {"status": "degraded", "database": "ok", "broker": "unavailable", "backup": "missing"}

    # Actions that send email succeed, quickly; their emails wait in the outbox.
    started = time.monotonic()
    response = client.post(reverse("event_register", args=[world.event.pk]), follow=True)
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    registration = Registration.objects.get(event=world.event, person=member)
    assert registration.status == Registration.Status.REGISTERED
    invitation = invitation_create(email="neu@example.org", organisation=member.organisation, invited_by=secretariat)
    assert list(OutboxTask.objects.values_list("task", "args")) == [
        ("events.tasks.send_registration_email", [registration.pk, "registered"]),
        ("members.tasks.send_invitation", [invitation.pk]),
    ]
    # The beat's flush while Redis is still down keeps them and notes the attempt.
    assert flush_outbox() == 0
    assert OutboxTask.objects.first().attempts == 2

    redis_server.start()
    assert flush_outbox() == 2
    assert not OutboxTask.objects.exists()
    assert flush_outbox() == 0
    with start_worker(broker, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        assert wait_until(lambda: len(mail.outbox) >= 2)
        time.sleep(1)  # a second delivery of either would have arrived by now
    assert sorted(message.to[0] for message in mail.outbox) == [member.email, "neu@example.org"]
    invitation.refresh_from_db()
    assert invitation.sent_at is not None


def test_concurrent_flushes_publish_each_kept_task_once(broker, redis_server, postgres):
    OutboxTask.objects.bulk_create(
        OutboxTask(task="defus.tasks.clear_expired_sessions", args=[], kwargs={}) for _ in range(30)
    )
    published = []

    def flush():
        broker.set_current()  # Celery's current app is per thread
        try:
            published.append(outbox_flush())
        finally:
            connection.close()

    threads = [threading.Thread(target=flush) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(published) == 30
    assert not OutboxTask.objects.exists()
    assert redis_server.client().llen("celery") == 30


def test_the_cache_falls_back_while_redis_is_down_and_returns_to_it(broker, redis_server, monkeypatch):
    monkeypatch.setattr(resilient_cache, "RETRY_AFTER_SECONDS", 0)
    cache.set("kept", "in redis")
    redis_server.stop()
    assert cache.get("kept") is None  # a miss, not an error
    assert cache.add("lock", 1) is True
    assert cache.add("lock", 1) is False  # add keeps its meaning (rate-limit locks, used TOTP codes)
    redis_server.start()
    cache.set("back", "in redis")
    assert redis_server.client().keys("*back") != []
