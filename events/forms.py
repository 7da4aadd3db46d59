from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.choosers import INVITABLE_PEOPLE
from kernel.choosers import SearchMultipleChoiceField
from kernel.text import SingleLineFormField, check_sane_datetime
from topics.models import WorkingGroup


class PollForm(forms.Form):
    title = SingleLineFormField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea({"rows": 3}))
    location = SingleLineFormField(label=_("Place"), required=False, max_length=300)
    duration_hours = forms.TypedChoiceField(
        label=_("Duration"),
        coerce=int,
        choices=[(1, _("1 hour")), (2, _("2 hours")), (3, _("3 hours")), (4, _("half a day")), (8, _("a whole day"))],
        initial=2,
    )
    group = forms.ModelChoiceField(
        label=_("Working group"), required=False, queryset=WorkingGroup.objects.none(), empty_label=_("none")
    )
    invitees = SearchMultipleChoiceField(
        label=_("Or invite people"), required=False, kind=INVITABLE_PEOPLE, per_user=True
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = WorkingGroup.objects.filter(
            archived_at__isnull=True, membership__person=user, membership__status="active"
        )
        self.fields["invitees"].limit_to(user)
        for number in range(1, 6):
            self.fields[f"date_{number}"] = forms.DateTimeField(
                label=_("Date %(number)s") % {"number": number},
                required=number <= 2,
                widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            )

    def clean(self):
        data = super().clean()
        for number in range(1, 6):
            value = data.get(f"date_{number}")
            if value is not None:
                try:
                    check_sane_datetime(value)
                except forms.ValidationError as error:
                    self.add_error(f"date_{number}", error)
        return data

    def starts(self):
        return [self.cleaned_data[f"date_{n}"] for n in range(1, 6) if self.cleaned_data.get(f"date_{n}")]


class ExchangeOfferForm(forms.Form):
    theme = SingleLineFormField(label=_("Theme"), max_length=200)
    what_to_see = forms.CharField(label=_("What visitors can see"), widget=forms.Textarea({"rows": 4}))
    possible_dates = SingleLineFormField(label=_("Possible dates"), max_length=300)
    place = SingleLineFormField(label=_("Place"), max_length=200)
    language = SingleLineFormField(label=_("Language"), max_length=100, initial="Deutsch")


class ExchangeRequestForm(forms.Form):
    preferred_date = forms.DateField(label=_("Preferred date"), widget=forms.DateInput(attrs={"type": "date"}))
    message = forms.CharField(label=_("Message to the host"), required=False, widget=forms.Textarea({"rows": 3}))

    def clean_preferred_date(self):
        day = self.cleaned_data["preferred_date"]
        if day <= timezone.localdate():
            raise forms.ValidationError(_("Please choose a date in the future."))
        check_sane_datetime(day)
        return day
