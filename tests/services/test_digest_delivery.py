"""The digest through a real SMTP server, on PostgreSQL: read as sent, sent once, and not lost when SMTP is down."""

import datetime
import threading
import time
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from mail.models import DigestDelivery, DigestRun
from tests.factories import MembershipFactory, UserFactory, WorkingGroupFactory, make_document, make_thread
from tests.services.test_celery_worker import redis_celery_app  # noqa: F401  (fixture)
from topics.models import Follow

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
MONDAY = datetime.datetime(2026, 11, 30, 8, 0, tzinfo=BERLIN)
LAST_WEEK = datetime.datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)


@pytest.fixture
def readers(db):
    """Twelve members following a group with news last week; one of them reads English.
    They joined a fortnight before that Monday, whatever day the test runs."""
    with time_machine.travel(MONDAY - datetime.timedelta(days=14), tick=False):
        group = WorkingGroupFactory(name="Wohnungseinbruch", slug="wohnungseinbruch")
        people = [UserFactory(email=f"leser{n}@example.org") for n in range(12)]
        people[0].language = "en"
        people[0].save()
        for person in people:
            MembershipFactory(group=group, person=person)
            Follow.objects.create(group=group, person=person)
        with time_machine.travel(LAST_WEEK, tick=False):
            make_thread(group=group, author=people[1], title="Einbruchschutz im Quartier", replies=1)
            make_document(title="Board paper", label="board", groups=[group])
    return people


def test_the_digest_as_the_reader_gets_it(readers, smtp_server, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://mitgliederportal.defus.example"
    with time_machine.travel(MONDAY, tick=False), django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests")
    messages = {m["To"]: m for m in smtp_server.parsed()}
    assert len(messages) == 12
    german, english = messages["leser1@example.org"], messages["leser0@example.org"]
    assert german.get_content_type() == "multipart/alternative"
    assert german["Subject"] == "DEFUS-Wochenüberblick vom 30. November 2026"
    assert english["Subject"] == "DEFUS weekly digest of 30 November 2026"
    assert german["List-Unsubscribe"].startswith(
        "<https://mitgliederportal.defus.example/wochenueberblick/abbestellen/"
    )
    # On the wire as one plain line (mail clients do not decode an RFC 2047-encoded URL here).
    raw = next(raw for rcpts, raw in smtp_server.messages if rcpts == ["leser1@example.org"])
    assert b"\r\nList-Unsubscribe: <https://mitgliederportal.defus.example/wochenueberblick/abbestellen/" in raw
    assert german["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    parts = {part.get_content_type(): part.get_content() for part in german.iter_parts()}
    assert '<html lang="de">' in parts["text/html"] and "<h1" in parts["text/html"]
    assert "<img" not in parts["text/html"]  # readable without images
    assert "Einbruchschutz im Quartier" in parts["text/plain"] and "1 neue Antwort" in parts["text/plain"]
    assert german["List-Unsubscribe"].strip("<>") in parts["text/plain"]
    # The board paper stays with the board.
    assert "Board paper" not in parts["text/plain"] and "Board paper" not in parts["text/html"]
    english_text = next(p for p in english.iter_parts() if p.get_content_type() == "text/plain").get_content()
    assert "new discussion" in english_text and "Unsubscribe from the digest" in english_text


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_each_digest_once(postgres, readers, smtp_server):
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            with time_machine.travel(MONDAY, tick=True):
                barrier.wait()
                call_command("send_digests")
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    recipients = sorted(rcpt for rcpts, _raw in smtp_server.messages for rcpt in rcpts)
    assert recipients == sorted(person.email for person in readers)
    assert DigestDelivery.objects.filter(status="sent").count() == 12


@pytest.mark.django_db(transaction=True)
def test_smtp_down_is_recorded_and_the_next_run_delivers_once(postgres, readers, smtp_server):
    smtp_server.stop()
    with time_machine.travel(MONDAY, tick=False):
        call_command("send_digests")
    assert smtp_server.messages == []
    assert DigestDelivery.objects.filter(status="failed").count() == 12
    run = DigestRun.objects.get()
    assert (run.sent, run.failed) == (0, 12)
    assert "Connection refused" in DigestDelivery.objects.first().error
    smtp_server.start()
    with time_machine.travel(MONDAY + datetime.timedelta(hours=1), tick=False):
        call_command("send_digests")  # the hourly beat run
        call_command("send_digests")
    assert len(smtp_server.messages) == 12
    assert set(DigestDelivery.objects.values_list("status", flat=True)) == {"sent"}


@pytest.mark.django_db(transaction=True)
def test_a_worker_retries_with_backoff_until_smtp_is_back(postgres, readers, smtp_server, redis_celery_app, settings):  # noqa: F811
    settings.DIGEST_RETRY_BACKOFF = 1
    redis_celery_app.autodiscover_tasks(["members"], force=True)
    from celery.contrib.testing.worker import start_worker

    from kernel.digest_schedule import current_period
    from mail.digest.sending import due_people

    smtp_server.stop()
    with (
        time_machine.travel(MONDAY, tick=True),
        start_worker(redis_celery_app, pool="solo", perform_ping_check=False, loglevel="WARNING"),
    ):
        period = current_period()
        ids = list(due_people(period).values_list("pk", flat=True))
        redis_celery_app.send_task("members.tasks.send_digest_batch", args=[None, period.sending.isoformat(), ids])
        deadline = time.monotonic() + 20
        while not DigestDelivery.objects.filter(status="failed").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert DigestDelivery.objects.filter(status="failed").count() == 12  # first attempt failed
        smtp_server.start()
        deadline = time.monotonic() + 30
        while DigestDelivery.objects.filter(status="sent").count() < 12 and time.monotonic() < deadline:
            time.sleep(0.2)
    assert sorted(r for rcpts, _raw in smtp_server.messages for r in rcpts) == sorted(p.email for p in readers)
    assert DigestDelivery.objects.filter(status="sent", attempts__gte=2).count() == 12
