"""The library's filters: full text, working group, sensitivity, category, language and year."""

import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kernel.filters import ChooserFilter, FilterSet
from topics import selectors
from topics.choosers import WORKING_GROUPS
from topics.forms import year_choices
from topics.models import Document


class LibraryFilter(FilterSet):
    """Over ``selectors.documents_visible_to``."""

    q = django_filters.CharFilter(label=_("Search"), max_length=200, method="full_text")
    group = ChooserFilter(
        field_name="groups",
        label=_("Working group"),
        kind=WORKING_GROUPS,
    )
    label = django_filters.ChoiceFilter(label=_("Sensitivity"), choices=Document.Label.choices)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Document.Category.choices)
    language = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES)
    year = django_filters.TypedChoiceFilter(
        label=_("Year"), coerce=int, empty_value=None, choices=lambda: [("", _("all")), *year_choices()]
    )

    def full_text(self, queryset, name, value):
        return selectors.full_text(queryset, value)
