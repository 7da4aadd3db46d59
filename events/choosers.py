"""Whom a person may invite to a date poll and which events a document may be filed with, in a chooser
(kernel/choosers.py): the kinds of this app, declared as ``choosers`` on its AppConfig."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format

from events.models import Event
from events.policies.events import visible_events
from events.polls import invitable_people
from kernel.choosers import define
from members.choosers import PEOPLE


def _invitable_people(*, user):
    return invitable_people(user=user).select_related("organisation").order_by("last_name", "first_name")


def _document_events(*, user):
    return Event.objects.filter(visible_events.q(user), start__lte=timezone.now() + datetime.timedelta(days=60))


def _event_label(event) -> str:
    return f"{event.title} ({date_format(timezone.localtime(event.start), 'SHORT_DATE_FORMAT')})"


INVITABLE_PEOPLE = define("einladbare-personen", queryset=_invitable_people, **PEOPLE)
# Named by the library's upload form (topics/forms.py), which looks it up by this name: topics is below events.
DOCUMENT_EVENTS = define(
    "veranstaltungen-fuer-dokumente",
    queryset=_document_events,
    search_fields=("title",),
    ordering=("-start",),
    label=_event_label,
)
