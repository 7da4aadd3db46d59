"""Applicants: a bulk invitation leaves their people out and says so (they may be invited anyway); an applicant
who signs in is welcomed, not refused; a former member still finds the member area closed, in words for them."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from members import onboarding
from members.models import Invitation, Organisation, User
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _imported(organisation, email):
    person = UserFactory(email=email, organisation=organisation)
    person.set_unusable_password()
    person.save()
    return person


@pytest.fixture
def applicant():
    return OrganisationFactory(name="Stadt Neuling", slug="stadt-neuling", status=Organisation.Status.APPLICANT)


def _german(text: str, **values) -> str:
    with translation.override("de"):
        return gettext(text) % values if values else gettext(text)


def test_the_bulk_invitation_leaves_out_applicants_and_says_how_many_and_why(
    client, secretariat, organisation, applicant, django_capture_on_commit_callbacks
):
    _imported(organisation, "aktiv@example.org")
    _imported(applicant, "neu1@example.org")
    _imported(applicant, "neu2@example.org")
    client.force_login(secretariat)
    changelist = reverse("admin:members_organisation_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            changelist,
            {"action": "invite_people", "_selected_action": [organisation.pk, applicant.pk]},
            follow=True,
        )
    assert [m.to[0] for m in mail.outbox] == ["aktiv@example.org"]
    assert "1 Einladung versandt." in response.text
    with translation.override("de"):
        left_out = ngettext(
            "%(count)d person not invited: their organisation has applied but is not a member yet (%(names)s).",
            "%(count)d people not invited: their organisation has applied but is not a member yet (%(names)s).",
            2,
        ) % {"count": 2, "names": "Stadt Neuling"}
    assert left_out in response.text
    assert not Invitation.objects.filter(email__startswith="neu").exists()

    # Explicitly: invite them anyway.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(changelist, {"action": "invite_people_anyway", "_selected_action": [applicant.pk]}, follow=True)
    assert sorted(Invitation.objects.filter(email__startswith="neu").values_list("email", flat=True)) == [
        "neu1@example.org",
        "neu2@example.org",
    ]


def test_the_person_list_action_leaves_out_former_members_too(client, secretariat, organisation, left_member):
    left_member.set_unusable_password()
    left_member.save()
    _imported(organisation, "aktiv@example.org")
    assert onboarding.left_out(User.objects.all()) == {Organisation.Status.LEFT: (1, ["Stadt Ehemals"])}
    client.force_login(secretariat)
    response = client.post(
        reverse("admin:members_user_changelist"),
        {"action": "invite_without_account", "_selected_action": list(User.objects.values_list("pk", flat=True))},
        follow=True,
    )
    assert "Stadt Ehemals" in response.text
    assert list(Invitation.objects.values_list("email", flat=True)) == ["aktiv@example.org"]


def test_an_applicant_who_signs_in_is_welcomed_not_refused(client, applicant):
    person = UserFactory(email="neu@example.org", organisation=applicant)
    client.force_login(person)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    text = _german(
        "Your application for membership is being processed; you will get access as soon as the board has decided."
    )
    assert text in response.text
    assert "nicht (mehr) aktives Mitglied" not in response.text
    assert reverse("my_data") in response.text


def test_a_former_member_still_finds_the_member_area_closed(client, left_member):
    client.force_login(left_member)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 403
    with translation.override("de"):
        expected = gettext(
            "%(name)s is no longer a member of DEFUS, so the member area is closed to you. You can still manage "
            "your account, download your data or delete your account."
        ) % {"name": "Stadt Ehemals"}
    assert expected in response.text
