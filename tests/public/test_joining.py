"""“Mitglied werden”: the public request, its double opt-in, the desk, and the board's decision."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from defus.desk import work_queue
from members.models import Invitation, Organisation
from publicsite import services
from publicsite.models import MembershipApplication

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Stadt Musterhausen",
    "kind": "city",
    "federal_state": "BY",
    "municipality_key": "09162000",
    "efus_member": "on",
    "contact_name": "Petra Prävention",
    "contact_email": "petra@musterhausen.example",
    "reason": "Wir wollen vom Austausch zur kommunalen Prävention lernen.",
    "bylaws": "on",
    "consent": "on",
}


def _confirm_link() -> str:
    return re.search(r"https?://\S+/mitglied-werden/bestaetigen/[^/\s]+/", mail.outbox[-1].body).group(0)


def _applications_on_desk(user) -> int:
    return next(line.count for line in work_queue(user) if line.pending.key == "membership_applications")


@pytest.fixture
def confirmed(client):
    client.post(reverse("membership_apply"), FORM)
    client.post(_confirm_link())
    return MembershipApplication.objects.get()


def test_the_page_asks_for_the_organisation_and_an_email_address(client):
    html = client.get(reverse("membership_apply")).content.decode()
    for field in ("name", "kind", "municipality_key", "contact_name", "contact_email", "reason"):
        assert f'name="{field}"' in html
    assert 'type="email"' in html


def test_only_the_confirmed_request_reaches_the_desk(client, secretariat):
    response = client.post(reverse("membership_apply"), FORM)
    assert response.status_code == 302
    application = MembershipApplication.objects.get()
    assert application.status == "unconfirmed"
    assert mail.outbox[-1].to == ["petra@musterhausen.example"]
    assert _applications_on_desk(secretariat) == 0
    link = _confirm_link()
    # Opening the link (a mail scanner does) confirms nothing; the button does.
    assert "Stadt Musterhausen" in client.get(link).content.decode()
    assert MembershipApplication.objects.get().status == "unconfirmed"
    client.post(link)
    assert MembershipApplication.objects.get().status == "confirmed"
    assert _applications_on_desk(secretariat) == 1


def test_an_expired_or_replaced_link_confirms_nothing(client):
    client.post(reverse("membership_apply"), FORM)
    first = _confirm_link()
    client.post(reverse("membership_apply"), {**FORM, "name": "Stadt Musterhausen am See"})
    assert client.post(first).status_code == 404
    assert MembershipApplication.objects.get().name == "Stadt Musterhausen am See"
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=49)):
        assert client.post(_confirm_link()).status_code == 404
    assert MembershipApplication.objects.get().status == "unconfirmed"


def test_the_honeypot_stores_nothing_and_answers_the_same(client):
    response = client.post(reverse("membership_apply"), {**FORM, "website": "http://spam.example"}, follow=True)
    assert MembershipApplication.objects.count() == 0 and not mail.outbox
    assert response.status_code == 200


def test_requests_are_rate_limited(client, settings):
    settings.GUEST_REGISTRATION_RATE_LIMIT = 2
    for number in range(2):
        client.post(reverse("membership_apply"), {**FORM, "contact_email": f"p{number}@example.org"})
    response = client.post(reverse("membership_apply"), FORM)
    assert response.status_code == 429
    assert MembershipApplication.objects.count() == 2


def test_the_key_must_belong_to_the_state(client):
    response = client.post(reverse("membership_apply"), {**FORM, "federal_state": "NW"})
    assert response.status_code == 400 and MembershipApplication.objects.count() == 0


def test_the_board_accepts_an_efus_member_as_an_active_member_and_invites_its_contact(client, board, confirmed):
    client.force_login(board)
    url = reverse("admin:public_membershipapplication_changelist")
    client.post(url, {"action": "accept", "_selected_action": [confirmed.pk]})
    organisation = Organisation.objects.get(name="Stadt Musterhausen")
    assert organisation.status == "active" and organisation.municipality_key == "09162000"
    assert organisation.joined_on == timezone.localdate()
    invitation = Invitation.objects.get(organisation=organisation)
    assert invitation.email == "petra@musterhausen.example" and invitation.invited_by == board
    confirmed.refresh_from_db()
    assert confirmed.status == "accepted" and confirmed.decided_by == board
    assert "Stadt Musterhausen" in client.get(reverse("public_members")).content.decode()


def test_an_organisation_not_yet_in_efus_is_admitted_as_an_applicant(board, confirmed):
    MembershipApplication.objects.filter(pk=confirmed.pk).update(efus_member=False)
    organisation = services.application_accept(application=confirmed, decided_by=board)
    assert organisation.status == "applicant" and organisation.joined_on is None


def test_a_refusal_needs_a_reason_and_sends_it(client, board, confirmed):
    client.force_login(board)
    url = reverse("admin:public_membershipapplication_changelist")
    page = client.post(url, {"action": "refuse", "_selected_action": [confirmed.pk]})
    assert page.status_code == 200 and b'name="reason"' in page.content
    client.post(url, {"action": "refuse", "_selected_action": [confirmed.pk], "reason": ""})
    assert MembershipApplication.objects.get().status == "confirmed"
    sent = len(mail.outbox)
    reason = "Die Stadt ist noch kein Mitglied im Efus."
    client.post(url, {"action": "refuse", "_selected_action": [confirmed.pk], "reason": reason})
    assert MembershipApplication.objects.get().status == "refused"
    assert len(mail.outbox) == sent + 1 and reason in mail.outbox[-1].body
    assert mail.outbox[-1].to == ["petra@musterhausen.example"]
    assert not Organisation.objects.filter(name="Stadt Musterhausen").exists()


def test_a_decided_request_is_not_decided_again(board, confirmed):
    services.application_refuse(application=confirmed, decided_by=board, reason="Nein.")
    with pytest.raises(ValidationError):
        services.application_accept(application=confirmed, decided_by=board)


def test_the_secretariat_sees_the_request_but_only_the_board_decides(client, secretariat, confirmed):
    client.force_login(secretariat)
    url = reverse("admin:public_membershipapplication_changelist")
    page = client.get(url)
    assert page.status_code == 200 and b"Stadt Musterhausen" in page.content
    assert b'value="accept"' not in page.content
    client.post(url, {"action": "accept", "_selected_action": [confirmed.pk]})
    assert MembershipApplication.objects.get().status == "confirmed"


def test_a_member_without_office_has_no_admin_access(client, member, confirmed):
    client.force_login(member)
    response = client.get(reverse("admin:public_membershipapplication_changelist"))
    assert response.status_code in (302, 403)
