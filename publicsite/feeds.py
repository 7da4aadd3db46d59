"""The Atom feed of what DEFUS says: the adopted position papers and the practices published for everyone (the
Praxisdatenbank's public entries, with their evidence level and reason), newest first."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from practices.selectors import public_practices
from publicsite import selectors

LIMIT = 50


@dataclass
class Item:
    title: str
    description: str
    link: str
    guid: str
    date: datetime.datetime


def _paper(resolution) -> Item:
    paper = resolution.position_paper
    adopted = _("Adopted by the resolution “%(title)s”.") % {"title": resolution.title}
    return Item(
        title=paper.title,
        description=f"{adopted} {paper.description}".strip(),
        link=reverse("document_download", args=[resolution.position_paper_id]),
        guid=f"{settings.SITE_URL}{reverse('position_papers')}#beschluss-{resolution.pk}",
        date=resolution.closed_at,
    )


def _practice(practice) -> Item:
    cities = ", ".join(organisation.name for organisation in practice.organisations.all())
    level = _("Practice of %(cities)s. Evidence level: %(level)s. Reason: %(reason)s") % {
        "cities": cities,
        "level": practice.get_level_display(),
        "reason": practice.level_reason,
    }
    # A published entry always has its rating day (a database constraint); a new rating is a new entry in the feed.
    rated_on = practice.level_decided_on
    page = reverse("practice_detail", args=[practice.pk])
    return Item(
        title=practice.title,
        description=level,
        link=page,
        guid=f"{settings.SITE_URL}{page}#bewertung-{rated_on.isoformat()}",
        date=datetime.datetime.combine(rated_on, datetime.time(12), tzinfo=timezone.get_current_timezone()),
    )


class PositionPaperFeed(Feed):
    feed_type = Atom1Feed
    title = _("DEFUS: position papers")
    subtitle = _("Position papers and statements adopted by the members of DEFUS, and practices of member cities.")
    author_name = "DEFUS"

    def link(self):
        return reverse("position_papers")

    def items(self):
        papers = [_paper(resolution) for resolution in selectors.adopted_position_papers(limit=LIMIT)]
        practices = [_practice(practice) for practice in public_practices(limit=LIMIT)]
        return sorted(papers + practices, key=lambda item: item.date, reverse=True)[:LIMIT]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return item.guid

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.date

    def item_updateddate(self, item):
        return item.date


position_feed = login_not_required(PositionPaperFeed())
