"""import_pks: both shapes of the BKA tables, upsert per year, offence and municipality, refusals."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from analyses.models import Area, CrimeFigure, Offence
from analyses.pks import PksFormatError, read_table
from kernel.parse import german_number
from tests.analyses.tables import CSV_HEADER, NO_HEADER, ROWS_2019, german, line_error, pks_csv, pks_xlsx
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities(db):
    return {
        "stuttgart": OrganisationFactory(name="Landeshauptstadt Stuttgart", municipality_key="08111000"),
        "essen": OrganisationFactory(name="Stadt Essen", municipality_key="05113000"),
        "munich": OrganisationFactory(name="Landeshauptstadt München", municipality_key="09162000"),
        # An applicant is not a member yet: its row counts as "not members".
        "applicant": OrganisationFactory(
            name="Stadt Frankfurt", municipality_key="06412000", status="applicant", efus_member=False
        ),
    }


def _run(tmp_path, name, data, *args):
    path = tmp_path / name
    path.write_bytes(data)
    out = __import__("io").StringIO()
    call_command("import_pks", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234", Decimal(1234)),
        ("1234", Decimal(1234)),
        ("8.716,4", Decimal("8716.4")),
        ("8716.4", Decimal("8716.4")),
        ("5.436.401", Decimal(5436401)),
        ("57,9", Decimal("57.9")),
        (" 12 345 ", Decimal(12345)),
        (42, Decimal(42)),
        (8716.4, Decimal("8716.4")),
        ("", None),
        ("-", None),
        (None, None),
    ],
)
def test_german_numbers(text, expected):
    assert german_number(text) == expected


@pytest.mark.parametrize("text", ["12a", "1,2,3", "eins", "1.2.3,4,5"])
def test_it_refuses_what_is_not_a_number(text):
    with pytest.raises(ValueError):
        german_number(text)


def test_it_imports_the_older_csv_in_windows_1252(tmp_path, cities):
    output = _run(tmp_path, "PKS_Staedte_2019.csv", pks_csv())
    # Stuttgart and Essen for two offences, the national total once; Frankfurt (applicant) twice not a member.
    assert "year 2019: created: 5, updated: 0, unchanged: 0, not members: 2" in output
    assert "Landeshauptstadt München" in output  # a member missing from the table is named
    essen = CrimeFigure.objects.get(year=2019, offence__key="------", organisation=cities["essen"])
    assert essen.cases == 56789
    assert essen.frequency == Decimal("9716.4")
    assert essen.clearance_rate == Decimal("52.8")
    assert (essen.attempts, essen.cleared, essen.suspects) == (3012, 30001, 21456)
    assert (essen.suspects_male, essen.suspects_female, essen.suspects_non_german) == (16400, 5056, 7654)
    assert essen.area == Area.MUNICIPALITY
    total = CrimeFigure.objects.get(year=2019, municipality_key="00")
    assert total.area == Area.FEDERAL and total.cases == 5436401 and total.organisation is None
    assert not CrimeFigure.objects.filter(municipality_key="06412000").exists()
    assert Offence.objects.get(key="435*00").name == "Wohnungseinbruchdiebstahl"


def test_importing_twice_changes_nothing(tmp_path, cities):
    _run(tmp_path, "pks-2019.csv", pks_csv())
    before = list(CrimeFigure.objects.order_by("pk").values())
    output = _run(tmp_path, "pks-2019.csv", pks_csv())
    assert "created: 0, updated: 0, unchanged: 5, not members: 2" in output
    assert list(CrimeFigure.objects.order_by("pk").values()) == before


def test_a_corrected_table_updates_in_place(tmp_path, cities):
    _run(tmp_path, "pks-2019.csv", pks_csv())
    rows = [list(row) for row in ROWS_2019]
    rows[1][4] = "51.300"  # Stuttgart, all offences
    output = _run(tmp_path, "pks-2019.csv", pks_csv(rows))
    assert "created: 0, updated: 1, unchanged: 4" in output
    assert CrimeFigure.objects.get(year=2019, offence__key="------", municipality_key="08111000").cases == 51300
    assert CrimeFigure.objects.count() == 5


def test_it_reads_utf8_with_umlaut_headers(cities):
    header = [name.replace("Schluessel", "Schlüssel").replace("Faelle", "Fälle") for name in CSV_HEADER]
    table = read_table(pks_csv(encoding="utf-8", header=header), filename="staedte.csv", year=2019)
    assert len(table.rows) == 7
    assert table.rows[1].cases == 51234


def test_it_imports_the_newer_xlsx_with_title_rows_and_a_two_row_header(tmp_path, cities):
    output = _run(tmp_path, "T01_Staedte.xlsx", pks_xlsx())
    # Stuttgart, Essen, München (all offences), Stuttgart and Essen (street crime), Baden-Württemberg total;
    # Berlin is not a member.
    assert "year 2024: created: 6, updated: 0, unchanged: 0, not members: 1" in output
    essen = CrimeFigure.objects.get(year=2024, offence__key="899000", organisation=cities["essen"])
    assert (essen.cases, essen.frequency, essen.clearance_rate) == (11000, Decimal("1884.3"), Decimal("23.6"))
    assert (essen.cleared, essen.attempts) == (2600, 900)
    assert (essen.suspects, essen.suspects_male, essen.suspects_female, essen.suspects_non_german) == (
        2500,
        2200,
        300,
        1000,
    )
    munich = CrimeFigure.objects.get(year=2024, offence__key="------", organisation=cities["munich"])
    assert (munich.cases, munich.frequency) == (90000, Decimal("6011.2"))
    state = CrimeFigure.objects.get(year=2024, municipality_key="08")
    assert state.area == Area.STATE
    assert "created: 0, updated: 0, unchanged: 6" in _run(tmp_path, "T01_Staedte.xlsx", pks_xlsx())


def test_the_year_comes_from_the_option_then_the_title_then_the_file_name(tmp_path, cities):
    assert read_table(pks_xlsx(), filename="x.xlsx").year == 2024
    assert read_table(pks_xlsx(), filename="x.xlsx", year=2023).year == 2023
    assert read_table(pks_xlsx(title="Polizeiliche Kriminalstatistik"), filename="pks_2022.xlsx").year == 2022
    with pytest.raises(CommandError, match="--year"):
        _run(tmp_path, "staedte.csv", pks_csv())
    assert "year 2018" in _run(tmp_path, "staedte.csv", pks_csv(), "--year", "2018")


def test_a_member_city_missing_from_the_table_is_reported_and_keeps_its_figures(tmp_path, cities):
    _run(tmp_path, "pks-2019.csv", pks_csv())
    without_essen = [row for row in ROWS_2019 if row[3] != "Essen"]
    output = _run(tmp_path, "pks-2019.csv", pks_csv(without_essen))
    assert "created: 0, updated: 0, unchanged: 3, not members: 2" in output
    assert "not in the table: Landeshauptstadt München, Stadt Essen" in output
    assert CrimeFigure.objects.filter(year=2019, organisation=cities["essen"]).count() == 2


NOT_A_WORKBOOK = german("The file is not a readable Excel workbook (.xlsx).")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("pks-2019.csv", b"", german("The file is empty.")),
        ("pks-2019.csv", b"Name;Adresse\nA;B\n", NO_HEADER),
        ("pks-2019.csv", pks_csv(header=[h for h in CSV_HEADER if h != "erfasste Faelle"]), NO_HEADER),
        ("pks-2019.xlsx", pks_xlsx(drop_column=2), NO_HEADER),  # no Gemeindeschlüssel
        ("pks-2019.csv", pks_csv([(*ROWS_2019[1][:4], "viele", *ROWS_2019[1][5:])]), line_error(2)),
        ("pks-2019.csv", pks_csv([ROWS_2019[1], ROWS_2019[1]]), line_error(3)),
        ("pks-2019.xlsx", b"PK\x03\x04 not really a workbook", NOT_A_WORKBOOK),
        ("pks-2019.csv", bytes(range(256)) * 4, "refused"),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused_with_nothing_written(tmp_path, cities, name, data, message):
    with pytest.raises(CommandError, match=message):
        _run(tmp_path, name, data)
    assert CrimeFigure.objects.count() == 0
    assert not Offence.objects.exclude(featured=True).exists()


def test_a_bad_row_late_in_the_file_writes_nothing(tmp_path, cities):
    rows = [*ROWS_2019, ("220000", "Körperverletzung", "08111000", "Stuttgart", "1,2,3", *ROWS_2019[1][5:])]
    with pytest.raises(CommandError, match=line_error(9)):
        _run(tmp_path, "pks-2019.csv", pks_csv(rows))
    assert CrimeFigure.objects.count() == 0


def test_read_table_raises_its_own_error():
    with pytest.raises(PksFormatError):
        read_table(b"x;y\n1;2\n", filename="a.csv", year=2020)
