"""Uploaded spreadsheets are read within limits: a small hostile file is refused quickly, a real one reads as before."""

import io
import re
import time
import tracemalloc
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation

from kernel.parse import german_number, spreadsheet_year
from kernel.spreadsheet_reading import (
    EXCEL_CELL_CHARS,
    Limits,
    UnreadableSpreadsheet,
    csv_rows,
    decode_text,
    xlsx_rows,
)

LIMITS = Limits(rows=1_000, columns=20, unpacked_bytes=50_000_000)


def german(message: str, **params) -> str:
    with translation.override("de"):
        return translation.gettext(message) % params if params else translation.gettext(message)


def workbook(rows, *, patch=None) -> bytes:
    """An XLSX of ``rows``; ``patch`` rewrites the first sheet's XML, as a hostile file would be written."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if patch is None:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            data = source.read(entry.filename)
            archive.writestr(entry, patch(data) if entry.filename == "xl/worksheets/sheet1.xml" else data)
    return out.getvalue()


def full_dimension(xml: bytes) -> bytes:
    return re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:XFD1048576"/>', xml)


def no_dimension(xml: bytes) -> bytes:
    return re.sub(rb'<dimension ref="[^"]*"\s*/>', b"", xml)


def refusal(content: bytes) -> tuple[str, float, int]:
    """The German refusal of reading ``content``, with the seconds and the peak memory it took."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        with translation.override("de"), pytest.raises(UnreadableSpreadsheet) as refused:
            xlsx_rows(content, limits=LIMITS)
        return str(refused.value), time.monotonic() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_it_reads_the_rows_with_content_and_their_lines():
    content = workbook([["Titel"], [], ["a", 1, None, None], [None, "b"]])
    assert xlsx_rows(content, limits=LIMITS) == [(1, ["Titel"]), (3, ["a", 1]), (4, [None, "b"])]


def test_the_full_sheet_dimension_is_refused_at_once_in_german():
    content = workbook([["Organisation", "Vorname"], ["Stadt Essen", "Anna"]], patch=full_dimension)
    assert len(content) < 6_000  # the 4.9 KB file of the probe
    message, seconds, peak = refusal(content)
    assert seconds < 2 and peak < 20_000_000
    assert message == german(
        "The sheet “%(sheet)s” declares %(declared_rows)s rows and %(declared_columns)s columns; at most "
        "%(rows)s rows and %(columns)s columns are read. Please save the table again with Excel or LibreOffice, "
        "or split it.",
        sheet="Sheet",
        declared_rows="1.048.576",
        declared_columns="16.384",
        rows="1.000",
        columns="20",
    )


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 30_000_000)
    assert len(out.getvalue()) < 100_000
    message, seconds, peak = refusal(out.getvalue())
    assert seconds < 2 and peak < 5_000_000
    assert message == german(
        "Unpacked, this workbook would take %(size)s MB, far more than its content could need; it is not "
        "read. Please save the table again with Excel or LibreOffice.",
        size="30",
    )


def test_a_sheet_declaring_too_little_is_read_in_full():
    content = workbook(
        [[f"r{i}", i] for i in range(1, 51)], patch=lambda xml: xml.replace(b'ref="A1:B50"', b'ref="A1"')
    )
    assert len(xlsx_rows(content, limits=LIMITS)) == 50


def test_columns_beyond_the_limit_are_not_read_and_rows_beyond_it_refuse_the_file():
    far_cell = b'<c r="XFD1" t="inlineStr"><is><t>far</t></is></c></row>'
    content = workbook([["a", "b"]], patch=lambda xml: no_dimension(xml).replace(b"</row>", far_cell, 1))
    assert xlsx_rows(content, limits=LIMITS) == [(1, ["a", "b"])]

    last_row = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>z</t></is></c></row></sheetData>'
    content = workbook([["a"]], patch=lambda xml: no_dimension(xml).replace(b"</sheetData>", last_row))
    with translation.override("de"), pytest.raises(UnreadableSpreadsheet) as refused:
        xlsx_rows(content, limits=LIMITS)
    assert str(refused.value) == german(
        "Line %(line)s lies beyond the %(rows)s rows an import reads. Please split the table.",
        line=1048576,
        rows="1.000",
    )


def test_a_csv_cell_longer_than_excel_allows_refuses_the_file_with_its_line():
    message = german("Line %(line)s: a cell is longer than %(max)s characters.", line=2, max="32.767")
    for length in (EXCEL_CELL_CHARS + 1, 200_000):  # the second beyond the csv module's own limit
        with translation.override("de"), pytest.raises(UnreadableSpreadsheet) as refused:
            csv_rows(b"a;b\nc;" + b"x" * length + b"\n", limits=LIMITS)
        assert str(refused.value) == message


def test_a_broken_workbook_is_unreadable():
    for content in (b"PK\x03\x04 not a zip", workbook([["a"]], patch=lambda xml: b"<worksheet><sheetData><row")):
        with pytest.raises(UnreadableSpreadsheet):
            xlsx_rows(content, limits=LIMITS)


# --- CSV and its encoding ----------------------------------------------------------------------------


def test_one_bad_byte_in_a_utf8_file_is_refused_with_its_line():
    content = "Name;Ort\nÄrger;Köln\n".encode() + b"Gr\xf6\xdfe;Essen\n" + "Zoë;Bonn\n".encode()
    with translation.override("de"), pytest.raises(UnreadableSpreadsheet) as refused:
        decode_text(content)
    assert str(refused.value) == german(
        "Line %(line)s contains a character that is not valid UTF-8, while the rest of the file is UTF-8. "
        "Please correct that line, or save the table again as “CSV UTF-8”.",
        line=3,
    )


def test_the_line_counts_rows_as_a_spreadsheet_shows_them_and_a_bom_says_utf8():
    content = '\ufeffName;Notiz\n"Anna";"zwei\nZeilen"\nBernd;'.encode() + b"\xe4\n"
    with pytest.raises(UnreadableSpreadsheet, match="^Line 3 |^Zeile 3 "):
        decode_text(content)


def test_windows_1252_is_read_when_nothing_in_the_file_is_utf8():
    assert decode_text("Größe;Münster;€\n".encode("cp1252")) == "Größe;Münster;€\n"
    assert decode_text("Größe;Münster\n".encode()) == "Größe;Münster\n"


def test_the_delimiter_is_guessed_quickly_even_from_a_hostile_line():
    started = time.monotonic()
    csv_rows(b';"' * 500_000, limits=LIMITS)
    assert time.monotonic() - started < 3
    assert csv_rows(b"a,b;c,d\n1,2,3,4\n", limits=LIMITS) == [(1, ["a", "b;c", "d"]), (2, ["1", "2", "3", "4"])]
    assert csv_rows(b"a;b,c\n", limits=LIMITS) == [(1, ["a", "b,c"])]


# --- Numbers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "year"), [(2024, 2024), (2024.0, 2024), (" 2024 ", 2024), ("", None), (None, None)])
def test_a_year_is_a_whole_number_of_four_digits(value, year):
    assert spreadsheet_year(value) == year


@pytest.mark.parametrize(
    "value",
    ["Infinity", "1e999999999", "NaN", "2024.5", "20245", "-2024", "２０２４", float("inf"), float("nan"), 2024.5,
     10_000, True, Decimal("1e999999999")],
)  # fmt: skip
def test_anything_else_is_not_a_year_and_is_refused_at_once(value):
    started = time.monotonic()
    with pytest.raises(ValueError):
        spreadsheet_year(value)
    assert time.monotonic() - started < 0.5


@pytest.mark.parametrize("value", [float("inf"), float("nan"), "9" * 200_000, 10**40])
def test_a_statistics_figure_is_finite_and_of_reasonable_length(value):
    with pytest.raises(ValueError):
        german_number(value)
