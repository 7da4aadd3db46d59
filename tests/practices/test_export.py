"""The public entries as JSON and CSV, linked from the list, with stable field names (README); drafts, entries
under review and members-only entries are never in it."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from practices.models import Practice
from practices.views_export import FIELDS
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(organisation, burglary):
    return make_practice(
        organisations=[organisation], state=Practice.State.PUBLISHED, is_public=True, title="Sicheres Wohnen",
        offences=[burglary], period_end=datetime.date(2024, 2, 29), register_links="https://eucpn.org/x\nhttps://gl.de/y",
    )  # fmt: skip


def test_the_export_holds_the_public_entries_with_their_evidence(client, organisation, draft, published):
    make_practice(organisations=[organisation], state=Practice.State.SUBMITTED, title="Eingereicht", is_public=True)
    listing = client.get(reverse("practice_list")).content.decode()
    assert reverse("practice_export") in listing and reverse("practice_export_csv") in listing
    data = client.get(reverse("practice_export")).json()["practices"]
    assert [entry["title"] for entry in data] == ["Sicheres Wohnen"]
    (entry,) = data
    assert entry["offences"] == ["435*00"] and entry["organisations"] == [organisation.name]
    assert entry["evidence_reason"] and entry["url"].endswith(reverse("practice_detail", args=[published.pk]))
    # The list's filters apply.
    assert client.get(reverse("practice_export"), {"status": "stopped"}).json()["practices"] == []


def test_the_json_export_round_trips(client, published):
    (entry,) = client.get(reverse("practice_export")).json()["practices"]
    assert set(entry) == (set(FIELDS) - {"period_start", "period_end"}) | {"period"}
    back = Practice.objects.get(pk=entry["id"])
    assert entry["title"] == back.title and entry["mechanism"] == back.mechanism
    assert datetime.date.fromisoformat(entry["period"]["start"]) == back.period_start
    assert datetime.date.fromisoformat(entry["period"]["end"]) == back.period_end
    assert datetime.date.fromisoformat(entry["rated_on"]) == back.level_decided_on
    assert entry["evidence_level_code"] == back.level and entry["register_links"] == back.links
    assert set(entry["offences"]) == set(back.offences.values_list("key", flat=True))


def test_the_csv_has_the_documented_columns(client, published):
    response = client.get(reverse("practice_export_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == FIELDS
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["title"] == "Sicheres Wohnen" and row["period_end"] == "2024-02-29"
    assert row["register_links"] == "https://eucpn.org/x | https://gl.de/y"
