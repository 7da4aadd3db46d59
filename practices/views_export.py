"""The published entries of the practice register as JSON (the list's filters apply), linked from the list."""

from django.http import JsonResponse
from django.urls import reverse

from kernel.emails import absolute_url
from practices import selectors
from practices.filters import PracticeFilter
from practices.models import Practice


def _entry(practice: Practice) -> dict:
    return {
        "id": practice.pk,
        "title": practice.title,
        "organisations": [organisation.name for organisation in practice.organisations.all()],
        "period": {
            "start": practice.period_start and practice.period_start.isoformat(),
            "end": practice.period_end and practice.period_end.isoformat(),
        },  # fmt: skip
        "status": practice.status,
        "setting": practice.setting,
        "offences": [offence.key for offence in practice.offences.all()],
        "evidence_level": practice.get_level_display(),
        "evidence_reason": practice.level_reason,
        "rated_on": practice.level_decided_on and practice.level_decided_on.isoformat(),
        "url": absolute_url(reverse("practice_detail", args=[practice.pk])),
    }


def practice_export(request):
    published = selectors.practice_list(user=request.user).filter(state=Practice.State.PUBLISHED)
    filters = PracticeFilter(request.GET or None, queryset=published)
    response = JsonResponse(
        {"practices": [_entry(practice) for practice in filters.qs]}, json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Disposition"] = 'inline; filename="praxisdatenbank.json"'
    return response
