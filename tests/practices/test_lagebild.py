"""The register tied to the Lagebild: a city's page and the comparison for an offence name the practices against
that offence ("Wohnungseinbruch: 4 Praxisbeispiele in 3 Mitgliedsstädten, 1 nachgewiesen")."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from analyses.models import Area, CrimeFigure, Offence
from practices.lagebild import offence_ties
from practices.models import Level, Practice
from tests.factories import OrganisationFactory
from tests.helpers import main_of
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

PUBLISHED = Practice.State.PUBLISHED


@pytest.fixture
def register(organisation, other_organisation, burglary):
    Offence.objects.filter(pk=burglary.pk).update(featured=True)
    third = OrganisationFactory()
    for city, key in ((organisation, "05113000"), (other_organisation, "05315000"), (third, "08111000")):
        city.municipality_key = key
        city.save(update_fields=["municipality_key"])
        CrimeFigure.objects.create(
            year=2024, offence=burglary, offence_name=burglary.name, area_name=city.name, area=Area.MUNICIPALITY,
            municipality_key=city.municipality_key, organisation=city, cases=100, frequency=Decimal("50.0"),
        )  # fmt: skip
    levels = [Level.PROVEN, Level.PROBABLE, Level.THEORETICAL, Level.NOT_RATED]
    cities = [[organisation], [organisation], [other_organisation], [third]]
    made = [
        make_practice(organisations=c, state=PUBLISHED, title=f"Praxis {n}", offences=[burglary], level=level)
        for n, (c, level) in enumerate(zip(cities, levels, strict=True))
    ]
    # Not counted: a draft, and a practice against another offence.
    make_practice(organisations=[organisation], title="Entwurf", offences=[burglary])
    other = Offence.objects.get_or_create(key="220000", defaults={"name": "Körperverletzung"})[0]
    make_practice(organisations=[organisation], state=PUBLISHED, title="Andere Straftat", offences=[other])
    return made


def test_the_tie_counts_practices_cities_and_proven_ones(member, burglary, register):
    tie = offence_ties(user=member, offences=[burglary])[burglary.pk]
    assert (tie.count, tie.cities, tie.proven) == (4, 3, 1)
    with translation.override("en"):
        assert tie.line == f"{burglary.name}: 4 practice examples in 3 member cities, 1 proven"


def test_the_comparison_lists_the_practices_against_its_offence(client, member, burglary, register):
    client.force_login(member)
    page = main_of(client.get(reverse("lagebild"), {"offence": burglary.key, "year": 2024}).content.decode())
    for practice in register:
        assert practice.title in page
    assert "Entwurf" not in page and "Andere Straftat" not in page
    assert f"{reverse('practice_list')}?offence={burglary.pk}" in page


def test_a_citys_page_names_its_own_practices_for_its_offences(client, member, organisation, burglary, register):
    client.force_login(member)
    page = main_of(client.get(reverse("lagebild_city", args=[organisation.slug])).content.decode())
    assert "Praxis 0" in page and "Praxis 1" in page
    assert "Praxis 2" not in page  # another city's, counted in the line only
    assert f"{reverse('practice_list')}?offence={burglary.pk}" in page
