"""The Atom feed of what DEFUS says: the adopted position papers, newest first."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from publicsite import selectors


class PositionPaperFeed(Feed):
    feed_type = Atom1Feed
    title = _("DEFUS: position papers")
    subtitle = _("Position papers and statements adopted by the members of DEFUS.")
    author_name = "DEFUS"

    def link(self):
        return reverse("position_papers")

    def items(self):
        return selectors.adopted_position_papers(limit=50)

    def item_title(self, resolution):
        return resolution.position_paper.title

    def item_description(self, resolution):
        paper = resolution.position_paper
        adopted = _("Adopted by the resolution “%(title)s”.") % {"title": resolution.title}
        return f"{adopted} {paper.description}".strip()

    def item_link(self, resolution):
        return reverse("document_download", args=[resolution.position_paper_id])

    def item_guid(self, resolution):
        return f"{settings.SITE_URL}{reverse('position_papers')}#beschluss-{resolution.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, resolution):
        return resolution.closed_at

    def item_updateddate(self, resolution):
        return resolution.closed_at


position_feed = login_not_required(PositionPaperFeed())
