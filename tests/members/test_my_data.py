"""Meine Daten: export of everything about me and nothing of anyone else; erasure."""

import json

import pytest
from django.urls import reverse

from members.models import Mandate, Role, User
from tests.factories import PASSWORD, MandateFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_export_contains_my_data_and_nothing_of_anyone_else(client, delegate, organisation):
    colleague = UserFactory(organisation=organisation, email="colleague@example.org", last_name="Kollegin")
    MandateFactory(role=Role.AUDITOR, person=colleague)
    client.force_login(delegate)
    response = client.get(reverse("my_data_download"))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["email"] == delegate.email
    assert [o["role"] for o in data["offices"]] == ["delegate"]
    raw = response.content.decode()
    assert "colleague@example.org" not in raw and "Kollegin" not in raw and "auditor" not in raw


def test_readable_page_shows_labelled_data(client, delegate, organisation):
    delegate.position = "Präventionsbeauftragte"
    delegate.save()
    client.force_login(delegate)
    html = client.get(reverse("my_data")).content.decode()
    assert delegate.email in html and "Präventionsbeauftragte" in html
    assert "Delegierte/r – Stadt Essen" in html  # the office, in words
    assert "show_email" not in html and "first_name" not in html  # no raw keys


def test_export_contains_my_contributions(client, member):
    from tests.factories import WorkingGroupFactory, make_thread

    make_thread(group=WorkingGroupFactory(), author=member, title="Meine Frage", body="Mein Text")
    client.force_login(member)
    data = json.loads(client.get(reverse("my_data_download")).content)
    assert data["posts"] == [{"discussion": "Meine Frage", "written": data["posts"][0]["written"], "text": "Mein Text"}]


def test_erasure_needs_the_password(client, member):
    client.force_login(member)
    response = client.post(reverse("my_data_erase"), {"password": "wrong"})
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.is_active and member.email == "member@example.org"


def test_erasure_removes_personal_data_and_keeps_office_history(client, delegate):
    delegate.salutation, delegate.title = "Frau", "Dr."
    delegate.save()
    client.force_login(delegate)
    response = client.post(reverse("my_data_erase"), {"password": PASSWORD})
    assert response.status_code == 302
    erased = User.objects.get(pk=delegate.pk)
    assert not erased.is_active and not erased.has_usable_password()
    assert "delegate@example.org" not in {erased.email, erased.first_name, erased.last_name}
    assert (erased.salutation, erased.title) == ("", "")
    assert erased.emailaddress_set.count() == 0
    assert Mandate.objects.filter(person=erased, role=Role.DELEGATE).exists()
    # Signed out, and the old credentials no longer work.
    assert client.get(reverse("dashboard")).status_code == 302
    assert not client.login(email="delegate@example.org", password=PASSWORD)


def test_people_of_an_organisation_that_left_keep_only_their_data(client, left_member):
    client.force_login(left_member)
    assert client.get(reverse("organisation_list")).status_code == 403
    assert client.get(reverse("my_data")).status_code == 200
    assert client.get(reverse("my_data_download")).status_code == 200


def test_office_records_are_kept_ten_years_then_purged(delegate, former_board):
    import datetime

    from members.services import person_erase, retention_purge

    person_erase(person=former_board)
    old = MandateFactory(role=Role.TREASURER, start=datetime.date(2010, 1, 1), end=datetime.date(2014, 12, 31))
    today = datetime.date(2026, 11, 25)
    assert retention_purge(today=today) == 1
    assert not Mandate.objects.filter(pk=old.pk).exists()
    # The erased former board member's office ended recently: kept, pseudonymised.
    assert Mandate.objects.filter(person=former_board).exists()
    later = today.replace(year=2040)
    retention_purge(today=later)
    assert not User.objects.filter(pk=former_board.pk).exists()
    assert User.objects.filter(pk=delegate.pk).exists()


def test_erasing_a_delegate_ends_the_office_and_forgets_the_name_in_the_log(client, delegate, secretariat):
    from members import audit
    from members.models import AuditEntry
    from members.selectors import current_delegates

    audit.record(actor=secretariat, action="user.changed", target=delegate, after=audit.snapshot(delegate))
    client.force_login(delegate)
    client.post(reverse("my_data_erase"), {"password": PASSWORD})
    assert not current_delegates().filter(person=delegate).exists()
    entry = AuditEntry.objects.get(action="user.changed")
    assert "delegate@example.org" not in str(entry.changes) and "Muster" not in entry.target_repr
