"""Members read the register: a filtered list in constant queries, an entry in the Beccaria order with its level,
reason and its city's crime figures as context."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from analyses.models import Area, CrimeFigure
from practices.models import Level, Practice
from tests.factories import OrganisationFactory
from tests.helpers import count_queries, main_of
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

PUBLISHED = Practice.State.PUBLISHED


def _titles(response) -> list[str]:
    return [p.title for p in response.context["page"].object_list]


def test_filters_narrow_the_list(client, member, organisation, other_organisation, burglary):
    make_practice(organisations=[organisation], state=PUBLISHED, title="Einbruch Essen", offences=[burglary])
    make_practice(
        organisations=[other_organisation], state=PUBLISHED, title="Nachtleben Köln", setting="nightlife",
        level=Level.PROVEN, status="finished",
    )  # fmt: skip
    client.force_login(member)
    url = reverse("practice_list")
    assert sorted(_titles(client.get(url))) == ["Einbruch Essen", "Nachtleben Köln"]
    assert _titles(client.get(url, {"offence": burglary.pk})) == ["Einbruch Essen"]
    assert _titles(client.get(url, {"setting": "nightlife"})) == ["Nachtleben Köln"]
    assert _titles(client.get(url, {"level": Level.PROVEN})) == ["Nachtleben Köln"]
    assert _titles(client.get(url, {"organisation": organisation.pk})) == ["Einbruch Essen"]
    assert _titles(client.get(url, {"status": "finished"})) == ["Nachtleben Köln"]
    # Strongest evidence first.
    assert _titles(client.get(url))[0] == "Nachtleben Köln"


def test_drafts_of_other_cities_stay_hidden(client, other_member, organisation):
    draft = make_practice(organisations=[organisation], title="Geheimer Entwurf")
    client.force_login(other_member)
    assert "Geheimer Entwurf" not in client.get(reverse("practice_list")).content.decode()
    assert client.get(reverse("practice_detail", args=[draft.pk])).status_code == 404


def test_the_list_takes_the_same_queries_for_more_practices(client, member, burglary):
    def add(count):
        for number in range(count):
            city = OrganisationFactory()
            make_practice(organisations=[city], state=PUBLISHED, title=f"P{number}", offences=[burglary])

    client.force_login(member)
    add(3)
    few = count_queries(client, reverse("practice_list"))
    add(30)
    many = count_queries(client, reverse("practice_list") + "?level=probable")
    assert many == few


def test_the_entry_reads_in_the_beccaria_order_with_level_and_reason(client, member, organisation):
    practice = make_practice(organisations=[organisation], state=PUBLISHED, level_reason="Kontrollquartier belegt")
    client.force_login(member)
    page = main_of(client.get(reverse("practice_detail", args=[practice.pk])).content.decode())
    positions = [page.index(text) for text in ("1. ", "2. ", "3. ", "4. ", "5. ", "6. ", "7. ")]
    assert positions == sorted(positions)
    assert "wahrscheinlich" in page and "Kontrollquartier belegt" in page


def test_the_entry_shows_its_citys_figures_around_its_period(client, member, organisation, burglary):
    practice = make_practice(
        organisations=[organisation], state=PUBLISHED, offences=[burglary],
        period_start=datetime.date(2020, 1, 1), period_end=datetime.date(2021, 12, 31),
    )  # fmt: skip
    for year, cases in ((2015, 98765), (2018, 2222), (2021, 3333), (2023, 4444)):
        CrimeFigure.objects.create(
            year=year, offence=burglary, offence_name="Wohnungseinbruch", area_name=organisation.name,
            municipality_key=organisation.municipality_key, area=Area.MUNICIPALITY, organisation=organisation,
            cases=cases, frequency=Decimal("100.5"),
        )  # fmt: skip
    client.force_login(member)
    page = main_of(client.get(reverse("practice_detail", args=[practice.pk])).content.decode())
    assert "2.222" in page and "3.333" in page
    assert "98.765" not in page and "4.444" not in page  # outside 2018–2022
