"""A circular to one working group through a real SMTP server: exactly its members, once each, even with
two concurrent sends (PostgreSQL, threads) and an SMTP failure midway."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from circulars import sending
from circulars.models import Circular, CircularDelivery
from circulars.services import circular_send
from tests.conftest import SMTPCollector
from tests.factories import CircularFactory, MembershipFactory, UserFactory, WorkingGroupFactory


@pytest.fixture
def group_circular(db, secretariat):
    group = WorkingGroupFactory(name="Straßenkriminalität", slug="strassenkriminalitaet")
    members = [UserFactory(email=f"ag{n}@example.org") for n in range(6)]
    for person in members:
        MembershipFactory(group=group, person=person)
    MembershipFactory(person=UserFactory(email="andere-ag@example.org"))  # another group
    UserFactory(email="nicht-in-der-ag@example.org")
    circular = CircularFactory(title="Nur für die AG", audience=Circular.Audience.GROUPS)
    circular.groups.set([group])
    return circular, members, secretariat


def _recipients(smtp_server) -> list[str]:
    return sorted(rcpt for rcpts, _raw in smtp_server.messages for rcpt in rcpts)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sends_reach_each_member_once(postgres, group_circular, smtp_server):
    circular, members, secretariat = group_circular
    barrier = threading.Barrier(2)
    refused, errors = [], []

    def send():
        try:
            barrier.wait()
            circular_send(circular=Circular.objects.get(pk=circular.pk), actor=secretariat)
        except ValidationError as exc:
            refused.append(exc)
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(refused) == 1
    assert _recipients(smtp_server) == sorted(person.email for person in members)
    assert CircularDelivery.objects.filter(status="sent").count() == 6


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_the_same_batch_send_each_copy_once(postgres, group_circular, smtp_server):
    circular, members, _secretariat = group_circular
    ids = [person.pk for person in members]
    CircularDelivery.objects.bulk_create([CircularDelivery(circular=circular, person_id=pk) for pk in ids])
    Circular.objects.filter(pk=circular.pk).update(status="sent", sent_at=circular.created_at)
    barrier = threading.Barrier(2)
    outcomes, errors = [], []

    def work():
        try:
            barrier.wait()
            outcomes.append(sending.send_batch(circular_id=circular.pk, person_ids=ids))
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(pk for outcome in outcomes for pk in outcome["sent"]) == sorted(ids)
    assert _recipients(smtp_server) == sorted(person.email for person in members)


class FailingAfter(SMTPCollector):
    """Accepts ``ok`` messages, then answers "try again later" until ``healthy``."""

    def __init__(self, ok: int):
        super().__init__()
        self.ok, self.healthy = ok, False

    async def handle_DATA(self, server, session, envelope):
        if not self.healthy and len(self.messages) >= self.ok:
            return "451 Requested action aborted: local error in processing"
        return await super().handle_DATA(server, session, envelope)


@pytest.mark.django_db
def test_an_smtp_failure_midway_is_retried_and_nobody_gets_two(
    group_circular, smtp_server, django_capture_on_commit_callbacks
):
    circular, members, secretariat = group_circular
    smtp_server.stop()
    smtp_server.handler = FailingAfter(ok=2)
    smtp_server.start()
    with django_capture_on_commit_callbacks(execute=True):
        circular_send(circular=circular, actor=secretariat)
    assert len(smtp_server.messages) == 2
    failed = CircularDelivery.objects.filter(status="failed")
    assert failed.count() == 4 and "451" in failed.first().error
    smtp_server.handler.healthy = True
    with django_capture_on_commit_callbacks(execute=True):
        assert sending.retry_failed() == 4
    with django_capture_on_commit_callbacks(execute=True):
        assert sending.retry_failed() == 0  # nothing left: a second retry sends nothing
    assert _recipients(smtp_server) == sorted(person.email for person in members)
    assert set(CircularDelivery.objects.values_list("status", flat=True)) == {"sent"}


@pytest.mark.django_db
def test_smtp_down_then_back_delivers_each_once(group_circular, smtp_server, django_capture_on_commit_callbacks):
    circular, members, secretariat = group_circular
    smtp_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        circular_send(circular=circular, actor=secretariat)
    assert CircularDelivery.objects.filter(status="failed").count() == 6
    assert "Connection refused" in CircularDelivery.objects.first().error
    smtp_server.start()
    from circulars.tasks import retry_failed_circulars

    with django_capture_on_commit_callbacks(execute=True):
        retry_failed_circulars.delay()  # the hourly beat task
    assert _recipients(smtp_server) == sorted(person.email for person in members)
    parsed = smtp_server.parsed()[0]
    assert parsed.get_content_type() == "multipart/alternative"
    assert parsed["Subject"] == "Rundschreiben: Nur für die AG"
