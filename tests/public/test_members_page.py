"""The public member page: exactly the active members, on the map and in the table; links only where agreed."""

import datetime
import re

import pytest
from django.urls import reverse

from publicsite import geo
from publicsite.models import MemberPage
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities(db):
    stuttgart = OrganisationFactory(name="Landeshauptstadt Stuttgart", federal_state="BW")
    essen = OrganisationFactory(name="Stadt Essen", federal_state="NW")
    OrganisationFactory(name="Stadt Köln", status="applicant", joined_on=None, efus_member=False)
    OrganisationFactory(name="Stadt Bonn", status="left", left_on=datetime.date(2024, 12, 31))
    OrganisationFactory(name="Stadt Hagen", status="suspended")
    return stuttgart, essen


def test_it_lists_exactly_the_active_members_on_the_map_and_in_the_table(client, cities):
    html = client.get(reverse("public_members")).content.decode()
    rows = re.findall(r'<th scope="row">([^<]+)</th>', html)
    points = re.findall(r'<circle [^>]*aria-label="([^"]+)"', html)
    assert rows == ["Landeshauptstadt Stuttgart", "Stadt Essen"]
    assert points == ["Landeshauptstadt Stuttgart, Baden-Württemberg", "Stadt Essen, Nordrhein-Westfalen"]
    for other in ("Köln", "Bonn", "Hagen"):
        assert other not in html


def test_the_map_is_inline_svg_with_a_title_description_and_named_points(client, cities):
    html = client.get(reverse("public_members")).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'aria-labelledby="map-title"' in svg and '<title id="map-title">' in svg and '<desc id="map-desc">' in svg
    assert re.search(r'<path d="M[\d. LMZ]+"', svg)  # the outline, drawn from the committed data
    assert "<title>Stadt Essen</title>" in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing loaded from elsewhere


def test_points_lie_where_the_cities_are(cities):
    stuttgart, essen, berlin = geo.point_for("Stuttgart"), geo.point_for("Stadt Essen"), geo.point_for("Berlin")
    assert stuttgart.y > essen.y > berlin.y  # south to north
    assert essen.x < stuttgart.x < berlin.x  # west to east
    for point in (stuttgart, essen, berlin):
        assert 0 < point.x < geo.OUTLINE["width"] and 0 < point.y < geo.OUTLINE["height"]


def test_names_are_matched_without_their_prefix_and_an_unknown_place_is_not_drawn():
    assert geo.place_of("Landeshauptstadt München") == geo.PLACES["München"]
    assert geo.place_of("Freie und Hansestadt Hamburg") == geo.PLACES["Hamburg"]
    assert geo.place_of("Landespräventionsrat Niedersachsen") is None


def test_a_place_name_on_the_public_entry_puts_an_organisation_on_the_map(client, cities):
    council = OrganisationFactory(name="Landespräventionsrat Niedersachsen", kind="prevention_council")
    html = client.get(reverse("public_members")).content.decode()
    assert "Landespräventionsrat Niedersachsen</th>" in html
    assert "<title>Landespräventionsrat Niedersachsen</title>" not in html
    MemberPage.objects.create(organisation=council, place_name="Hannover")
    html = client.get(reverse("public_members")).content.decode()
    assert "<title>Landespräventionsrat Niedersachsen</title>" in html


def test_the_prevention_page_is_linked_only_where_the_organisation_agreed(client, cities):
    stuttgart, essen = cities
    MemberPage.objects.create(
        organisation=stuttgart,
        prevention_url="https://www.stuttgart.example/sicherheit",
        link_consent=True,
        consent_recorded_on=datetime.date(2026, 11, 2),
    )
    MemberPage.objects.create(organisation=essen, prevention_url="https://www.essen.example/praevention")
    html = client.get(reverse("public_members")).content.decode()
    assert 'href="https://www.stuttgart.example/sicherheit"' in html
    assert "essen.example" not in html


def test_the_page_takes_the_same_queries_however_many_members(client, cities, django_assert_max_num_queries):
    client.get(reverse("public_members"))
    for number in range(20):
        OrganisationFactory(name=f"Stadt Nummer {number}")
    with django_assert_max_num_queries(4):
        assert client.get(reverse("public_members")).status_code == 200


def test_every_public_page_links_leichte_sprache_in_its_header(client, cities):
    for name in ("home", "impressum", "datenschutz", "barrierefreiheit", "public_members", "position_papers"):
        html = client.get(reverse(name)).content.decode()
        header = html[html.index("<header") : html.index("</header>")]
        assert f'href="{reverse("leichte_sprache")}" lang="de"' in header, name
        assert 'rel="alternate" type="application/atom+xml"' in html, name
