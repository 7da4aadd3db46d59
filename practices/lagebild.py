"""The practice register tied to the Lagebild: for each offence, how many published practices work against it, in
how many member cities, how many of them proven ("Wohnungseinbruch: 4 Praxisbeispiele in 3 Mitgliedsstädten,
1 nachgewiesen"), and the city's own practices. One query for all offences of a page."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members import bylaws
from practices.models import Level, Practice
from practices.policies import PUBLIC


@dataclass
class Line:
    """A practice as the Lagebild names it."""

    pk: int
    title: str
    level: str
    cities: dict = field(default_factory=dict)  # organisation id → name

    @property
    def level_label(self) -> str:
        return Level(self.level).label


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
        return len({pk for practice in self.practices for pk in practice.cities})

    @property
    def proven(self) -> int:
        return sum(1 for practice in self.practices if practice.level == Level.PROVEN)

    @property
    def own(self) -> list:
        return [practice for practice in self.practices if self.organisation_id in practice.cities]

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
    """The published practices ``user`` may read against each of ``offences``, by offence id, in one query (a row
    per practice, offence and city)."""
    ties = {offence.pk: Tie(offence, organisation_id=organisation and organisation.pk) for offence in offences}
    # Published entries only: for members all of them, for anybody else the public ones (practices.policies).
    published = Q(state=Practice.State.PUBLISHED) if bylaws.has_member_access(user) else PUBLIC
    rows = (
        Practice.objects.filter(published, offences__in=list(ties))
        .order_by("title", "pk")
        .values_list("pk", "title", "level", "offences", "organisations", "organisations__name")
    )
    lines: dict[tuple[int, int], Line] = {}
    for pk, title, level, offence_id, organisation_id, name in rows:
        if offence_id not in ties:
            continue
        if (offence_id, pk) not in lines:
            lines[offence_id, pk] = Line(pk, title, level)
            ties[offence_id].practices.append(lines[offence_id, pk])
        if organisation_id is not None:
            lines[offence_id, pk].cities[organisation_id] = name
    return ties
