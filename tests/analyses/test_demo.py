"""The demo: official municipality keys, demo figures marked as such, one survey, idempotent."""

import pytest
from django.core.management import call_command

from analyses.models import CrimeFigure, Offence, Survey
from members.models import Organisation

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_keys_figures_and_a_survey_once():
    call_command("seed_demo")
    keys = dict(Organisation.objects.values_list("name", "municipality_key"))
    assert keys["Landeshauptstadt Stuttgart"] == "08111000"
    assert keys["Stadt Göttingen"] == "03159016"
    assert keys["Kreis Lippe"] == "05766"
    assert keys["Stadt Leer"] == "03457013"
    assert keys["Deutscher Präventionstag (DPT)"] == "" and keys["Landespräventionsrat Niedersachsen"] == ""
    for organisation in Organisation.objects.exclude(municipality_key=""):
        organisation.full_clean()  # every key passes the validator
    figures = CrimeFigure.objects.count()
    assert figures == 4 * 4 * 13  # four years, four featured offences, twelve members and Germany
    assert not CrimeFigure.objects.filter(is_demo=False).exists()
    assert not CrimeFigure.objects.filter(organisation__slug="stadt-leer").exists()
    assert set(Offence.objects.filter(featured=True).values_list("key", flat=True)) == {
        "------", "435*00", "899000", "220000",
    }  # fmt: skip
    survey = Survey.objects.get()
    assert survey.is_demo and survey.values.count() == 4
    before = list(CrimeFigure.objects.order_by("pk").values())
    call_command("seed_demo")
    assert list(CrimeFigure.objects.order_by("pk").values()) == before
    assert Survey.objects.count() == 1
