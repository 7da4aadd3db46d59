"""The portal's list filters on django-filter.

Each list's ``FilterSet`` (``<app>/filters.py``) owns what its GET parameters do; who may see which rows is not a
filter: the view passes the selector's visible queryset in as the base (``queryset=``).

Two rules of the portal's lists differ from django-filter's defaults and are written here once:
- a filter form with an error filters nothing (its errors are shown above the whole list), like an empty one;
- a list may arrange its rows after filtering (a time window, an order) by overriding ``arrange``, which runs for
  an empty or invalid form too.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy

from kernel.choosers import SearchChoiceField


class FilterSet(django_filters.FilterSet):
    def arrange(self, queryset, data: dict):
        """The rows after filtering; ``data`` is the valid form's cleaned data, or empty."""
        return queryset

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            queryset = self.queryset.all()
            if self.is_bound and self.form.is_valid():
                self._qs = self.arrange(self.filter_queryset(queryset), self.form.cleaned_data)
            else:
                self._qs = self.arrange(queryset, {})
        return self._qs


class ChooserFilter(django_filters.Filter):
    """A row chosen by typing (kernel.choosers): ``kind`` gives the rows, never listed in full.

    Without a search button (a GET filter: a typed name matching exactly one row picks it without JavaScript) and
    with "all" for no choice, as every list filter; FILTERS_EMPTY_CHOICE_LABEL gives the other filters that "all"."""

    field_class = SearchChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("search_button", False)
        kwargs.setdefault("empty_label", gettext_lazy("all"))
        super().__init__(*args, **kwargs)


class CheckboxFilter(django_filters.Filter):
    """A single checkbox (django-filter's BooleanFilter is a yes/no/unknown select); its ``method`` is called with
    False when it is not ticked."""

    field_class = forms.BooleanField
