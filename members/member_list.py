"""The member list for the board: one row per person, offices in one cell, member since, account and invitation
state (beside the re-import template, which has one row per office)."""

from django.db.models import Prefetch
from django.utils import formats
from django.utils.translation import gettext as _

from members import onboarding
from members.models import Mandate

HEADER_LABELS = (
    "Organisation", "Anrede", "Titel", "Vorname", "Nachname", "E-Mail", "Funktion", "Ämter", "Mitglied seit",
    "Konto", "Einladung",
)  # fmt: skip


def _office(mandate: Mandate) -> str:
    since = formats.date_format(mandate.start, "SHORT_DATE_FORMAT")
    return f"{mandate.get_role_display()} ({_('since %(date)s') % {'date': since}})"


def member_list_rows(people) -> list[list]:
    """``people`` (a queryset of users): their rows, ordered by organisation and name, in a fixed number of queries."""
    offices = Prefetch("mandates", queryset=Mandate.objects.active().order_by("start"), to_attr="offices_now")
    people = onboarding.with_invitation_state(people.select_related("organisation").prefetch_related(offices)).order_by(
        "organisation__name", "last_name", "first_name"
    )
    rows = []
    for person in people:
        organisation = person.organisation
        rows.append([
            organisation.name if organisation else "",
            person.get_salutation_display() if person.salutation else "",
            person.title,
            person.first_name,
            person.last_name,
            person.email,
            person.position,
            "; ".join(_office(mandate) for mandate in person.offices_now),
            organisation.joined_on.isoformat() if organisation and organisation.joined_on else "",
            _("yes") if person.has_usable_password() else _("no"),
            str(onboarding.InvitationState.LABELS[onboarding.invitation_state(person)]),
        ])  # fmt: skip
    return rows
