"""The secretariat uploads a PKS table in the admin: a preview that writes nothing, then one confirming POST."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from analyses.models import CrimeFigure, Indicator, PksImport, Survey
from tests.analyses.tables import NO_HEADER, pks_csv, pks_xlsx
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def cities(organisation):
    # Stadt Essen (the personas' organisation, key 05113000) and Stuttgart.
    OrganisationFactory(name="Landeshauptstadt Stuttgart", municipality_key="08111000")


def _upload(client, name, data, year=""):
    return client.post(
        reverse("admin:analyses_pksimport_add"),
        {"file": SimpleUploadedFile(name, data), "year": year},
    )


def test_upload_previews_then_confirm_imports(client, secretariat, cities):
    client.force_login(secretariat)
    response = _upload(client, "T01_Staedte.xlsx", pks_xlsx())
    run = PksImport.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{run.pk}/change/")
    assert run.state == PksImport.State.PREVIEW and run.year == 2024
    assert (run.created, run.updated, run.unchanged) == (5, 0, 0)
    assert CrimeFigure.objects.count() == 0  # a preview writes nothing
    page = client.get(response["Location"]).content.decode()
    assert reverse("admin:analyses_pksimport_confirm", args=[run.pk]) in page
    assert "csrfmiddlewaretoken" in page

    confirm = reverse("admin:analyses_pksimport_confirm", args=[run.pk])
    assert client.get(confirm).status_code == 405
    client.post(confirm)
    run.refresh_from_db()
    assert run.state == PksImport.State.DONE and run.finished_at is not None
    assert CrimeFigure.objects.count() == 5
    client.post(confirm)  # a second click imports nothing more
    assert CrimeFigure.objects.count() == 5


def test_a_wrong_file_is_refused_at_upload(client, secretariat, cities):
    client.force_login(secretariat)
    _upload(client, "liste.csv", b"Name;Adresse\nA;B\n", year="2020")
    run = PksImport.objects.get()
    assert run.state == PksImport.State.FAILED and re.fullmatch(NO_HEADER, run.report)
    client.post(reverse("admin:analyses_pksimport_confirm", args=[run.pk]))
    assert CrimeFigure.objects.count() == 0


def test_the_year_given_at_upload_wins(client, secretariat, cities):
    client.force_login(secretariat)
    _upload(client, "staedte.csv", pks_csv(), year="2019")
    run = PksImport.objects.get()
    assert run.year == 2019 and run.state == PksImport.State.PREVIEW


def test_members_cannot_upload_or_confirm(client, member, cities):
    client.force_login(member)
    assert _upload(client, "T01_Staedte.xlsx", pks_xlsx()).status_code in (302, 403)
    assert not PksImport.objects.exists()


def test_secretariat_records_a_survey_with_indicator_values_in_the_admin(client, secretariat, organisation):
    from analyses.demo import ensure_defaults

    ensure_defaults()
    indicator = Indicator.objects.get(key="unsafe-after-dark")
    client.force_login(secretariat)
    response = client.post(
        reverse("admin:analyses_survey_add"),
        {
            "organisation": organisation.pk,
            "year": 2024,
            "title": "Befragung 2024",
            "method": "online",
            "sample_size": 1800,
            "values-TOTAL_FORMS": 1,
            "values-INITIAL_FORMS": 0,
            "values-MIN_NUM_FORMS": 0,
            "values-MAX_NUM_FORMS": 1000,
            "values-0-indicator": indicator.pk,
            "values-0-value": "41,2",
        },  # fmt: skip
    )
    assert response.status_code == 302, re.findall(r"errorlist[^<]*<li>([^<]*)", response.content.decode())
    survey = Survey.objects.get()
    assert survey.created_by == secretariat
    assert str(survey.values.get().value) == "41.2"
