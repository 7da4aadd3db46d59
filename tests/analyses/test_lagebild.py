"""Lagebild pages: figures in German format, every chart beside its table, downloads, fixed query counts."""

import datetime
import io
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from analyses.models import Area, CrimeFigure, Indicator, IndicatorValue, Offence, Survey
from tests.factories import OrganisationFactory, make_document

pytestmark = pytest.mark.django_db


def _offences():
    """The featured defaults (also created by migration; tests that flush the database lack them)."""
    from analyses.demo import ensure_defaults

    ensure_defaults()
    return list(Offence.objects.filter(featured=True))


def _figures(organisation, years, offences, *, base=9716.4):
    for year in years:
        for number, offence in enumerate(offences):
            CrimeFigure.objects.create(
                year=year,
                offence=offence,
                offence_name=offence.name,
                municipality_key=organisation.municipality_key,
                area_name=organisation.name,
                area=Area.MUNICIPALITY,
                organisation=organisation,
                cases=56789 + year + number,
                frequency=Decimal(str(base)) + number,
                cleared=30000,
                clearance_rate=Decimal("52.8"),
            )


def _national(years, offences):
    for year in years:
        for offence in offences:
            CrimeFigure.objects.create(
                year=year, offence=offence, offence_name=offence.name, municipality_key="00",
                area_name="Bundesrepublik Deutschland", area=Area.FEDERAL, cases=5436401, frequency=Decimal("6548.1"),
            )  # fmt: skip


class _Charts(HTMLParser):
    """Collects each chart's data-table reference and <desc>, and every table's id and text."""

    def __init__(self):
        super().__init__()
        self.charts, self.tables, self._stack, self._in_desc, self._table = [], {}, [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure" and "chart" in (attrs.get("class") or ""):
            self.charts.append({"id": attrs["id"], "table": attrs.get("data-table"), "desc": "", "svg_role": None})
        if tag == "svg" and self.charts:
            self.charts[-1]["svg_role"] = attrs.get("role")
        if tag == "desc":
            self._in_desc = True
        if tag == "table" and attrs.get("id"):
            self._table = attrs["id"]
            self.tables[self._table] = ""

    def handle_endtag(self, tag):
        if tag == "desc":
            self._in_desc = False
        if tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._in_desc:
            self.charts[-1]["desc"] += data
        if self._table:
            self.tables[self._table] += data


def _charts_with_tables(html: str) -> list[dict]:
    parser = _Charts()
    parser.feed(html)
    for chart in parser.charts:
        assert chart["svg_role"] == "img", chart
        assert chart["table"] in parser.tables, f"chart {chart['id']} has no table"
        # Every figure the chart describes is in its table too.
        for number in re.findall(r"\d[\d.]*,\d", chart["desc"]):
            assert number in parser.tables[chart["table"]], (chart["id"], number)
    return parser.charts


@pytest.fixture
def lagebild(member, organisation):
    offences = _offences()
    _figures(organisation, [2022, 2023], offences)
    _national([2022, 2023], offences)
    other = OrganisationFactory(name="Stadt Köln", municipality_key="05315000")
    _figures(other, [2022, 2023], offences, base=12500.5)
    return offences


def test_a_member_sees_its_city_over_the_years_in_german_format(client, member, organisation, lagebild):
    client.force_login(member)
    response = client.get(reverse("lagebild_city", args=[organisation.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "9.716,4" in html and "58.811" in html and "52,8" in html  # HZ, cases (56789 + 2022), AQ
    assert "6.548,1" in html  # the national figure beside it
    charts = _charts_with_tables(html)
    assert len(charts) == len(lagebild)
    assert "Straftaten insgesamt" in html


def test_the_comparison_shows_all_member_cities_for_one_offence_and_year(client, member, lagebild):
    client.force_login(member)
    response = client.get(reverse("lagebild"), {"offence": "435*00", "year": "2023"})
    html = response.content.decode()
    assert "Stadt Essen" in html and "Stadt Köln" in html
    assert "12.501,5" in html and "9.717,4" in html  # the burglary figures (base + 1)
    assert "Bundesrepublik Deutschland" in html
    (chart,) = _charts_with_tables(html)
    assert chart["table"] == "table-comparison"
    # The member's own city is hatched, not only coloured.
    assert 'fill="url(#chart-comparison-hatch)"' in html


def test_english_readers_get_english_number_format(client, member, organisation, lagebild):
    member.language = "en"
    member.save(update_fields=["language"])
    client.force_login(member)
    html = client.get(reverse("lagebild_city", args=[organisation.slug])).content.decode()
    assert "9,716.4" in html


def test_a_small_member_city_is_told_why_it_has_no_figures(client, member, lagebild):
    leer = OrganisationFactory(name="Stadt Leer", municipality_key="03457013")
    client.force_login(member)
    html = client.get(reverse("lagebild_city", args=[leer.slug])).content.decode()
    assert "100,000" in html or "100.000" in html
    assert "<figure" not in html


def test_an_organisation_without_a_territory_has_no_lagebild(client, member):
    council = OrganisationFactory(name="Landespräventionsrat")
    client.force_login(member)
    assert client.get(reverse("lagebild_city", args=[council.slug])).status_code == 404


def test_downloads_as_csv_and_xlsx(client, member, organisation, lagebild):
    from openpyxl import load_workbook

    client.force_login(member)
    url = reverse("lagebild_city", args=[organisation.slug])
    csv = client.get(url, {"export": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].count(";") == 5
    # Decimal commas for German Excel; the offence key "------" guarded so Excel does not read a formula.
    assert "2023;'------;Straftaten insgesamt;58812;9716,4;52,8" in text
    xlsx = client.get(url, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:4] == (2022, "------", "Straftaten insgesamt", 58811)
    comparison = client.get(reverse("lagebild"), {"offence": "------", "year": "2022", "export": "csv"})
    assert "Stadt Köln" in comparison.content.decode("utf-8-sig")


def test_members_see_the_surveys_of_a_city_with_only_the_documents_they_may_see(client, member, organisation):
    _offences()
    indicator = Indicator.objects.get(key="unsafe-after-dark")
    board_paper = make_document(label="board", title="Vorstandsvorlage Befragung")
    report = make_document(label="members", title="Bericht Befragung")
    survey = Survey.objects.create(
        organisation=organisation, year=2024, title="Sicherheitsbefragung 2024", method="postal", sample_size=2400,
        questionnaire=board_paper, report=report,
    )  # fmt: skip
    IndicatorValue.objects.create(survey=survey, indicator=indicator, value=Decimal("38.5"))
    client.force_login(member)
    for url in (reverse("lagebild"), reverse("lagebild_city", args=[organisation.slug])):
        html = client.get(url).content.decode()
        assert "Sicherheitsbefragung 2024" in html and "38,5 %" in html and "2.400" in html
        assert reverse("document_detail", args=[report.pk]) in html
        assert reverse("document_detail", args=[board_paper.pk]) not in html


def _count(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_query_counts_are_pinned_and_do_not_grow_with_years_and_cities(
    client, member, organisation, lagebild, django_assert_max_num_queries
):
    client.force_login(member)
    city_url = reverse("lagebild_city", args=[organisation.slug])
    overview_url = reverse("lagebild")
    client.get(city_url)  # warm the session
    small = (_count(client, city_url), _count(client, overview_url, offence="------", year="2023"))
    for index in range(6):
        other = OrganisationFactory(name=f"Stadt {index}", municipality_key=f"0620{index}000")
        _figures(other, range(2015, 2024), lagebild)
    _figures(organisation, range(2015, 2022), lagebild)
    large = (_count(client, city_url), _count(client, overview_url, offence="------", year="2023"))
    assert small == large, (small, large)
    # Each page has two for the practice register's lines (practices.lagebild: the reader's offices, one query for
    # the practices against all its offences).
    with django_assert_max_num_queries(12):
        client.get(city_url)
    with django_assert_max_num_queries(14):
        client.get(overview_url, {"offence": "------", "year": "2023"})


def test_annual_report_query_count_does_not_grow(client, member, django_assert_max_num_queries):
    client.force_login(member)
    url = reverse("annual_report")
    client.get(url)
    year = datetime.date.today().year - 1
    small = _count(client, url, jahr=str(year))
    for index in range(5):
        OrganisationFactory(name=f"Neu {index}", joined_on=datetime.date(year, 3, index + 1))
    assert _count(client, url, jahr=str(year)) == small
    with django_assert_max_num_queries(18):
        client.get(url, {"jahr": str(year)})
