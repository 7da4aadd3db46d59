"""Who may hold a written proxy and for which organisations, in a chooser (kernel/choosers.py): the kinds of this
app, declared as ``choosers`` on its AppConfig."""

from assemblies import voting_rights
from kernel.choosers import define
from members.choosers import ORGANISATION_HINT, PEOPLE


def _delegates(*, user):
    """Who may hold a written proxy: the delegates of the active member organisations."""

    return voting_rights.voting_delegates().select_related("organisation").order_by("organisation__name", "last_name")


def _proxy_organisations(*, user):
    return voting_rights.proxy_organisations(user)


DELEGATES = define("delegierte", queryset=_delegates, **{**PEOPLE, "ordering": ("organisation__name", "last_name")})
PROXY_ORGANISATIONS = define(
    "vollmacht-organisationen",
    queryset=_proxy_organisations,
    search_fields=("name", "city"),
    ordering=("name",),
    hint=ORGANISATION_HINT,
)
