"""The practice register tied to the Lagebild: for each offence, how many published practices work against it, in
how many member cities, how many of them proven ("Wohnungseinbruch: 4 Praxisbeispiele in 3 Mitgliedsstädten,
1 nachgewiesen"), and the city's own practices. One query for all offences of a page."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.models import Organisation
from practices.models import Level, Practice
from practices.selectors import practices_visible_to


@dataclass
class Tie:
    offence: object
    practices: list = field(default_factory=list)
    organisation_id: int | None = None

    @property
    def count(self) -> int:
        return len(self.practices)

    @property
    def cities(self) -> int:
        return len({o.pk for practice in self.practices for o in practice.organisations.all()})

    @property
    def proven(self) -> int:
        return sum(1 for practice in self.practices if practice.level == Level.PROVEN)

    @property
    def own(self) -> list:
        return [p for p in self.practices if self.organisation_id in {o.pk for o in p.organisations.all()}]

    @property
    def line(self) -> str:
        examples = ngettext("%(count)d practice example", "%(count)d practice examples", self.count) % {
            "count": self.count
        }
        cities = ngettext("in %(count)d member city", "in %(count)d member cities", self.cities) % {
            "count": self.cities
        }
        proven = _("%(count)d proven") % {"count": self.proven}
        return f"{self.offence.name}: {examples} {cities}, {proven}"

    @property
    def url(self) -> str:
        return f"{reverse('practice_list')}?{urlencode({'offence': self.offence.pk})}"


def offence_ties(*, user, offences, organisation=None) -> dict[int, Tie]:
    """The published practices ``user`` may read against each of ``offences``, by offence id."""
    offences = list(offences)
    ties = {offence.pk: Tie(offence, organisation_id=organisation and organisation.pk) for offence in offences}
    practices = (
        practices_visible_to(user=user)
        .filter(state=Practice.State.PUBLISHED, offences__in=list(ties))
        .distinct()
        .prefetch_related(Prefetch("organisations", queryset=Organisation.objects.only("pk", "name")), "offences")
        .order_by("title", "pk")
    )
    for practice in practices:
        for offence in practice.offences.all():
            if offence.pk in ties:
                ties[offence.pk].practices.append(practice)
    return ties
