"""CSV cells as German Excel reads them: decimal commas, negative numbers kept, formulas defused."""

import csv
import io
from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from kernel.spreadsheet import excel_csv, safe_cell


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def test_it_writes_numbers_with_a_decimal_comma_and_no_grouping():
    assert safe_cell(Decimal("8000000.00")) == "8000000,00"
    assert safe_cell(1250.5) == "1250,5"
    assert safe_cell(42) == "42"


def test_it_keeps_a_negative_number_a_number_but_defuses_text_formulas():
    assert safe_cell(Decimal("-12.50")) == "-12,50"
    assert safe_cell(-3) == "-3"
    assert safe_cell("-3") == "'-3"
    assert safe_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert safe_cell(None) == ""


def test_it_writes_a_semicolon_file_with_bom():
    text = excel_csv([["Essen", Decimal("1.5")]], ["Name", "Betrag"])
    assert text.startswith("\ufeff")
    assert _rows(text) == [["Name", "Betrag"], ["Essen", "1,5"]]


def test_funding_csv_shows_status_in_the_readers_language_and_budget_as_german_number(client, member):
    import datetime

    from django.utils import timezone

    from funding.models import Call, Deadline, Programme

    programme = Programme.objects.create(code="ISF", name="Internal Security Fund")
    call = Call.objects.create(
        identifier="ISF-2026-TEST", title_en="Test call", programme=programme, budget=Decimal("8000000.00")
    )
    Deadline.objects.create(call=call, at=timezone.now() + datetime.timedelta(days=30))
    client.force_login(member)
    with translation.override("de"):
        text = client.get(reverse("call_list"), {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    row = next(r for r in _rows(text) if r and r[0] == "ISF-2026-TEST")
    assert row[4] == "Offen"
    assert row[6] == "8000000,00"
