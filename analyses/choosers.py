"""Which member cities a person may pick in a chooser (kernel/choosers.py): declared as ``choosers`` on the
AppConfig."""

from analyses.selectors import member_cities
from kernel.choosers import define
from members.choosers import ORGANISATION_HINT


def _member_cities(*, user):
    return member_cities(user=user)


MEMBER_CITIES = define(
    "mitgliedsstaedte",
    queryset=_member_cities,
    search_fields=("name", "city"),
    ordering=("name",),
    hint=ORGANISATION_HINT,
)
