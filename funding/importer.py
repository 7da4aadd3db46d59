"""Import of an EU Funding & Tenders portal search-API export (see DESIGN.md).

Records repeat per language: one per identifier is kept, English preferred. The
programme comes from the identifier's prefix. Each record is written in its own
transaction, so a malformed record is reported and skipped, never half-written.
"""

import datetime
import json
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from funding.models import Call, Deadline, ImportRun, Programme

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
# The portal gives most deadlines as a date at 00:00 UTC; the time of day is then 17:00 Brussels.
DEFAULT_DEADLINE_TIME = datetime.time(17, 0)

PROGRAMMES = {
    "ISF": ("Internal Security Fund (ISF)", "DG HOME", "bis zu 90 %"),
    "HORIZON": ("Horizon Europe – Cluster 3 Civil Security for Society", "REA", "100 %"),
    "CERV": ("Citizens, Equality, Rights and Values (CERV)", "EACEA", "90 %"),
    "ERASMUS": ("Erasmus+", "EACEA", "Pauschalbeträge"),
    "EUI": ("European Urban Initiative", "EUI-Sekretariat", "bis zu 80 % EFRE"),
    "URBACT": ("URBACT IV", "URBACT-Sekretariat", "70–80 % EFRE"),
    "INTERREG": ("Interreg", "Gemeinsame Sekretariate", "70–80 % EFRE"),
}
DEADLINE_MODELS = {choice.value for choice in Call.DeadlineModel}


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


class Malformed(ValueError):
    pass


def _first(metadata: dict, key: str, default=None):
    values = metadata.get(key) or []
    return values[0] if values else default


def _instant(raw: str) -> datetime.datetime:
    try:
        value = datetime.datetime.strptime(raw, "%Y-%m-%dT%H:%M:%S.%f%z")
    except (TypeError, ValueError):
        raise Malformed(f"unreadable date {raw!r}") from None
    if value.astimezone(datetime.UTC).time() == datetime.time(0, 0):
        # A bare date: the deadline is that day at 17:00 in Brussels.
        return datetime.datetime.combine(value.date(), DEFAULT_DEADLINE_TIME, tzinfo=BRUSSELS)
    return value


def _decimal(value):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise Malformed(f"not a number: {value!r}") from None


def _budget(metadata: dict, identifier: str) -> dict:
    raw = _first(metadata, "budgetOverview")
    if not raw:
        return {}
    try:
        overview = json.loads(raw)
    except json.JSONDecodeError:
        raise Malformed("budgetOverview is not JSON") from None
    total, minimum, maximum, grants = Decimal(0), None, None, None
    found = False
    for actions in (overview.get("budgetTopicActionMap") or {}).values():
        for action in actions:
            # Sibling topics share the map; only this call's own actions count.
            if not str(action.get("action", "")).startswith(identifier):
                continue
            found = True
            total += sum((_decimal(v) or 0) for v in (action.get("budgetYearMap") or {}).values())
            minimum = _decimal(action.get("minContribution")) or minimum
            maximum = _decimal(action.get("maxContribution")) or maximum
            grants = action.get("expectedGrants") or grants
    if not found:
        return {}
    return {"budget": total or None, "grant_min": minimum, "grant_max": maximum, "expected_grants": grants}


def _programme(identifier: str) -> Programme:
    prefix = identifier.split("-", 1)[0].upper()
    name, body, rate = PROGRAMMES.get(prefix, (prefix, "", ""))
    programme, _ = Programme.objects.get_or_create(
        code=prefix.lower(), defaults={"name": name, "managing_body": body, "funding_rate": rate}
    )
    return programme


class WrongShape(ValueError):
    """The file as a whole is not a search-API export: nothing is imported."""


def _results_of(data) -> list:
    if not isinstance(data, dict):
        raise WrongShape("This is not an export of the EU Funding & Tenders portal: expected a JSON object.")
    results = data.get("results")
    if results is None:
        raise WrongShape('This is not an export of the EU Funding & Tenders portal: it has no "results".')
    if not isinstance(results, list):
        raise WrongShape('This is not an export of the EU Funding & Tenders portal: "results" is not a list.')
    return results


def _pick_records(results: list) -> dict[str, dict]:
    """One record per identifier, the English one where there is one."""
    chosen = {}
    for record in results:
        metadata = record.get("metadata") if isinstance(record, dict) else None
        if not isinstance(metadata, dict) or not all(isinstance(v, list) for v in metadata.values()):
            # Not a record of the expected shape: reported as skipped, like any malformed record.
            chosen.setdefault(f"#{len(chosen)}", {})
            continue
        identifier = _first(metadata, "identifier") or record.get("reference") or ""
        if not isinstance(identifier, str):
            identifier = ""
        if not identifier:
            chosen.setdefault(f"#{len(chosen)}", record)
            continue
        current = chosen.get(identifier)
        if current is None or (record.get("language") == "en" and current.get("language") != "en"):
            chosen[identifier] = record
    return chosen


def _fields(identifier: str, record: dict) -> tuple[dict, list[datetime.datetime]]:
    metadata = record.get("metadata") or {}
    if identifier.startswith("#"):
        raise Malformed("no identifier")
    raw_deadlines = metadata.get("deadlineDate") or []
    if not raw_deadlines:
        raise Malformed("no deadline")
    deadlines = sorted({_instant(raw) for raw in raw_deadlines})
    start = _first(metadata, "startDate")
    model = (_first(metadata, "deadlineModel") or "single-stage").lower()
    if model not in DEADLINE_MODELS:
        raise Malformed(f"unknown deadline model {model!r}")
    title = _first(metadata, "title") or record.get("title") or ""
    if not title:
        raise Malformed("no title")
    fields = {
        "title_en": title[:300],
        "programme": _programme(identifier),
        "type_of_action": (_first(metadata, "typesOfAction") or "")[:200],
        "opens_at": _instant(start) if start else None,
        "deadline_model": model,
        "source_url": (record.get("url") or "")[:500],
        **_budget(metadata, identifier),
    }
    return fields, deadlines


def import_calls(data: dict) -> Report:
    report = Report()
    for identifier, record in _pick_records(_results_of(data)).items():
        try:
            fields, deadlines = _fields(identifier, record)
        except Malformed as problem:
            report.skipped.append((identifier, str(problem)))
            continue
        except (TypeError, AttributeError, KeyError):
            report.skipped.append((identifier, "malformed record"))
            continue
        with transaction.atomic():
            call = Call.objects.filter(identifier=identifier).first()
            if call is None:
                call = Call.objects.create(identifier=identifier, **fields)
                outcome = report.created
            else:
                changed = any(getattr(call, key) != value for key, value in fields.items())
                existing = list(call.deadlines.values_list("at", flat=True))
                changed |= sorted(existing) != deadlines
                if not changed:
                    report.unchanged.append(identifier)
                    continue
                for key, value in fields.items():
                    setattr(call, key, value)
                call.updated_at = timezone.now()
                call.save()
                call.deadlines.all().delete()
                outcome = report.updated
            Deadline.objects.bulk_create(
                [Deadline(call=call, at=at, time_zone="Europe/Brussels", stage=n) for n, at in enumerate(deadlines, 1)]
            )
            outcome.append(identifier)
    return report


# A run still "running" after this long lost its worker (killed, restarted): it is ended with that result.
STALE_AFTER = datetime.timedelta(hours=1)


def stale_runs_fail(*, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    return ImportRun.objects.filter(state=ImportRun.State.RUNNING, created_at__lt=now - STALE_AFTER).update(
        state=ImportRun.State.FAILED, finished_at=now, report="The import did not finish (its worker stopped)."
    )
