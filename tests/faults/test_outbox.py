"""The outbox without a real broker: what is kept, how it is shown, and that eager mode is untouched."""

import pytest
from django.core import mail
from django.urls import reverse
from kombu.exceptions import OperationalError

from defus.models import OutboxTask
from kernel.tasks import enqueue, outbox_flush
from members.tasks import send_invitation
from tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down(monkeypatch, settings):
    from celery import current_app

    monkeypatch.setitem(current_app.conf, "task_always_eager", False)

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(type(send_invitation._get_current_object()), "apply_async", refuse)


def test_a_task_the_broker_refuses_is_kept_with_its_arguments(broker_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(send_invitation, 42)
    kept = OutboxTask.objects.get()
    assert (kept.task, kept.args, kept.kwargs, kept.attempts) == ("members.tasks.send_invitation", [42], {}, 1)
    assert "Connection refused" in kept.last_error
    assert outbox_flush() == 0
    kept.refresh_from_db()
    assert kept.attempts == 2


def test_in_process_tasks_run_at_once_and_keep_nothing(django_capture_on_commit_callbacks):
    invitation = InvitationFactory(email="sofort@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(send_invitation, invitation.pk)
    assert [message.to for message in mail.outbox] == [["sofort@example.org"]]
    assert not OutboxTask.objects.exists()


def test_the_secretariat_sees_kept_tasks_read_only(client, secretariat, board):
    OutboxTask.objects.create(task="members.tasks.send_invitation", args=[7], last_error="Connection refused")
    client.force_login(board)
    assert client.get(reverse("admin:defus_outboxtask_changelist")).status_code == 403
    client.force_login(secretariat)
    response = client.get(reverse("admin:defus_outboxtask_changelist"))
    assert response.status_code == 200
    assert "members.tasks.send_invitation" in response.content.decode()
    assert client.get(reverse("admin:defus_outboxtask_add")).status_code == 403
    row = OutboxTask.objects.get()
    change = client.get(reverse("admin:defus_outboxtask_change", args=[row.pk]))
    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()
