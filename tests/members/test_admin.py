"""The secretariat's work in the admin: CSV export, filters, fees, audit log."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import AuditEntry, Role
from tests.factories import MandateFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_member_csv_opens_in_german_excel(client, secretariat):
    OrganisationFactory(name="Stadt Göttingen", slug="stadt-gottingen", joined_on=datetime.date(2014, 5, 10))
    client.force_login(secretariat)
    url = reverse("admin:members_organisation_changelist")
    ids = list(
        __import__("members.models", fromlist=["Organisation"]).Organisation.objects.values_list("pk", flat=True)
    )
    response = client.post(url, {"action": "export_csv", "_selected_action": ids})
    body = response.content
    assert body.startswith("\ufeff".encode())
    text = body.decode("utf-8-sig")
    assert "Stadt Göttingen;Stadt;Nordrhein-Westfalen;Aktives Mitglied;10.05.2014;;ja" in text.splitlines()


def test_offices_ending_within_60_days(client, secretariat):
    today = timezone.localdate()
    soon = MandateFactory(role=Role.TREASURER, end=today + datetime.timedelta(days=30))
    later = MandateFactory(role=Role.BOARD_MEMBER, end=today + datetime.timedelta(days=200))
    client.force_login(secretariat)
    response = client.get(reverse("admin:members_mandate_changelist"), {"term": "ending"})
    shown = {m.pk for m in response.context["cl"].result_list}
    assert soon.pk in shown and later.pk not in shown


def test_status_change_is_audited(client, secretariat, organisation):
    client.force_login(secretariat)
    url = reverse("admin:members_organisation_change", args=[organisation.pk])
    form = client.get(url).context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update(
        {
            "status": "suspended",
            "joined_on": "2015-01-01",
            "shares_aims": "on",
            "accepts_bylaws": "on",
            "efus_member": "on",
        }
    )
    for prefix in ("people", "mandates", "fees"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    entry = AuditEntry.objects.get(action="organisation.changed")
    assert entry.actor == secretariat
    assert entry.changes["status"] == {"from": "active", "to": "suspended"}
    # The board reads the audit log; nobody can edit it.
    assert not secretariat.has_perm("members.change_auditentry")
