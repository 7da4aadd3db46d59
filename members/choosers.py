"""Who may pick which organisation in a chooser (kernel/choosers.py), and how people are found and shown: the
kinds of this app, declared as ``choosers`` on its AppConfig."""

from django.utils.translation import gettext_lazy

from kernel.choosers import define
from members.models import Organisation


def _person_label(person) -> str:
    return f"{person} ({person.organisation.name})" if person.organisation_id else str(person)


def _active_organisations(*, user):
    return Organisation.objects.filter(status=Organisation.Status.ACTIVE).order_by("name")


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

ORGANISATIONS = define(
    "organisationen",
    queryset=_active_organisations,
    search_fields=("name", "city"),
    ordering=("name",),
    hint=ORGANISATION_HINT,
)
