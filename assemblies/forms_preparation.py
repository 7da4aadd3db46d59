"""'Versammlung vorbereiten': the meeting's data and its agenda, one form and one formset."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assemblies.models import Meeting, Resolution
from kernel.text import SingleLineFormField
from members.models import Mandate, User
from members.roles import STAFF_ROLES

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def officers():
    """Who may chair or take the minutes: the board and the secretariat holding office today, by name."""
    ids = Mandate.objects.active().filter(role__in=STAFF_ROLES).values("person_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("last_name", "first_name")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person):
        return person.get_full_name() or person.email


class MeetingPreparationForm(forms.Form):
    title = SingleLineFormField(label=_("Title"), max_length=200)
    body = forms.ChoiceField(label=_("Body"), choices=Meeting.Body.choices, initial=Meeting.Body.MEMBERS)
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices, initial=Meeting.Kind.ORDINARY)
    start = forms.DateTimeField(label=_("Begins"), widget=DATETIME)
    end = forms.DateTimeField(label=_("Ends"), widget=DATETIME)
    location = SingleLineFormField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")
    chair = PersonChoiceField(label=_("Chair of the meeting"), queryset=User.objects.none(), required=False)
    minute_taker = PersonChoiceField(label=_("Minute-taker"), queryset=User.objects.none(), required=False)

    def __init__(self, *args, fixed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = self.fields["minute_taker"].queryset = officers()
        if fixed:
            # The invitation named them: shown, not changeable (services.preparation refuses it too).
            for name in ("body", "start", "end", "location", "online_url"):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The meeting must end after it starts."))
        if not data.get("location") and not data.get("online_url"):
            self.add_error("location", _("Give a place, a video link, or both."))
        return data


class AgendaItemForm(forms.Form):
    item = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = SingleLineFormField(label=_("Item"), max_length=300, required=False)
    description = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    motion_text = forms.CharField(
        label=_("Text of the motion"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Empty for an item without a vote (e.g. reports). The invitation quotes it word for word."),
    )
    majority = forms.ChoiceField(label=_("Required majority"), choices=Resolution.Majority.choices)
    procedure = forms.ChoiceField(
        label=_("Voting"),
        choices=[(k, v) for k, v in Resolution.Procedure.choices if k != Resolution.Procedure.WITHOUT_MEETING],
    )

    def clean(self):
        data = super().clean()
        if (data.get("motion_text") or data.get("description")) and not data.get("title"):
            self.add_error("title", _("Name the item."))
        return data


AgendaFormSet = forms.formset_factory(AgendaItemForm, extra=3, can_delete=True, max_num=40, validate_max=True)


def initial_of(meeting: Meeting) -> tuple[dict, list[dict]]:
    event = meeting.event
    data = {
        "title": meeting.title,
        "body": meeting.body,
        "kind": meeting.kind,
        "start": event.start,
        "end": event.end,
        "location": event.location,
        "online_url": event.online_url,
        "chair": meeting.chair_id,
        "minute_taker": meeting.minute_taker_id,
    }
    items = []
    for item in meeting.agenda_items.prefetch_related("resolutions").order_by("number"):
        motion = next(iter(item.resolutions.all()), None)
        items.append(
            {
                "item": item.pk,
                "title": item.title,
                "description": item.description,
                "motion_text": motion.text if motion else "",
                "majority": motion.majority if motion else Resolution.Majority.SIMPLE,
                "procedure": motion.procedure if motion else Resolution.Procedure.IN_MEETING,
            }
        )
    return data, items
