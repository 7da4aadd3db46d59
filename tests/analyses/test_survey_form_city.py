"""The survey form says which city a member city files for, and marks its required fields (issue 28)."""

import re

import pytest
from django.urls import reverse

from analyses.demo import ensure_defaults

pytestmark = pytest.mark.django_db


def test_a_member_city_reads_its_name_and_the_required_fields(client, member, organisation):
    ensure_defaults()
    client.force_login(member)
    html = client.get(reverse("survey_create")).content.decode()
    assert re.search(rf'id="survey-city">Für {re.escape(organisation.name)}<', html)
    for label in ("Jahr", "Titel", "Befragte"):
        assert re.search(rf">{label}<span class=\"asteriskField\">\*</span></label>", html, re.IGNORECASE), label
    assert not re.search(r">Fragebogen \(Bibliothek\)<span", html, re.IGNORECASE)  # optional: unmarked


def test_the_secretariat_chooses_the_city_instead(client, secretariat):
    ensure_defaults()
    client.force_login(secretariat)
    assert 'id="survey-city"' not in client.get(reverse("survey_create")).content.decode()
