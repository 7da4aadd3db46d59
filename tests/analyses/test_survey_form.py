"""A member city records its citizen survey in the portal; the secretariat for any member city."""

import pytest
from django.urls import reverse

from analyses.demo import ensure_defaults
from analyses.models import Indicator, Survey
from tests.factories import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicators(db):
    ensure_defaults()
    return {indicator.key: indicator for indicator in Indicator.objects.all()}


def _data(indicators, **extra):
    return {
        "year": "2024", "title": "Sicherheitsbefragung 2024", "method": "online", "sample_size": "1800",
        f"indicator_{indicators['unsafe-after-dark'].pk}": "38,5",
        f"indicator_{indicators['victimised-12-months'].pk}": "",
        **extra,
    }  # fmt: skip


def test_a_member_records_the_survey_of_its_own_city(client, member, organisation, indicators):
    report = make_document(label="members", title="Bericht zur Befragung")
    client.force_login(member)
    assert client.get(reverse("survey_create")).status_code == 200
    response = client.post(reverse("survey_create"), _data(indicators, report=report.pk))
    assert response.status_code == 302 and response["Location"] == reverse("lagebild_city", args=[organisation.slug])
    survey = Survey.objects.get()
    assert (survey.organisation, survey.created_by, survey.report) == (organisation, member, report)
    assert [(v.indicator.key, str(v.value)) for v in survey.values.all()] == [("unsafe-after-dark", "38.5")]
    page = client.get(response["Location"]).content.decode()
    assert "Sicherheitsbefragung 2024" in page and "38,5 %" in page


def test_a_member_cannot_record_for_another_city(client, member, organisation, other_organisation, indicators):
    other_organisation.municipality_key = "05315000"
    other_organisation.save()
    client.force_login(member)
    client.post(reverse("survey_create"), _data(indicators, organisation=other_organisation.pk))
    assert Survey.objects.get().organisation == organisation  # the field is not offered to members


def test_the_secretariat_chooses_the_city(client, secretariat, organisation, indicators):
    client.force_login(secretariat)
    client.post(reverse("survey_create"), _data(indicators, organisation=organisation.pk))
    assert Survey.objects.get().organisation == organisation


def test_values_out_of_range_and_duplicates_are_form_errors(client, member, indicators):
    client.force_login(member)
    field = f"indicator_{indicators['unsafe-after-dark'].pk}"
    response = client.post(reverse("survey_create"), _data(indicators, **{field: "120"}))
    assert response.status_code == 200 and not Survey.objects.exists()
    client.post(reverse("survey_create"), _data(indicators))
    response = client.post(reverse("survey_create"), _data(indicators))
    assert response.status_code == 200 and 'class="alert alert-danger"' in response.content.decode()
    assert Survey.objects.count() == 1


def test_people_of_an_organisation_without_a_territory_may_not(client, other_member, indicators):
    client.force_login(other_member)
    assert client.get(reverse("survey_create")).status_code == 403
    assert client.post(reverse("survey_create"), _data(indicators)).status_code == 403
