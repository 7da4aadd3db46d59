"""Practices for tests, written straight to the database (the guided entry is tested through its pages)."""

import datetime

from practices.models import Level, Practice

COMPLETE = {
    "problem": "Viele Wohnungseinbrüche in Altbauquartieren.",
    "causes": "Schlecht gesicherte Türen.",
    "goals": "Weniger vollendete Einbrüche.",
    "measures": "Kostenlose Sicherheitsberatung.",
    "mechanism": "Gesicherte Türen halten Täter länger auf; sie geben auf.",
    "context": "Großstadt, Altbauquartiere, Polizei als Partner.",
    "implementation": "Kommunale Prävention mit der Polizei, zwei Jahre.",
    "plausibility": "Versuche scheitern häufiger an gesicherten Türen (PKS-Versuchsanteil).",
}


def make_practice(*, organisations, state=Practice.State.DRAFT, complete=True, **fields):
    values = {**(COMPLETE if complete else {}), **fields}
    values.setdefault("title", "Einbruchschutz im Quartier")
    values.setdefault("period_start", datetime.date(2022, 3, 1))
    if state == Practice.State.PUBLISHED:
        values.setdefault("level", Level.PROBABLE)
        values.setdefault("level_reason", "Vorher-Nachher-Vergleich mit Kontrollquartier.")
        values.setdefault("level_decided_on", datetime.date(2024, 5, 1))
    offences = values.pop("offences", [])
    practice = Practice.objects.create(state=state, **values)
    practice.organisations.set(organisations)
    practice.offences.set(offences)
    return practice


def matrix_practices(organisation) -> dict:
    """The access matrix's samples: a published entry, a draft and one under review, all of ``organisation``."""
    return {
        "published": make_practice(organisations=[organisation], state=Practice.State.PUBLISHED),
        "draft": make_practice(organisations=[organisation], title="Entwurf"),
        "submitted": make_practice(organisations=[organisation], state=Practice.State.SUBMITTED, title="Eingereicht"),
    }
