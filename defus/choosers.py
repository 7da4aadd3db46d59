"""Who may pick what in a chooser (defus/lib/choosers.py), in one place: each kind is the queryset a form field
validates against and its search view (``/auswahl/<kind>/``) answers from."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from analyses.selectors import member_cities
from assemblies import voting_rights
from defus.lib.choosers import register
from events.models import Event
from events.policies.events import visible_events
from events.polls import invitable_people
from funding.models import PartnerOrganisation
from members.models import Organisation
from topics.models import WorkingGroup
from topics.permissions import filing_groups
from topics.selectors import documents_visible_to


def _person_label(person) -> str:
    return f"{person} ({person.organisation.name})" if person.organisation_id else str(person)


def _active_organisations(*, user):
    return Organisation.objects.filter(status=Organisation.Status.ACTIVE).order_by("name")


def _working_groups(*, user):
    return WorkingGroup.objects.filter(archived_at__isnull=True).order_by("name")


def _invitable_people(*, user):
    return invitable_people(user=user).select_related("organisation").order_by("last_name", "first_name")


def _document_groups(*, user):
    return filing_groups(user).order_by("name")


def _document_events(*, user):
    return Event.objects.filter(visible_events.q(user), start__lte=timezone.now() + datetime.timedelta(days=60))


def _event_label(event) -> str:
    return f"{event.title} ({date_format(timezone.localtime(event.start), 'SHORT_DATE_FORMAT')})"


def _member_cities(*, user):
    return member_cities(user=user)


def _delegates(*, user):
    """Who may hold a written proxy: the delegates of the active member organisations."""

    return voting_rights.voting_delegates().select_related("organisation").order_by("organisation__name", "last_name")


def _proxy_organisations(*, user):
    return voting_rights.proxy_organisations(user)


def _partners(*, user):
    """Partner organisations abroad that agreed to be listed."""

    return PartnerOrganisation.objects.filter(consent_to_list=True).order_by("name")


def _documents(*, user):
    return documents_visible_to(user=user).order_by("title")


# People are found by name, organisation or city, and shown with their organisation.
PEOPLE = {
    "search_fields": ("first_name", "last_name", "organisation__name", "organisation__city"),
    "ordering": ("last_name", "first_name"),
    "label": _person_label,
    "select_related": ("organisation",),
    "hint": gettext_lazy("Type at least two letters of a name, organisation or city, then choose from the matches."),
}
# Organisations are found by name or city.
ORGANISATION_HINT = gettext_lazy("Type at least two letters of a name or city, then choose from the matches.")

ORGANISATIONS = register(
    "organisationen",
    queryset=_active_organisations,
    search_fields=("name", "city"),
    ordering=("name",),
    hint=ORGANISATION_HINT,
)
WORKING_GROUPS = register("arbeitsgruppen", queryset=_working_groups, search_fields=("name",), ordering=("name",))
INVITABLE_PEOPLE = register("einladbare-personen", queryset=_invitable_people, **PEOPLE)
DOCUMENT_GROUPS = register(
    "arbeitsgruppen-fuer-dokumente", queryset=_document_groups, search_fields=("name",), ordering=("name",)
)
DOCUMENT_EVENTS = register(
    "veranstaltungen-fuer-dokumente",
    queryset=_document_events,
    search_fields=("title",),
    ordering=("-start",),
    label=_event_label,
)
MEMBER_CITIES = register(
    "mitgliedsstaedte",
    queryset=_member_cities,
    search_fields=("name", "city"),
    ordering=("name",),
    hint=ORGANISATION_HINT,
)
DOCUMENTS = register("dokumente", queryset=_documents, search_fields=("title",), ordering=("title",))
DELEGATES = register("delegierte", queryset=_delegates, **{**PEOPLE, "ordering": ("organisation__name", "last_name")})
PROXY_ORGANISATIONS = register(
    "vollmacht-organisationen",
    queryset=_proxy_organisations,
    search_fields=("name", "city"),
    ordering=("name",),
    hint=ORGANISATION_HINT,
)
PARTNERS = register(
    "partner-im-ausland",
    queryset=_partners,
    search_fields=("name", "country", "themes"),
    ordering=("name",),
)
