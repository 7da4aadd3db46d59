"""Demo figures for the Lagebild: invented but plausible PKS figures for the demo member cities, one survey.

The figures are marked as demo (``is_demo``) and the pages say so; they go through the real import service,
so seeding twice changes nothing. Stadt Leer (below 100,000 inhabitants) gets none, as in the BKA's city
tables; Kreis Lippe comes from the district table. Not scaled by ``--scale``: the Lagebild reads a fixed
number of rows per city and offence, so more cities would measure nothing new.
"""

import math
from decimal import Decimal

from django.utils import timezone

from analyses.models import Area, Indicator, IndicatorValue, Offence, Survey
from analyses.pks import PksRow, PksTable
from analyses.services import pks_import
from members.models import Organisation

FEATURED = [
    ("------", "Straftaten insgesamt", 10),
    ("435*00", "Wohnungseinbruchdiebstahl", 20),
    ("899000", "Straßenkriminalität", 30),
    ("220000", "Körperverletzung", 40),
]
INDICATORS = [
    (
        "unsafe-after-dark",
        "Fühlt sich nachts in der Wohngegend unsicher",
        "Feels unsafe in the neighbourhood after dark",
    ),
    ("avoids-places", "Meidet bestimmte Orte", "Avoids certain places"),
    (
        "victimised-12-months",
        "Opfer einer Straftat in den letzten 12 Monaten",
        "Victim of a crime in the last 12 months",
    ),
    (
        "satisfied-prevention",
        "Zufrieden mit der Präventionsarbeit der Stadt",
        "Satisfied with the city's prevention work",
    ),
]

# municipality key: (inhabitants, frequency of all offences per 100,000) – rounded orders of magnitude.
CITIES = {
    "08111000": (630_000, 8_000),
    "09162000": (1_510_000, 6_400),
    "09761000": (300_000, 7_000),
    "05111000": (630_000, 12_000),
    "05113000": (585_000, 9_100),
    "08222000": (315_000, 9_600),
    "08221000": (160_000, 8_200),
    "03159016": (118_000, 9_000),
    "03403000": (172_000, 8_100),
    "05513000": (262_000, 10_300),
    "05766": (345_000, 5_400),
    "05315000": (1_085_000, 12_600),
    "00": (84_700_000, 7_000),
}
NAMES = {"00": "Bundesrepublik Deutschland"}
# offence key: (share of all offences, clearance rate %)
OFFENCES = {"------": (1.0, 58.0), "435*00": (0.016, 15.5), "899000": (0.22, 21.0), "220000": (0.105, 84.0)}
YEARS = 4


def ensure_defaults() -> None:
    """Featured offences and survey indicators (also created by migration 0002; a flushed test database lacks them)."""
    for key, name, position in FEATURED:
        Offence.objects.get_or_create(key=key, defaults={"name": name, "featured": True, "position": position})
    for position, (key, name_de, name_en) in enumerate(INDICATORS, start=1):
        Indicator.objects.get_or_create(
            key=key, defaults={"name_de": name_de, "name_en": name_en, "position": position * 10}
        )


def latest_pks_year(today=None) -> int:
    """The PKS of a year appears in spring of the next one."""
    today = today or timezone.localdate()
    return today.year - 1 if today.month >= 5 else today.year - 2


def _table(year: int, organisations: dict[str, Organisation], step: int) -> PksTable:
    rows = []
    for key, (inhabitants, frequency) in CITIES.items():
        if key != "00" and key not in organisations:
            continue
        name = NAMES.get(key) or organisations[key].name
        seed = int(key) % 7
        for offence_key, (share, clearance) in OFFENCES.items():
            wave = 1 + 0.04 * math.sin(step + seed + len(offence_key)) - 0.01 * step
            hz = Decimal(frequency * share * wave).quantize(Decimal("0.1"))
            cases = int(hz * inhabitants / 100_000)
            rate = Decimal(clearance + 3 * math.cos(step + seed)).quantize(Decimal("0.1"))
            rows.append(
                PksRow(
                    line=len(rows) + 2,
                    offence_key=offence_key,
                    offence_name=next(name for k, name, _ in FEATURED if k == offence_key),
                    municipality_key=key,
                    area_name=name,
                    area=Area.FEDERAL if key == "00" else Area.DISTRICT if len(key) == 5 else Area.MUNICIPALITY,
                    cases=cases,
                    frequency=hz,
                    cleared=int(cases * rate / 100),
                    clearance_rate=rate,
                )
            )
    return PksTable(year=year, rows=rows, title=f"Demo-Zahlen {year}")


def seed() -> None:
    ensure_defaults()
    organisations = {
        o.municipality_key: o for o in Organisation.objects.exclude(municipality_key="").filter(slug__isnull=False)
    }
    latest = latest_pks_year()
    for step, year in enumerate(range(latest - YEARS + 1, latest + 1)):
        pks_import(table=_table(year, organisations, step), demo=True)
    essen = Organisation.objects.filter(slug="stadt-essen").first()
    if essen is None:
        return
    survey, _ = Survey.objects.update_or_create(
        organisation=essen,
        year=latest,
        title="Sicherheitsbefragung (Demo)",
        defaults={"method": Survey.Method.MIXED, "sample_size": 2400, "is_demo": True},
    )
    values = {
        "unsafe-after-dark": "38.5",
        "avoids-places": "27.0",
        "victimised-12-months": "12.4",
        "satisfied-prevention": "46.0",
    }
    for indicator in Indicator.objects.filter(key__in=values):
        IndicatorValue.objects.update_or_create(
            survey=survey, indicator=indicator, defaults={"value": Decimal(values[indicator.key])}
        )
