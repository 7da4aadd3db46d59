"""kernel.claims: a sending is claimed once, a failure gives it back for the retry, an audited update logs
old → new (the shared shapes of issue 30)."""

import pytest

from circulars.models import CircularDelivery
from kernel import claims
from members import audit
from members.models import AuditEntry
from tests.factories import CircularFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _delivery():
    return CircularDelivery.objects.create(circular=CircularFactory(), person=UserFactory())


def test_it_sends_a_delivery_once_however_often_it_runs():
    delivery = _delivery()
    sent = []
    row = CircularDelivery.objects.filter(pk=delivery.pk)
    assert claims.send_delivery(row, lambda: sent.append(1)) is True
    assert claims.send_delivery(row, lambda: sent.append(2)) is False
    delivery.refresh_from_db()
    assert (sent, delivery.status, delivery.attempts, delivery.error) == ([1], "sent", 1, "")
    assert delivery.sent_at is not None


def test_a_failed_sending_is_recorded_and_claimed_again_by_the_retry():
    delivery = _delivery()
    row = CircularDelivery.objects.filter(pk=delivery.pk)

    def refused():
        raise OSError("421 try later")

    with pytest.raises(OSError):
        claims.send_delivery(row, refused)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.error, delivery.sent_at) == ("failed", "OSError: 421 try later", None)
    assert claims.send_delivery(row, lambda: None) is True
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.error) == ("sent", 2, "")


def test_the_audited_update_saves_and_logs_only_what_differs():
    organisation = OrganisationFactory(federal_state="BY")
    assert audit.update(organisation, actor=None, action="organisation.changed", values={"federal_state": "BY"}) == {}
    assert not AuditEntry.objects.filter(action="organisation.changed").exists()
    changed = audit.update(organisation, actor=None, action="organisation.changed", values={"federal_state": "NW"})
    assert changed == {"federal_state": ("BY", "NW")}
    organisation.refresh_from_db()
    entry = AuditEntry.objects.get(action="organisation.changed")
    assert (organisation.federal_state, entry.changes) == ("NW", {"federal_state": {"from": "BY", "to": "NW"}})
