"""A finished year's annual report is built once and kept until its data changes; the running year's is live
(issue 32: its cost no longer grows with the data on every view)."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from analyses import annual
from members.models import Organisation
from tests.factories import OrganisationFactory
from tests.helpers import count_queries, pinned_clock

pytestmark = pytest.mark.django_db
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
_clock = pinned_clock(datetime.datetime(2027, 3, 10, 9, 30, tzinfo=BERLIN))


@pytest.fixture
def builds(monkeypatch):
    """The years the report was built for, in order."""
    years = []
    build = annual._build

    def counting(year):
        years.append(year)
        return build(year)

    monkeypatch.setattr(annual, "_build", counting)
    return years


def _report(client, year):
    return client.get(reverse("annual_report"), {"jahr": year}).content.decode()


def test_a_finished_year_is_built_once_however_often_it_is_read(client, member, builds):
    OrganisationFactory(name="Stadt Neuzugang", joined_on=datetime.date(2026, 5, 10))
    client.force_login(member)
    url = reverse("annual_report") + "?jahr=2026"
    first = count_queries(client, url)
    for _ in range(3):
        assert "Stadt Neuzugang" in _report(client, 2026)
    assert builds == [2026]
    assert count_queries(client, url) < first


def test_a_change_to_its_data_builds_it_again(client, member, builds):
    leaving = OrganisationFactory(name="Stadt Abschied", joined_on=datetime.date(2012, 1, 1))
    client.force_login(member)
    assert "Stadt Abschied" not in _report(client, 2026)
    # Recorded late, in the new year, as it happens before the members' meeting.
    leaving.status, leaving.left_on = Organisation.Status.LEFT, datetime.date(2026, 12, 31)
    leaving.save()
    assert "Stadt Abschied" in _report(client, 2026)
    assert builds == [2026, 2026]


def test_the_running_year_is_built_on_every_view(client, member, builds):
    client.force_login(member)
    _report(client, 2027)
    OrganisationFactory(name="Stadt Neuzugang", joined_on=datetime.date(2027, 2, 1))
    assert "Stadt Neuzugang" in _report(client, 2027)
    assert builds == [2027, 2027]
