"""The call list's filters: programme, status, working group, my organisation's interests, deadline within."""

import django_filters
from django.utils.translation import gettext_lazy as _

from funding import selectors
from funding.models import Call, Programme
from kernel.filters import CheckboxFilter, ChooserFilter, FilterSet
from topics.choosers import WORKING_GROUPS


class CallFilter(FilterSet):
    """Over ``selectors.calls(now=now)``, with the same ``now`` (the status is derived from it)."""

    programme = django_filters.ModelChoiceFilter(label=_("Programme"), queryset=Programme.objects.all())
    status = django_filters.ChoiceFilter(field_name="state", label=_("Status"), choices=Call.Status.choices)
    group = ChooserFilter(
        field_name="groups",
        label=_("Working group"),
        kind=WORKING_GROUPS,
    )
    mine = CheckboxFilter(label=_("My organisation is interested"), method="interested")
    within = django_filters.TypedChoiceFilter(
        label=_("Deadline within"),
        coerce=int,
        empty_value=None,
        choices=[("", _("any time")), (14, _("14 days")), (30, _("30 days")), (90, _("90 days"))],
        method="due_within",
    )

    def __init__(self, *args, now, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now

    def interested(self, queryset, name, ticked):
        organisation = self.request.user.organisation
        if not ticked or organisation is None:
            return queryset
        return queryset.filter(interests__organisation=organisation)

    def due_within(self, queryset, name, days):
        return selectors.due_within(queryset, days=days, now=self.now)
