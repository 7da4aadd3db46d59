"""The secretariat's "Heute zu tun" on the portal's start page shows only the kinds of work waiting; in the admin
the kinds with nothing to do stay quiet, and the words say what waits (issue 28)."""

import pytest
from django.urls import reverse

from defus.models import OutboxTask

pytestmark = pytest.mark.django_db


def test_the_portal_start_page_shows_the_secretariat_the_work_waiting(client, secretariat):
    OutboxTask.objects.create(task="members.tasks.send_invitation", args=[1])
    client.force_login(secretariat)
    html = client.get(reverse("dashboard")).content.decode()
    assert 'id="desk-today-heading"' in html and "Heute zu tun" in html
    start = html.index('id="desk-today-heading"')
    today = html[start : html.index("</section>", start)]
    assert 'id="today-outbox"' in today and "<strong>1</strong>" in today
    assert "E-Mails und Aufgaben, die auf den Versand warten" in today
    assert "<strong>0</strong>" not in today  # nothing that waits for nobody
    assert reverse("admin:index") in today


def test_nothing_waiting_shows_nothing(client, secretariat):
    client.force_login(secretariat)
    assert 'id="desk-today-heading"' not in client.get(reverse("dashboard")).content.decode()


def test_a_member_sees_no_desk(client, member):
    OutboxTask.objects.create(task="members.tasks.send_invitation", args=[1])
    client.force_login(member)
    html = client.get(reverse("dashboard")).content.decode()
    assert 'id="desk-today-heading"' not in html


def test_the_admins_zero_rows_are_quiet(client, secretariat):
    OutboxTask.objects.create(task="members.tasks.send_invitation", args=[1])
    client.force_login(secretariat)
    html = client.get(reverse("admin:index")).content.decode()
    assert '<tr id="desk-outbox">' in html  # work waiting: not quiet
    assert 'id="desk-fees_overdue" class="desk-zero"' in html
    assert "Broker" not in html
