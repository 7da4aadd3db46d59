"""A real Celery worker executes a portal task that travelled through Redis."""

import time

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.core import mail

from defus.celery import app as portal_app
from tests.factories import InvitationFactory


@pytest.fixture
def redis_celery_app(redis_url, settings):
    # Not the current app: later tests must keep queueing through the portal's own (eager) app.
    app = Celery("defus-test", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(broker_url=redis_url, task_always_eager=False, task_default_queue="defus-test-queue")
    app.autodiscover_tasks(["members"])
    import celery.contrib.testing.tasks  # noqa: F401  (registers celery.ping for the worker)

    app.finalize()
    yield app
    # start_worker makes its app the current and default one; later tests queue through the portal's app.
    portal_app.set_current()
    portal_app.set_default()
    app.close()


@pytest.mark.django_db(transaction=True)
def test_a_worker_sends_the_invitation_queued_in_redis(redis_celery_app):
    invitation = InvitationFactory(email="worker@example.org")
    with start_worker(redis_celery_app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        redis_celery_app.send_task("members.tasks.send_invitation", args=[invitation.pk])
        deadline = time.monotonic() + 20
        while not mail.outbox and time.monotonic() < deadline:
            time.sleep(0.1)
    assert [m.to for m in mail.outbox] == [["worker@example.org"]]
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
