"""The directory's filters: name or city, kind, federal state, Efus membership."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kernel.filters import FilterSet
from members.models import FederalState, Organisation


class OrganisationFilter(FilterSet):
    """Over ``selectors.directory_organisations``."""

    q = django_filters.CharFilter(label=_("Search"), max_length=100, method="name_or_city")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Organisation.Kind.choices)
    federal_state = django_filters.ChoiceFilter(label=_("Federal state"), choices=FederalState.choices)
    efus = django_filters.ChoiceFilter(
        label=_("Efus member"), choices=[("yes", _("yes")), ("no", _("no"))], method="efus_member"
    )

    def name_or_city(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(city__icontains=value))

    def efus_member(self, queryset, name, value):
        return queryset.filter(efus_member=value == "yes")
