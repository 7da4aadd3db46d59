"""Staff cannot take over an account: the address changes only when confirmed, and every change is audited."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from members.models import AddressChange, AuditEntry, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ATTACKER = "attacker@evil.example"


def _person_form(person, **changes):
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "position": person.position,
        "phone": person.phone,
        "organisation": person.organisation_id or "",
        "level": person.level,
        "language": person.language,
        "is_active": "on" if person.is_active else "",
        "email": person.email,
        "mandates-TOTAL_FORMS": "0",
        "mandates-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_the_person_form_does_not_change_the_address(client, secretariat, delegate):
    client.force_login(secretariat)
    url = reverse("admin:members_user_change", args=[delegate.pk])
    response = client.post(url, _person_form(delegate, email=ATTACKER, first_name="Renamed"))
    assert response.status_code == 302, response.content.decode()[:2000]
    delegate.refresh_from_db()
    assert delegate.email == "delegate@example.org"
    assert delegate.first_name == "Renamed"
    page = client.get(url).content.decode()
    assert 'name="email"' not in page
    assert reverse("admin:members_user_email_change", args=[delegate.pk]) in page


def test_the_organisation_people_table_does_not_change_the_address(client, secretariat, delegate, organisation):
    client.force_login(secretariat)
    url = reverse("admin:members_organisation_change", args=[organisation.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)}
    data.update(
        {
            "people-TOTAL_FORMS": "1",
            "people-INITIAL_FORMS": "1",
            "people-0-id": str(delegate.pk),
            "people-0-organisation": str(organisation.pk),
            "people-0-email": ATTACKER,
            "people-0-first_name": delegate.first_name,
            "people-0-last_name": "Umbenannt",
            "people-0-level": delegate.level,
            "people-0-is_active": "on",
            "mandates-TOTAL_FORMS": "0",
            "mandates-INITIAL_FORMS": "0",
            "fees-TOTAL_FORMS": "0",
            "fees-INITIAL_FORMS": "0",
        }
    )
    for key in ("shares_aims", "accepts_bylaws", "efus_member"):
        if data.get(key) is False:
            data.pop(key)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    delegate.refresh_from_db()
    assert delegate.email == "delegate@example.org"
    assert delegate.last_name == "Umbenannt"
    entry = AuditEntry.objects.get(action="user.changed", target_id=str(delegate.pk))
    assert entry.actor == secretariat and entry.changes["last_name"]["to"] == "Umbenannt"


def test_every_change_of_a_person_in_the_admin_is_audited(client, secretariat, member):
    client.force_login(secretariat)
    url = reverse("admin:members_user_change", args=[member.pk])
    response = client.post(url, _person_form(member, is_active="", position="Leitung"))
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="user.changed", target_id=str(member.pk))
    assert entry.actor == secretariat
    assert entry.changes["is_active"] == {"from": "True", "to": "False"}
    assert entry.changes["position"]["to"] == "Leitung"
    assert not any("password" in key for key in entry.changes)


def _link(message, path_part):
    url = re.search(rf"https?://\S+{path_part}\S+/", message.body).group(0)
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_staff_cannot_take_over_an_account_by_changing_its_address(
    client, secretariat, delegate, django_capture_on_commit_callbacks
):
    """The probe's attack: staff set an address they control, confirm it, reset the password, sign in, vote."""
    client.force_login(secretariat)
    url = reverse("admin:members_user_email_change", args=[delegate.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"new_email": ATTACKER})
    assert response.status_code == 302
    # Nothing reaches the address staff typed: there is no link to confirm, and no address to confirm.
    assert [message.to for message in mail.outbox] == [["delegate@example.org"]]
    assert not EmailAddress.objects.filter(email=ATTACKER).exists()
    entry = AuditEntry.objects.get(action="person.email_change_requested")
    assert entry.actor == secretariat and entry.target_id == str(delegate.pk)
    # A password reset for the typed address sends no reset link.
    mail.outbox.clear()
    client.post(reverse("account_reset_password"), {"email": ATTACKER})
    assert not any("/password/reset/key/" in message.body for message in mail.outbox)
    assert not client.login(username=ATTACKER, password="anything")
    assert User.objects.get(pk=delegate.pk).email == "delegate@example.org"


def test_the_person_says_this_was_not_me_and_the_board_is_told(
    client, secretariat, delegate, board, django_capture_on_commit_callbacks
):
    from members.services import person_email_change_request

    with django_capture_on_commit_callbacks(execute=True):
        person_email_change_request(person=delegate, new_email=ATTACKER, actor=secretariat)
    (notice,) = mail.outbox
    review = _link(notice, "/profil/adresse/")
    assert secretariat.get_full_name() in notice.body and ATTACKER in notice.body
    mail.outbox.clear()
    page = client.get(review)
    assert page.status_code == 200 and ATTACKER in page.content.decode()
    assert AddressChange.objects.get().state == "pending"  # GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(review, {"decision": "reject"}).status_code == 200
    assert AddressChange.objects.get().state == "rejected"
    (alert,) = mail.outbox
    assert alert.to == [board.email] and delegate.get_full_name() in alert.body and ATTACKER in alert.body
    assert secretariat.get_full_name() in alert.body
    rejected = AuditEntry.objects.get(action="person.email_change_rejected")
    assert rejected.actor == delegate
    # The link is spent: approving afterwards does nothing.
    assert client.post(review, {"decision": "approve"}).status_code == 410
    assert not EmailAddress.objects.filter(email=ATTACKER).exists()


def test_a_change_the_person_approves_is_confirmed_from_the_new_address(
    client, secretariat, delegate, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    url = reverse("admin:members_user_email_change", args=[delegate.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"new_email": "Neu@Example.org"})
    client.logout()
    # The person, signed in, finds the request on the profile page and approves it.
    client.force_login(delegate)
    profile = client.get(reverse("profile_edit")).content.decode()
    review = re.search(r'href="(/profil/adresse/[^"]+/)"', profile).group(1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(review, {"decision": "approve"}).status_code == 200
    pending = EmailAddress.objects.get(user=delegate, email="neu@example.org")
    assert not pending.verified and not pending.primary
    (confirmation,) = mail.outbox
    assert confirmation.to == ["neu@example.org"]
    delegate.refresh_from_db()
    assert delegate.email == "delegate@example.org"  # not yet

    # Confirmed from the new address: from then on it is the sign-in address, the old one is gone.
    client.logout()
    assert client.post(_link(confirmation, "/accounts/confirm-email/")).status_code == 302
    delegate.refresh_from_db()
    assert delegate.email == "neu@example.org"
    assert list(EmailAddress.objects.filter(user=delegate).values_list("email", "verified", "primary")) == [
        ("neu@example.org", True, True)
    ]
    approved = AuditEntry.objects.get(action="person.email_change_approved")
    assert approved.actor == delegate
    changed = AuditEntry.objects.get(action="person.email_changed")
    assert changed.actor == delegate
    assert changed.changes["email"] == {"from": "delegate@example.org", "to": "neu@example.org"}
    assert changed.changes["requested_by"]["to"] == str(secretariat)  # both actors on record


def test_a_forged_or_other_link_changes_nothing(client, secretariat, delegate, member):
    from members.services import person_email_change_request, review_token

    change = person_email_change_request(person=delegate, new_email=ATTACKER, actor=secretariat)
    token = review_token(change)
    assert (
        client.post(reverse("address_change_review", args=[token[:-2] + "xx"]), {"decision": "approve"}).status_code
        == 410
    )
    # A second request replaces the first: the first link is spent.
    person_email_change_request(person=delegate, new_email="zweite@example.org", actor=secretariat)
    assert client.post(reverse("address_change_review", args=[token]), {"decision": "approve"}).status_code == 410
    assert not EmailAddress.objects.filter(email__in=[ATTACKER, "zweite@example.org"]).exists()


def test_no_password_reset_goes_to_an_unconfirmed_address(client, secretariat, delegate):
    from members.services import person_email_change_request

    person_email_change_request(person=delegate, new_email=ATTACKER, actor=secretariat)
    mail.outbox.clear()
    client.post(reverse("account_reset_password"), {"email": ATTACKER})
    # At most allauth's "no account with this address" notice (enumeration protection), never a reset link.
    assert not any("/password/reset/key/" in message.body for message in mail.outbox)
    mail.outbox.clear()
    # The confirmed address still gets its reset link.
    client.post(reverse("account_reset_password"), {"email": "delegate@example.org"})
    assert [message.to for message in mail.outbox] == [["delegate@example.org"]]
    assert "/password/reset/key/" in mail.outbox[0].body


def test_an_address_of_another_account_is_refused(client, secretariat, delegate, member):
    client.force_login(secretariat)
    response = client.post(reverse("admin:members_user_email_change", args=[delegate.pk]), {"new_email": member.email})
    assert response.status_code == 200
    assert "bereits ein Konto" in response.content.decode()
    assert not EmailAddress.objects.filter(user=delegate, email=member.email).exists()


def test_the_board_reads_people_but_cannot_change_an_address(client, board, delegate):
    client.force_login(board)
    assert client.get(reverse("admin:members_user_change", args=[delegate.pk])).status_code == 200
    url = reverse("admin:members_user_email_change", args=[delegate.pk])
    assert client.post(url, {"new_email": ATTACKER}).status_code == 403
    assert not EmailAddress.objects.filter(email=ATTACKER).exists()
    assert User.objects.get(pk=delegate.pk).email == "delegate@example.org"


def test_a_new_person_in_the_admin_is_created_with_an_address(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("admin:members_user_add"),
        _person_form(UserFactory.build(email="neu@example.org", first_name="Neu", last_name="Person")),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person = User.objects.get(email="neu@example.org")
    assert AuditEntry.objects.filter(action="user.created", target_id=str(person.pk)).exists()


def test_moving_a_person_to_another_organisation_is_audited_and_told(
    client, secretariat, member, other_organisation, django_capture_on_commit_callbacks
):
    from tests.factories import make_delegate

    old_delegate = make_delegate(member.organisation)
    new_delegate = make_delegate(other_organisation)
    client.force_login(secretariat)
    url = reverse("admin:members_user_change", args=[member.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, _person_form(member, organisation=other_organisation.pk)).status_code == 302
    entry = AuditEntry.objects.get(action="user.changed", target_id=str(member.pk))
    assert entry.actor == secretariat and "organisation" in entry.changes
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, old_delegate.email, new_delegate.email])
    assert all(other_organisation.name in m.body and secretariat.get_full_name() in m.body for m in mail.outbox)
