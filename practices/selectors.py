"""Reads of the practice register; each takes the person asking, so visibility is written once (policies)."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Case, IntegerField, Prefetch, Q, Value, When

from analyses import selectors as analyses_selectors
from members.models import Organisation
from practices.models import LEVEL_RANK, Practice, Review
from practices.policies import PUBLIC, visible_practices

# Years of crime figures shown before a practice's start and after its end, for context.
YEARS_BEFORE, YEARS_AFTER = 2, 1


def practices_visible_to(*, user):
    return Practice.objects.filter(visible_practices.q(user))


def practice_list(*, user):
    """Visible practices with what a list row shows, strongest evidence first, then the latest."""
    rank = Case(
        *(When(level=level, then=Value(value)) for level, value in LEVEL_RANK.items()), output_field=IntegerField()
    )
    return (
        practices_visible_to(user=user)
        .annotate(level_rank=rank)
        .prefetch_related(
            Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
            "offences",
        )
        .order_by("-level_rank", "-level_decided_on", "-updated_at", "-pk")
    )


# The text searched: the entry's own and its evaluation report's (the library's title and description).
SEARCHED = [
    "title", "translated_title", "summary", "translated_summary", "target_group", "problem", "causes", "goals",
    "measures", "mechanism", "context", "implementation", "results", "plausibility",
    "evaluation_report__title", "evaluation_report__description",
]  # fmt: skip


def full_text(practices, query: str):
    """PostgreSQL full text with the German configuration (Einbrüche finds Einbruch); elsewhere every word as a
    substring of some searched field, as the library does."""
    if connection.vendor == "postgresql":
        vector = SearchVector(*SEARCHED, config="german")
        return practices.annotate(search=vector).filter(
            search=SearchQuery(query, config="german", search_type="websearch")
        )
    for word in query.split():
        any_field = Q()
        for field in SEARCHED:
            any_field |= Q(**{f"{field}__icontains": word})
        practices = practices.filter(any_field)
    return practices


def practice_detail(*, user, pk: int) -> Practice | None:
    return (
        practices_visible_to(user=user)
        .select_related("evaluation_report", "contact_person", "created_by")
        .prefetch_related(
            Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
            "offences",
            "topics",
            Prefetch("reviews", queryset=Review.objects.select_related("reviewer")),
        )
        .filter(pk=pk)
        .first()
    )


@dataclass
class CityFigures:
    organisation: Organisation
    years: list[int]
    series: list  # analyses.selectors.OffenceSeries, cut to ``years``


def crime_figures(*, user, practice: Practice, today) -> list[CityFigures]:
    """The PKS figures of the practice's organisations for its offences, for the years around its period.

    Read through the Lagebild's selector (one query per organisation: a practice has one or a few)."""
    offences = list(practice.offences.all())
    if not offences or practice.period_start is None:
        return []
    first = practice.period_start.year - YEARS_BEFORE
    last = (practice.period_end or today).year + YEARS_AFTER
    result = []
    for organisation in practice.organisations.all():
        if not organisation.municipality_key:
            continue
        city = analyses_selectors.city_lagebild(user=user, organisation=organisation, offences=offences)
        keep = [index for index, year in enumerate(city.years) if first <= year <= last]
        if not keep:
            continue
        for series in city.series:
            series.figures = [series.figures[i] for i in keep]
            series.national = [series.national[i] for i in keep]
            series.years = [city.years[i] for i in keep]
            series.rows = list(zip(series.years, series.figures, series.national, strict=True))
        series_with_figures = [s for s in city.series if any(s.figures)]
        if series_with_figures:
            result.append(CityFigures(organisation, [city.years[i] for i in keep], series_with_figures))
    return result


def public_practices(*, limit: int):
    """The entries everyone may read (the public site and its feed), the latest rating first."""
    return (
        Practice.objects.filter(PUBLIC)
        .prefetch_related(Prefetch("organisations", queryset=Organisation.objects.order_by("name")))
        .order_by("-level_decided_on", "-pk")[:limit]
    )
