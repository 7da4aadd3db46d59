"""The practice list's filters (GET parameters, so a filtered list is a shareable address), its search and sort."""

import django_filters
from django.utils.translation import gettext_lazy as _

from analyses.models import Offence
from kernel.filters import FilterSet
from members.models import Organisation
from practices import selectors
from practices.models import Level, Practice
from topics.models import WorkingGroup

SORTS = [("level", _("Evidence level first")), ("recent", _("Most recent first"))]
EVALUATED = [("yes", _("evaluated")), ("no", _("not evaluated"))]


class PracticeFilter(FilterSet):
    """Over ``selectors.practice_list`` (strongest evidence first, which ``sort=recent`` changes)."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    offence = django_filters.ModelChoiceFilter(
        label=_("Offence"), field_name="offences", queryset=Offence.objects.filter(practices__isnull=False).distinct()
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), field_name="topics", queryset=WorkingGroup.objects.filter(practices__isnull=False).distinct()
    )
    setting = django_filters.ChoiceFilter(label=_("Setting"), choices=Practice.Setting.choices)
    target = django_filters.CharFilter(label=_("Target group"), field_name="target_group", lookup_expr="icontains")
    level = django_filters.ChoiceFilter(label=_("Evidence level"), choices=Level.choices)
    organisation = django_filters.ModelChoiceFilter(
        label=_("City"),
        field_name="organisations",
        queryset=Organisation.objects.filter(practices__isnull=False).distinct().order_by("name"),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Practice.Status.choices)
    language = django_filters.ChoiceFilter(label=_("Language"), choices=Practice.Language.choices)
    evaluated = django_filters.ChoiceFilter(label=_("Evaluation"), choices=EVALUATED, method="by_evaluation")
    sort = django_filters.ChoiceFilter(label=_("Sort"), choices=SORTS, method="no_filter", empty_label=None)

    def search(self, queryset, name, value):
        return selectors.full_text(queryset, value) if value.strip() else queryset

    def by_evaluation(self, queryset, name, value):
        none = Practice.Evaluation.NONE
        return queryset.exclude(evaluation=none) if value == "yes" else queryset.filter(evaluation=none)

    def no_filter(self, queryset, name, value):
        return queryset  # the order is set in ``arrange``

    def arrange(self, queryset, data: dict):
        if data.get("sort") == "recent":
            return queryset.order_by("-updated_at", "-pk")
        return queryset
