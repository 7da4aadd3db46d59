"""PKS tables in both shapes the BKA publishes, built in the tests (no file from outside)."""

import io
import re

from django.utils import translation


def german(message: str) -> str:
    """A pattern for ``message`` as the portal says it in German (its msgid until the catalogue has it)."""
    with translation.override("de"):
        return re.escape(translation.gettext(message))


def line_error(line: int) -> str:
    """A pattern for the start of a PKS row error of ``line``, in German."""
    with translation.override("de"):
        return re.escape(translation.gettext("Line %(line)s: %(problem)s") % {"line": line, "problem": ""})


NO_HEADER = german(
    "No PKS header found: the table needs the columns Schlüssel, Gemeindeschlüssel, Stadt (or Stadt-/Landkreis) and "
    "erfasste Fälle."
)

CSV_HEADER = [
    "Schluessel",
    "Straftat",
    "Gemeindeschluessel",
    "Stadt",
    "Kreisart",
    "erfasste Faelle",
    "HZ nach Zensus",
    "Versuche - Anzahl",
    "Versuche - Anteil in %",
    "aufgeklaerte Faelle",
    "Aufklaerungsquote",
    "Tatverdaechtige insgesamt",
    "Tatverdaechtige maennlich",
    "Tatverdaechtige weiblich",
    "Nichtdeutsche Tatverdaechtige - Anzahl",
]

# offence key, offence, key, area, cases, HZ, attempts, cleared, AQ, suspects (m, f), non-German
ROWS_2019 = [
    ("------", "Straftaten insgesamt", "0", "Bundesrepublik Deutschland", "5.436.401", "6.548,1", "310.230",
     "3.148.420", "57,9", "2.019.211", "1.520.000", "499.211", "691.251"),
    ("------", "Straftaten insgesamt", "08111000", "Stuttgart", "51.234", "8.084,2", "2.345", "31.234",
     "61,0", "20.123", "15.001", "5.122", "9.876"),
    ("------", "Straftaten insgesamt", "05113000", "Essen", "56.789", "9.716,4", "3.012", "30.001",
     "52,8", "21.456", "16.400", "5.056", "7.654"),
    ("------", "Straftaten insgesamt", "06412000", "Frankfurt am Main", "102.345", "13.455,0", "5.000", "60.000",
     "58,6", "40.000", "31.000", "9.000", "20.000"),
    ("435*00", "Wohnungseinbruchdiebstahl", "08111000", "Stuttgart", "1.023", "161,4", "450", "210",
     "20,5", "150", "130", "20", "70"),
    ("435*00", "Wohnungseinbruchdiebstahl", "05113000", "Essen", "987", "168,9", "401", "130",
     "13,2", "120", "100", "20", "60"),
    ("435*00", "Wohnungseinbruchdiebstahl", "06412000", "Frankfurt am Main", "1.800", "236,6", "700", "300",
     "16,7", "260", "230", "30", "150"),
]  # fmt: skip


def pks_csv(rows=ROWS_2019, *, encoding="cp1252", header=CSV_HEADER) -> bytes:
    lines = [";".join(header)]
    for key, offence, municipality, city, *figures in rows:
        cases, hz, attempts, cleared, aq, suspects, male, female, non_german = figures
        share = "4,6"
        kind = "" if len(municipality) < 5 else "Stadtkreis"
        lines.append(
            ";".join(
                [
                    key,
                    offence,
                    municipality,
                    city,
                    kind,
                    cases,
                    hz,
                    attempts,
                    share,
                    cleared,
                    aq,
                    suspects,
                    male,
                    female,
                    non_german,
                ]
            )  # fmt: skip
        )
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


# Numbers as numeric cells and as German text, mixed, as the published workbooks have them.
ROWS_2024 = [
    ("------", "Straftaten insgesamt", "08111000", "Stuttgart", 49876, 7821.3, 2100, 30123, 60.4, 19876, 15000,
     4876, 9500),
    ("------", "Straftaten insgesamt", "05113000", "Essen", "55.001", "9.421,7", 2999, 29000, "52,7", 21000, 16000,
     5000, 7500),
    ("------", "Straftaten insgesamt", "09162000", "München", 90000, "6.011,2", 4000, 60000, 66.7, 40000, 30000,
     10000, 18000),
    ("------", "Straftaten insgesamt", "11000000", "Berlin", 530000, 14400.5, 30000, 230000, 43.4, 150000, 110000,
     40000, 60000),
    ("------", "Straftaten insgesamt", "08", "Baden-Württemberg", 590000, 5300.1, 30000, 380000, 64.4, 230000,
     170000, 60000, 90000),
    ("899000", "Straßenkriminalität", "08111000", "Stuttgart", 9000, 1411.3, 800, 2500, 27.8, 2400, 2100, 300,
     1200),
    ("899000", "Straßenkriminalität", "05113000", "Essen", 11000, "1.884,3", 900, 2600, "23,6", 2500, 2200, 300,
     1000),
]  # fmt: skip


def pks_xlsx(rows=ROWS_2024, *, title="Polizeiliche Kriminalstatistik 2024", drop_column=None) -> bytes:
    """A workbook like the newer BKA tables: title rows, then a two-row header with merged group headings."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "T01"
    sheet.append([title])
    sheet.append(["T01 Grundtabelle – Fälle mit Häufigkeitszahl (HZ) – Städte ab 100.000 Einwohnern"])
    sheet.append([])
    top = [
        "Schlüssel", "Straftat", "Gemeindeschlüssel", "Stadt", "Anzahl erfasste Fälle", "HZ nach Zensus 2022",
        "erfasste Fälle davon:\nVersuche", None, "mit Schusswaffe", None, "Aufklärung", None, "Tatverdächtige",
        None, None, "Nichtdeutsche Tatverdächtige", None,
    ]  # fmt: skip
    sub = [
        None, None, None, None, None, None, "Anzahl", "in %", "gedroht", "geschossen", "Anzahl Fälle", "AQ",
        "insgesamt", "männlich", "weiblich", "Anzahl", "in %",
    ]  # fmt: skip
    if drop_column is not None:
        del top[drop_column], sub[drop_column]
    sheet.append(top)
    sheet.append(sub)
    header_row = sheet.max_row - 1
    for start, end in ((7, 8), (9, 10), (11, 12), (13, 15), (16, 17)):
        if drop_column is None:
            sheet.merge_cells(start_row=header_row, start_column=start, end_row=header_row, end_column=end)
    for key, offence, municipality, city, cases, hz, attempts, cleared, aq, suspects, male, female, non_german in rows:
        row = [key, offence, municipality, city, cases, hz, attempts, "4,2", 3, 1, cleared, aq, suspects, male, female,
               non_german, "40,1"]  # fmt: skip
        if drop_column is not None:
            del row[drop_column]
        sheet.append(row)
    sheet.append([])
    sheet.append(["Quelle: Bundeskriminalamt, PKS (Demo-Tabelle für Tests)"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
