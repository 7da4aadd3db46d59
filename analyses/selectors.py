"""Reads of the security analyses, each in a fixed number of queries whatever the number of years and cities."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from analyses.models import Area, CrimeFigure, IndicatorValue, Offence, Survey
from members.models import Organisation
from topics.selectors import documents_visible_to


def member_cities(*, user):
    """Active member organisations that are a territory (have a municipality key), by name."""
    return Organisation.objects.filter(status=Organisation.Status.ACTIVE).exclude(municipality_key="").order_by("name")


def featured_offences():
    return list(Offence.objects.filter(featured=True))


def years_with_figures() -> list[int]:
    return list(CrimeFigure.objects.order_by("-year").values_list("year", flat=True).distinct())


@dataclass
class OffenceSeries:
    offence: Offence
    years: list[int]
    figures: list  # CrimeFigure or None, one per year
    national: list = field(default_factory=list)  # the federal total's figure per year, for comparison


@dataclass
class CityLagebild:
    organisation: Organisation
    years: list[int] = field(default_factory=list)
    series: list[OffenceSeries] = field(default_factory=list)

    @property
    def has_figures(self) -> bool:
        return any(figure for s in self.series for figure in s.figures)


def city_lagebild(*, user, organisation: Organisation, offences: list[Offence]) -> CityLagebild:
    """The featured offences of one city over all years it has figures for, with the national figures (one query)."""
    figures = list(
        CrimeFigure.objects.filter(Q(organisation=organisation) | Q(area=Area.FEDERAL), offence__in=offences).order_by(
            "year", "offence_id"
        )
    )
    national = {(f.offence_id, f.year): f for f in figures if f.area == Area.FEDERAL}
    figures = [f for f in figures if f.organisation_id == organisation.pk]
    years = sorted({figure.year for figure in figures})
    by_key = {(figure.offence_id, figure.year): figure for figure in figures}
    result = CityLagebild(organisation=organisation, years=years)
    for offence in offences:
        result.series.append(
            OffenceSeries(
                offence=offence,
                years=years,
                figures=[by_key.get((offence.pk, year)) for year in years],
                national=[national.get((offence.pk, year)) for year in years],
            )
        )
    return result


def comparison(*, user, offence: Offence, year: int) -> tuple[list[CrimeFigure], list[CrimeFigure]]:
    """(member cities' figures by frequency, highest first; the national and state totals) for one offence and year."""
    figures = list(
        CrimeFigure.objects.filter(offence=offence, year=year)
        .filter(organisation__status=Organisation.Status.ACTIVE)
        .select_related("organisation")
        .order_by("-frequency", "area_name")
    )
    totals = list(
        CrimeFigure.objects.filter(offence=offence, year=year, area__in=[Area.FEDERAL, Area.STATE]).order_by(
            "municipality_key"
        )
    )
    return figures, totals


def surveys(*, user, organisation: Organisation | None = None) -> list[Survey]:
    """Surveys with their indicator values; links to library documents only where ``user`` may see them."""
    found = Survey.objects.select_related("organisation", "questionnaire", "report").prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.select_related("indicator"))
    )
    if organisation is not None:
        found = found.filter(organisation=organisation)
    found = list(found)
    document_ids = {pk for s in found for pk in (s.questionnaire_id, s.report_id) if pk}
    visible = (
        set(documents_visible_to(user=user).filter(pk__in=document_ids).values_list("pk", flat=True))
        if document_ids
        else set()
    )
    for survey in found:
        survey.visible_questionnaire = survey.questionnaire if survey.questionnaire_id in visible else None
        survey.visible_report = survey.report if survey.report_id in visible else None
    return found
