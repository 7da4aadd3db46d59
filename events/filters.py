"""The event list's filters: kind, working group, organiser, one day, and coming or past events."""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import selectors
from events.models import Event
from kernel.filters import ChooserFilter, FilterSet
from members.choosers import ORGANISATIONS
from topics.choosers import WORKING_GROUPS


class _EventFilterForm(forms.Form):
    def clean_day(self):
        day = self.cleaned_data.get("day")
        if day is not None and not (2000 <= day.year <= 2100):
            raise forms.ValidationError(_("Please enter a date between 2000 and 2100."))
        return day


class EventFilter(FilterSet):
    """Over ``selectors.event_list``; ``?zeit=vergangen`` lists past events, newest first."""

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Event.Kind.choices)
    group = ChooserFilter(label=_("Working group"), kind=WORKING_GROUPS)
    organisation = ChooserFilter(label=_("Organised by"), kind=ORGANISATIONS)
    # One day of the month calendar ("N more"): every event that day, past or coming.
    day = django_filters.DateFilter(
        label=_("On the day"), method="on_day", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    class Meta:
        form = _EventFilterForm

    def on_day(self, queryset, name, day):
        day_start = datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())
        return queryset.filter(start__lt=day_start + datetime.timedelta(days=1), end__gt=day_start).order_by("start")

    @property
    def past(self) -> bool:
        # Not a form field: the "coming / past" tabs link it, and a filter with an error keeps the tab.
        return self.data.get("zeit") == "vergangen"

    def arrange(self, queryset, data):
        if data.get("day") is not None:
            return queryset
        if self.past:
            return selectors.past(queryset)
        return selectors.upcoming(queryset)
