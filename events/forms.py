from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Event
from members.models import Organisation
from topics.models import WorkingGroup


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("all"))] + Event.Kind.choices)
    group = forms.ModelChoiceField(
        label=_("Working group"),
        required=False,
        queryset=WorkingGroup.objects.filter(archived_at__isnull=True),
        empty_label=_("all"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organised by"),
        required=False,
        queryset=Organisation.objects.filter(status="active"),
        empty_label=_("all"),
    )
