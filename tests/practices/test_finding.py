"""Finding practices: full-text search over the entry and its evaluation report, filters as a shareable address,
and a sort by evidence level or by recency."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from practices.models import Level, Practice
from tests.factories import make_document
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

PUBLISHED = Practice.State.PUBLISHED


def _titles(response) -> list[str]:
    assert response.status_code == 200
    return [p.title for p in response.context["page"].object_list]


@pytest.fixture
def practices(organisation, other_organisation):
    report = make_document(label="members", title="Abschlussbericht Fahrradcodierung", description="Evaluation")
    return [
        make_practice(
            organisations=[organisation], state=PUBLISHED, title="Fahrräder sichern", evaluation_report=report,
            evaluation="before_after", results="Weniger Diebstähle.", language="de", level=Level.THEORETICAL,
            level_decided_on=datetime.date(2025, 6, 1), target_group="Radfahrende",
        ),
        make_practice(
            organisations=[other_organisation], state=PUBLISHED, title="Safe nights", language="en",
            mechanism="Frühe Ansprache von Streitenden im Kneipenviertel.", level=Level.PROVEN,
            level_decided_on=datetime.date(2024, 1, 1),
        ),
    ]  # fmt: skip


def test_search_finds_the_entrys_text_and_its_reports(client, member, practices):
    client.force_login(member)
    url = reverse("practice_list")
    assert _titles(client.get(url, {"q": "kneipenviertel"})) == ["Safe nights"]
    # The evaluation report's title is searched too.
    assert _titles(client.get(url, {"q": "Abschlussbericht"})) == ["Fahrräder sichern"]
    # Every word must match somewhere.
    assert _titles(client.get(url, {"q": "Fahrräder Kneipenviertel"})) == []


def test_the_new_filters_are_a_shareable_address(client, member, practices):
    client.force_login(member)
    url = reverse("practice_list")
    assert _titles(client.get(url, {"language": "en"})) == ["Safe nights"]
    assert _titles(client.get(url, {"evaluated": "yes"})) == ["Fahrräder sichern"]
    assert _titles(client.get(url, {"evaluated": "no"})) == ["Safe nights"]
    assert _titles(client.get(url, {"target": "radfahr"})) == ["Fahrräder sichern"]
    # The filtered address leads to the same list for another reader (a link in an e-mail).
    page = client.get(f"{url}?language=en&page=1")
    assert "language=en" in page.context["query"]


def test_the_list_sorts_by_level_or_by_recency(client, member, practices):
    client.force_login(member)
    url = reverse("practice_list")
    assert _titles(client.get(url)) == ["Safe nights", "Fahrräder sichern"]
    assert _titles(client.get(url, {"sort": "level"})) == ["Safe nights", "Fahrräder sichern"]
    Practice.objects.filter(title="Fahrräder sichern").update(updated_at=timezone.now() + datetime.timedelta(hours=1))
    assert _titles(client.get(url, {"sort": "recent"})) == ["Fahrräder sichern", "Safe nights"]
