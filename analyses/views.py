"""Lagebild pages (police crime statistics and surveys of the member cities) and the annual report."""

from decimal import Decimal

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from analyses import selectors
from analyses.annual import annual_report as build_annual_report
from analyses.forms import SurveyForm
from analyses.models import Area, CrimeFigure, Offence
from analyses.pdf import html_to_pdf
from analyses.services import survey_record
from kernel import choosers
from kernel.charts import Series, bar_chart, line_chart
from kernel.choosers import show_without_errors
from kernel.refusals import reported
from kernel.spreadsheet import excel_csv_response, xlsx_response


class ComparisonForm(forms.Form):
    offence = forms.ChoiceField(label=gettext_lazy("Offence"), widget=forms.Select(attrs={"class": "form-select"}))
    year = forms.TypedChoiceField(
        label=gettext_lazy("Year"), coerce=int, widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args, offences, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offence"].choices = [(o.key, o.name) for o in offences]
        self.fields["year"].choices = [(y, str(y)) for y in years]


def _figure_header() -> list[str]:
    return [_("Recorded cases"), _("Cases per 100,000 inhabitants"), _("Clearance rate (%)")]


def _export(request, rows, header, *, name: str):
    kind = request.GET.get("export")
    if kind == "csv":
        # German Excel reads a decimal comma; keys that start with "-" keep the CSV helper's apostrophe guard.
        rows = [[str(cell).replace(".", ",") if isinstance(cell, Decimal) else cell for cell in row] for row in rows]
        return excel_csv_response(rows, header, filename=f"{name}.csv")
    if kind == "xlsx":
        return xlsx_response(rows, header, filename=f"{name}.xlsx", sheet_title="Lagebild")
    return None


def lagebild(request):
    """All member cities side by side for one offence and year."""
    offences = list(Offence.objects.filter(figures__isnull=False).distinct().order_by("-featured", "position", "key"))
    years = selectors.years_with_figures()
    form = ComparisonForm(request.GET or None, offences=offences, years=years)
    offence = year = None
    if offences and years:
        if form.is_valid():
            offence = next(o for o in offences if o.key == form.cleaned_data["offence"])
            year = form.cleaned_data["year"]
        else:
            offence, year = offences[0], years[0]
            form = ComparisonForm(initial={"offence": offence.key, "year": year}, offences=offences, years=years)
    figures, totals = selectors.comparison(user=request.user, offence=offence, year=year) if offence else ([], [])
    header = [_("Area"), _("Year"), _("Offence key"), _("Offence"), *_figure_header()]
    exported = _export(
        request,
        [
            [f.area_name, f.year, offence.key, f.offence_name, f.cases, f.frequency, f.clearance_rate]
            for f in (*figures, *totals)
        ],  # fmt: skip
        header,
        name=f"lagebild-{year}",
    )
    if exported:
        return exported
    own = request.user.organisation
    chart = None
    if figures:
        chart = bar_chart(
            chart_id="chart-comparison",
            table_id="table-comparison",
            title=_("%(offence)s %(year)s: cases per 100,000 inhabitants") % {"offence": offence.name, "year": year},
            caption=_(
                "Cases per 100,000 inhabitants (frequency, HZ) in the member cities, %(year)s; "
                "your city is hatched and in bold."
            )
            % {"year": year},
            labels=[f.organisation.name for f in figures],
            values=[f.frequency for f in figures],
            decimals=1,
            highlight=own.name if own else None,
        )
    context = {
        "form": form,
        "offence": offence,
        "year": year,
        "figures": figures,
        "totals": totals,
        "chart": chart,
        "demo": any(f.is_demo for f in (*figures, *totals)),
        "cities": list(selectors.member_cities(user=request.user)),
        "surveys": selectors.surveys(user=request.user),
        "query": request.GET.urlencode() if form.is_bound else "",
    }
    return render(request, "analyses/lagebild.html", context)


def lagebild_city(request, slug):
    """One member city: the featured offences over the years, and its surveys."""
    organisation = get_object_or_404(selectors.member_cities(user=request.user), slug=slug)
    offences = selectors.featured_offences()
    city = selectors.city_lagebild(user=request.user, organisation=organisation, offences=offences)
    header = [_("Year"), _("Offence key"), _("Offence"), *_figure_header()]
    exported = _export(
        request,
        [
            [f.year, s.offence.key, f.offence_name, f.cases, f.frequency, f.clearance_rate]
            for s in city.series
            for f in s.figures
            if f
        ],  # fmt: skip
        header,
        name=f"lagebild-{organisation.slug}",
    )
    if exported:
        return exported
    sections = []
    for index, series in enumerate(city.series):
        if not any(series.figures):
            continue
        chart = line_chart(
            chart_id=f"chart-{index}",
            table_id=f"table-{index}",
            title=_("%(offence)s in %(city)s: cases per 100,000 inhabitants")
            % {"offence": series.offence.name, "city": organisation.name},
            caption=_("%(offence)s: cases per 100,000 inhabitants (HZ) by year, the city as a solid line with circles")
            % {"offence": series.offence.name},
            x_labels=[str(year) for year in city.years],
            series=[
                Series(organisation.name, [f.frequency if f else None for f in series.figures]),
                *(
                    [Series(_("Germany"), [f.frequency if f else None for f in series.national])]
                    if any(series.national)
                    else []
                ),
            ],
            decimals=1,
        )
        rows = list(zip(city.years, series.figures, series.national, strict=True))
        sections.append({"series": series, "chart": chart, "rows": rows, "national": any(series.national)})
    context = {
        "organisation": organisation,
        "city": city,
        "demo": any(f.is_demo for s in city.series for f in s.figures if f),
        "sections": sections,
        # Figures of other cities exist, none of this one: it is below the city tables' threshold.
        "outside_city_tables": not city.has_figures
        and len(organisation.municipality_key) == 8
        and CrimeFigure.objects.filter(area=Area.MUNICIPALITY).exists(),
        "surveys": selectors.surveys(user=request.user, organisation=organisation),
    }
    return render(request, "analyses/lagebild_city.html", context)


# For a month after a year ends its report (now complete, wanted for the members' meeting) is the one shown;
# after that the running year's, "bis heute".
LAST_YEAR_SHOWN_UNTIL = (1, 31)


def _report_year(request) -> int:
    today = timezone.localdate()
    default = today.year - 1 if (today.month, today.day) <= LAST_YEAR_SHOWN_UNTIL else today.year
    raw = request.GET.get("jahr", "")
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit() and 2010 <= int(raw) <= timezone.localdate().year):
        raise Http404
    return int(raw)


def _annual_context(request, year: int) -> dict:
    report = build_annual_report(user=request.user, year=year)
    charts = {}
    if report.participants:
        charts["participants"] = bar_chart(
            chart_id="chart-participants",
            table_id="table-participants",
            title=_("Registrations for events %(year)s per member organisation") % {"year": year},
            caption=_("Registrations for the association's events in %(year)s, per organisation") % {"year": year},
            labels=[name for name, _count, _events in report.participants],
            values=[count for _name, count, _events in report.participants],
        )
    if report.events_by_kind:
        charts["events"] = bar_chart(
            chart_id="chart-events",
            table_id="table-events",
            title=_("Events %(year)s by kind") % {"year": year},
            caption=_("Events of %(year)s by kind") % {"year": year},
            labels=[label for label, _count in report.events_by_kind],
            values=[count for _label, count in report.events_by_kind],
        )
    if report.groups:
        charts["groups"] = bar_chart(
            chart_id="chart-groups",
            table_id="table-groups",
            title=_("Posts in the working groups %(year)s") % {"year": year},
            caption=_("Posts written in each working group in %(year)s") % {"year": year},
            labels=[activity.group.name for activity in report.groups],
            values=[activity.posts for activity in report.groups],
        )
    current = timezone.localdate().year
    return {
        "report": report,
        "year": year,
        "charts": charts,
        "years": list(range(current, 2009, -1)),
        "running": year == current,
        "generated": timezone.localdate(),
    }


def annual_report(request):
    return render(request, "analyses/annual_report.html", _annual_context(request, _report_year(request)))


def annual_report_pdf(request):
    year = _report_year(request)
    html = render(request, "analyses/annual_report_pdf.html", _annual_context(request, year)).content.decode()
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="defus-jahresbericht-{year}.pdf"'
    return response


def survey_create(request):
    """A member city records its citizen survey; the secretariat may record one for any member city."""
    if not request.user.has_perm("analyses.record_survey"):
        raise PermissionDenied

    may_choose = request.user.has_perm("analyses.record_survey_for_any_city")
    form = SurveyForm(request.POST or None, user=request.user, may_choose_organisation=may_choose)
    if choosers.is_search(request):
        show_without_errors(form)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = data["organisation"] if may_choose else request.user.organisation
        with reported(request, _("The survey has been recorded."), form=form) as outcome:
            survey = survey_record(
                author=request.user,
                organisation=organisation,
                year=data["year"],
                title=data["title"],
                method=data["method"],
                sample_size=data["sample_size"],
                questionnaire=data["questionnaire"],
                report=data["report"],
                values=form.values(),
            )
        if outcome.ok:
            return redirect("lagebild_city", slug=survey.organisation.slug)
    # A member city records for itself: the form says which city it files for.
    city = None if may_choose else request.user.organisation
    return render(request, "analyses/survey_form.html", {"form": form, "city": city})
