"""The practice list's filters (GET parameters, so a filtered list is a shareable address)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from analyses.models import Offence
from kernel.filters import FilterSet
from members.models import Organisation
from practices.models import Level, Practice
from topics.models import WorkingGroup


class PracticeFilter(FilterSet):
    """Over ``selectors.practice_list``."""

    offence = django_filters.ModelChoiceFilter(
        label=_("Offence"), field_name="offences", queryset=Offence.objects.filter(practices__isnull=False).distinct()
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), field_name="topics", queryset=WorkingGroup.objects.filter(practices__isnull=False).distinct()
    )
    setting = django_filters.ChoiceFilter(label=_("Setting"), choices=Practice.Setting.choices)
    level = django_filters.ChoiceFilter(label=_("Evidence level"), choices=Level.choices)
    organisation = django_filters.ModelChoiceFilter(
        label=_("City"),
        field_name="organisations",
        queryset=Organisation.objects.filter(practices__isnull=False).distinct().order_by("name"),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Practice.Status.choices)
