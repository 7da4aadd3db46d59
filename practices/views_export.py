"""The public entries of the practice register as JSON and CSV (the list's filters apply), linked from the list,
for Efus and EUCPN. The field names are stable (README, "Praxisdatenbank"): add fields, never rename them."""

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.urls import reverse

from kernel.emails import absolute_url
from kernel.spreadsheet import excel_csv_response
from practices.filters import PracticeFilter
from practices.models import Practice
from practices.policies import PUBLIC
from practices.selectors import practice_list

# The fields of one entry, in this order in the CSV, where lists are joined by " | " and the JSON's
# "period" ({"start", "end"}) is two columns.
FIELDS = [
    "id", "title", "organisations", "period_start", "period_end", "status", "setting", "target_group", "offences",
    "language", "problem", "mechanism", "context", "implementation", "results", "evaluation", "evaluator",
    "evidence_level", "evidence_level_code", "evidence_reason", "rated_on", "register_links", "url",
]  # fmt: skip


def _day(value):
    return value and value.isoformat()


def entry(practice: Practice) -> dict:
    return {
        "id": practice.pk,
        "title": practice.title,
        "organisations": [organisation.name for organisation in practice.organisations.all()],
        "period": {"start": _day(practice.period_start), "end": _day(practice.period_end)},
        "status": practice.status,
        "setting": practice.setting,
        "target_group": practice.target_group,
        "offences": [offence.key for offence in practice.offences.all()],
        "language": practice.language,
        "problem": practice.problem,
        "mechanism": practice.mechanism,
        "context": practice.context,
        "implementation": practice.implementation,
        "results": practice.results,
        "evaluation": practice.evaluation,
        "evaluator": practice.evaluator,
        "evidence_level": practice.get_level_display(),
        "evidence_level_code": practice.level,
        "evidence_reason": practice.level_reason,
        "rated_on": _day(practice.level_decided_on),
        "register_links": practice.links,
        "url": absolute_url(reverse("practice_detail", args=[practice.pk])),
    }


def _public_entries(request) -> list[dict]:
    """The public entries only, whoever asks: the export is what the register shares beyond the members."""
    public = practice_list(user=request.user).filter(PUBLIC)
    return [entry(practice) for practice in PracticeFilter(request.GET or None, queryset=public).qs]


@login_not_required
def practice_export(request):
    response = JsonResponse({"practices": _public_entries(request)}, json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = 'inline; filename="praxisdatenbank.json"'
    return response


def _cell(row: dict, field: str):
    if field in ("period_start", "period_end"):
        return row["period"][field.removeprefix("period_")]
    value = row[field]
    return " | ".join(value) if isinstance(value, list) else value


@login_not_required
def practice_export_csv(request):
    rows = [[_cell(row, field) for field in FIELDS] for row in _public_entries(request)]
    return excel_csv_response(rows, FIELDS, filename="praxisdatenbank.csv")
