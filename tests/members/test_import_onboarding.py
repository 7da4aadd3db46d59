"""After moving in: everyone imported is invited at once, reminded once after a week, and guided at first sign-in."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from members import onboarding
from members.imports import service
from members.models import Invitation, Organisation, Role, User
from members.tasks import remind_invitations
from tests.factories import UserFactory
from tests.helpers import pinned_clock

pytestmark = pytest.mark.django_db

LIST = (
    "Organisation;Vorname;Nachname;E-Mail;Amt;Amt von\n"
    "Stadt Münster;Anna;Acker;anna@muenster.de;Delegierte;01.03.2024\n"
    "Stadt Münster;Bernd;Becker;bernd@muenster.de;;\n"
    "Stadt Bonn;Clara;Czech;clara@bonn.de;;\n"
).encode()
START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
_clock = pinned_clock(START - datetime.timedelta(days=7))


def _imported():
    service.run(content=LIST, file_name="liste.csv", actor=None, dry_run=False)
    Organisation.objects.update(
        status=Organisation.Status.ACTIVE,
        shares_aims=True,
        accepts_bylaws=True,
        efus_member=True,
        joined_on=datetime.date(2020, 1, 1),
    )


def _states(client):
    page = client.get(reverse("admin:members_user_changelist")).text
    return {email: page.split(email, 1)[1].split("</tr>", 1)[0] for email in ("anna@", "bernd@", "clara@")}


def _signup(client, invitation):
    client.get(reverse("invitation_accept", args=[invitation.token]))
    response = client.post(
        reverse("account_signup"),
        {"first_name": "Anna", "last_name": "Acker", "password1": "sicheres-pw-4242", "password2": "sicheres-pw-4242"},
    )
    assert response.status_code == 302, response.text[:3000]
    client.logout()


def test_everyone_imported_is_invited_per_organisation_then_reminded_once(
    client, secretariat, member, django_capture_on_commit_callbacks
):
    with time_machine.travel(START, tick=False):
        _imported()
        client.force_login(secretariat)
        states = _states(client)
        assert all("nicht eingeladen" in state for state in states.values())
        muenster = Organisation.objects.get(name="Stadt Münster")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("admin:members_organisation_changelist"),
                {"action": "invite_people", "_selected_action": [muenster.pk]},
                follow=True,
            )
        assert "2 Einladungen versandt." in response.text
        assert sorted(m.to[0] for m in mail.outbox) == ["anna@muenster.de", "bernd@muenster.de"]
        # For all: only those without an account and without a usable invitation.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("admin:members_user_changelist"),
                {
                    "action": "invite_without_account",
                    "_selected_action": list(User.objects.values_list("pk", flat=True)),
                },
                follow=True,
            )
        assert "1 Einladung versandt." in response.text
        assert not Invitation.objects.filter(email__in=[secretariat.email, member.email]).exists()
        states = _states(client)
        assert all(">eingeladen<" in state for state in states.values()), states

    anna_invitation = Invitation.objects.get(email="anna@muenster.de")
    with time_machine.travel(START + datetime.timedelta(days=2)):
        _signup(client, anna_invitation)
    # Anna's imported record became her account: same person, her office kept.
    anna = User.objects.get(email="anna@muenster.de")
    assert anna.has_usable_password() and anna.mandates.get().role == Role.DELEGATE
    assert User.objects.filter(email__iexact="anna@muenster.de").count() == 1

    mail.outbox.clear()
    with time_machine.travel(START + datetime.timedelta(days=6, hours=23)):
        assert remind_invitations.delay().get() == 0
    with time_machine.travel(START + datetime.timedelta(days=7, hours=1)):
        assert remind_invitations.delay().get() == 2
        # The daily task again, or a second worker: nobody gets a second reminder.
        assert remind_invitations.delay().get() == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["bernd@muenster.de", "clara@bonn.de"]
    reminder = mail.outbox[0]
    assert reminder.subject.startswith("Erinnerung: Ihre Einladung zum DEFUS-Mitgliederportal")
    bernd = Invitation.objects.get(email="bernd@muenster.de")
    assert f"/einladung/{bernd.token}/" in reminder.body or f"/einladung/{bernd.token}/" in mail.outbox[1].body
    with time_machine.travel(START + datetime.timedelta(days=10)):
        assert remind_invitations.delay().get() == 0
        client.force_login(secretariat)
        states = _states(client)
        assert ">angenommen<" in states["anna@"] and ">erinnert<" in states["bernd@"]
    assert len(mail.outbox) == 2
    with time_machine.travel(START + datetime.timedelta(days=15)):
        client.force_login(secretariat)
        assert ">abgelaufen<" in _states(client)["clara@"]


def test_the_person_list_with_invitation_states_does_not_grow_in_queries(client, secretariat):
    _imported()
    client.force_login(secretariat)
    url = reverse("admin:members_user_changelist")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    onboarding.invite_all(people=User.objects.all(), invited_by=secretariat)
    for number in range(15):
        UserFactory(email=f"more{number}@example.org")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) <= len(few)


def test_the_first_steps_are_shown_at_first_sign_in_dismissed_and_back_from_the_profile(
    client, member, django_assert_max_num_queries
):
    client.force_login(member)
    dashboard = client.get(reverse("dashboard"))
    assert "Erste Schritte im Portal" in dashboard.text
    for step in ("Profil ergänzen", "Arbeitsgruppen wählen", "Wochenüberblick erhalten", "Kalender abonnieren"):
        assert step in dashboard.text
    assert "Zwei-Faktor-Authentifizierung einschalten" in dashboard.text
    # The digest is on by default: that step is done.
    assert 'Erledigt:</span>\n      <a href="/profil/wochenueberblick/">Wochenüberblick erhalten' in dashboard.text

    assert client.get(reverse("first_steps_dismiss")).status_code == 405
    assert client.post(reverse("first_steps_dismiss")).status_code == 302
    member.refresh_from_db()
    assert member.onboarding_dismissed_at is not None
    assert "Erste Schritte im Portal" not in client.get(reverse("dashboard")).text

    profile = client.get(reverse("profile_edit"))
    assert reverse("first_steps") in profile.text
    with django_assert_max_num_queries(12):
        page = client.get(reverse("first_steps"))
    assert "Kalender abonnieren" in page.text and "wieder auf meiner Startseite zeigen" in page.text
    client.post(reverse("first_steps_restore"))
    assert "Erste Schritte im Portal" in client.get(reverse("dashboard")).text


def test_someone_who_signed_in_before_the_change_sees_no_checklist():
    from importlib import import_module

    from django.apps import apps

    person = UserFactory(last_login=timezone.now())
    import_module("members.migrations.0007_member_import").existing_people_are_on_board(apps, None)
    person.refresh_from_db()
    assert person.onboarding_dismissed_at is not None


def test_an_imported_person_signs_up_with_the_names_the_list_knew(client):
    with time_machine.travel(START, tick=False):
        _imported()
        anna = User.objects.get(email="anna@muenster.de")
        invitation = Invitation.objects.create(
            email=anna.email, organisation=anna.organisation, expires_at=timezone.now() + datetime.timedelta(days=14)
        )
        client.get(reverse("invitation_accept", args=[invitation.token]))
        page = client.get(reverse("account_signup"))
    form = page.context["form"]
    assert (form["first_name"].value(), form["last_name"].value()) == ("Anna", "Acker")
    # The page says what the e-mail said: the invitation for the organisation.
    html = page.content.decode()
    assert "Einladung" in html and "Stadt Münster" in html.split("</h1>")[0]
