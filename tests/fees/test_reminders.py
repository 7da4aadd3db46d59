"""Payment reminders: to the invoice address, the delegate and the contact; at most once per fee in 14 days."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from fees import services
from fees.models import Reminder
from members.models import Role
from tests.factories import MandateFactory, UserFactory
from tests.fees.conftest import make_city, make_fee

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(city, django_capture_on_commit_callbacks, secretariat):
    fee = make_fee(city, year=2026)
    with django_capture_on_commit_callbacks(execute=True):
        services.invoice_issue(fee=fee, actor=secretariat, issued_on=datetime.date(2027, 1, 15))
    fee.refresh_from_db()
    assert fee.is_overdue  # due on 14 February, today is 1 March
    mail.outbox.clear()
    return fee


@pytest.fixture
def city_delegate(city):
    person = UserFactory(email="delegierte@essen.example", organisation=city, language="en")
    MandateFactory(role=Role.DELEGATE, person=person, organisation=city)
    return person


def _remind(fee, actor, capture):
    with capture(execute=True):
        return services.reminder_send(fee=fee, actor=actor)


def test_it_goes_to_the_invoice_address_the_delegate_and_the_contact(
    overdue, city_delegate, secretariat, django_capture_on_commit_callbacks
):
    reminder = _remind(overdue, secretariat, django_capture_on_commit_callbacks)
    expected = ["rechnung@essen.example", "delegierte@essen.example", "info@essen.example"]
    assert reminder.recipients == expected
    assert [message.to for message in mail.outbox] == [[address] for address in expected]
    to_delegate = mail.outbox[1]
    assert "Payment reminder: membership fee 2026 of Stadt Essen" in to_delegate.subject
    assert "2027-0001" in to_delegate.body and "DE02 1203 0000 0000 2020 51" in to_delegate.body
    assert [attachment.filename for attachment in to_delegate.attachments] == ["2027-0001.pdf"]
    assert (reminder.invoice.number, reminder.sent_by) == ("2027-0001", secretariat)


def test_a_fee_is_reminded_of_once_in_14_days(overdue, secretariat, clock, django_capture_on_commit_callbacks):
    _remind(overdue, secretariat, django_capture_on_commit_callbacks)
    sent = len(mail.outbox)
    clock.shift(datetime.timedelta(days=13, hours=23))
    with pytest.raises(ValidationError, match="next reminder is possible from"):
        _remind(overdue, secretariat, django_capture_on_commit_callbacks)
    assert Reminder.objects.count() == 1 and len(mail.outbox) == sent
    clock.shift(datetime.timedelta(hours=1))
    _remind(overdue, secretariat, django_capture_on_commit_callbacks)
    assert Reminder.objects.count() == 2 and len(mail.outbox) == 2 * sent


def test_a_fee_not_overdue_or_paid_gets_no_reminder(city, overdue, secretariat):
    not_due = make_fee(city, due_on=datetime.date(2027, 3, 2))
    with pytest.raises(ValidationError, match="not overdue"):
        services.reminder_send(fee=not_due, actor=secretariat)
    overdue.paid_on = datetime.date(2027, 2, 28)
    overdue.save()
    with pytest.raises(ValidationError, match="not overdue"):
        services.reminder_send(fee=overdue, actor=secretariat)
    assert not Reminder.objects.exists()


def test_an_organisation_without_any_address_is_named(secretariat):
    city = make_city("Stadt Ohne", billing=False, email="")
    fee = make_fee(city, due_on=datetime.date(2027, 1, 31))
    with pytest.raises(ValidationError, match="no e-mail address"):
        services.reminder_send(fee=fee, actor=secretariat)


def test_the_delegate_finds_the_reminder_in_my_data(city, overdue, city_delegate, secretariat, client):
    services.reminder_send(fee=overdue, actor=secretariat)
    client.force_login(city_delegate)
    data = client.get(reverse("my_data_download")).json()
    assert data["payment_reminders_received"] == [{"fee_year": 2026, "sent_at": "2027-03-01T09:00:00+00:00"}]
    # Another person of the city, whose address it did not go to, finds none.
    client.force_login(UserFactory(organisation=city))
    assert client.get(reverse("my_data_download")).json()["payment_reminders_received"] == []
