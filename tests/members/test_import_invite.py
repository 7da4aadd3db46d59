"""After the import: "N neue Personen einladen" from the run's page; the person list filters by invitation state
and by import run."""

import pytest
from django.urls import reverse
from django.utils import translation

from members.imports import runs
from members.models import ImportRun, Invitation, User
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = (
    b"Organisation;Vorname;Nachname;E-Mail\n"
    b"Stadt Essen;Ede;Eck;ede@essen.de\n"
    b"Stadt Essen;Eva;Ems;eva@essen.de\n"
    b"Stadt Neu;Nina;Neu;nina@neu.de\n"
)


def _rows(page: str) -> list[str]:
    return [email for email in ("ede@essen.de", "eva@essen.de", "nina@neu.de", "alt@essen.de") if email in page]


def test_the_new_people_of_an_import_are_invited_from_its_page_and_the_list_filters(
    client, secretariat, django_capture_on_commit_callbacks
):
    essen = OrganisationFactory(name="Stadt Essen", slug="stadt-essen")
    old = UserFactory(email="alt@essen.de", organisation=essen)
    old.set_unusable_password()
    old.save()
    run = runs.import_file(content=LIST, file_name="liste.csv", actor=secretariat)
    assert run.status == ImportRun.Status.APPLIED
    client.force_login(secretariat)
    page = client.get(reverse("admin:members_importrun_confirm", args=[run.pk])).text
    with translation.override("de"):
        button = translation.ngettext("Invite %(counter)s new person", "Invite %(counter)s new people", 2) % {
            "counter": 2
        }
    # Nina's organisation is new, so an applicant: she is not counted.
    assert button in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:members_importrun_invite", args=[run.pk]), follow=True)
    assert sorted(Invitation.objects.values_list("email", flat=True)) == ["ede@essen.de", "eva@essen.de"]
    assert "nina@neu.de" not in Invitation.objects.values_list("email", flat=True)

    people = reverse("admin:members_user_changelist")
    assert _rows(client.get(people, {"einladung": "invited"}).text) == ["ede@essen.de", "eva@essen.de"]
    assert _rows(client.get(people, {"einladung": "not_invited"}).text) == ["nina@neu.de", "alt@essen.de"]
    assert _rows(client.get(people, {"import": str(run.pk)}).text) == ["ede@essen.de", "eva@essen.de", "nina@neu.de"]
    assert User.objects.count() >= 4


def test_only_the_secretariat_invites_from_a_run(client, board, secretariat):
    run = runs.import_file(content=LIST, file_name="liste.csv", actor=secretariat)
    client.force_login(board)
    assert client.post(reverse("admin:members_importrun_invite", args=[run.pk])).status_code in (302, 403)
    assert not Invitation.objects.exists()
