"""Exchange around a practice on its page: the member organisations' answers ("Das interessiert uns" / "Haben wir
übernommen"), and one click further: a study visit at the city, or a partner search for EU funding, each with the
practice attached (a line the request or the interest starts with)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from events.models import ExchangeOffer
from kernel.emails import absolute_url
from members import bylaws
from practices.forms import UptakeForm
from practices.models import Practice, Uptake


def attachment(practice: Practice) -> str:
    """The practice as a line attached to a study-visit request or a partner search."""
    url = absolute_url(reverse("practice_detail", args=[practice.pk]))
    return _("Practice register: “%(title)s” %(url)s") % {"title": practice.title, "url": url}


def exchange_context(request, practice: Practice) -> dict:
    """What the entry page shows under "Exchange"."""
    if practice.state != Practice.State.PUBLISHED or not bylaws.has_member_access(request.user):
        return {}
    attached = urlencode({"anhang": attachment(practice)})
    offers = ExchangeOffer.objects.filter(host__in=practice.organisations.all(), is_open=True).select_related("host")
    uptakes = list(Uptake.objects.filter(practice=practice).select_related("organisation"))
    return {
        "uptakes": uptakes,
        "may_take_up": request.user.has_perm("practices.take_up_practice", practice),
        "uptake_form": UptakeForm(),
        "visit_offers": [(offer, f"{reverse('exchange_detail', args=[offer.pk])}?{attached}") for offer in offers],
        "partner_search_url": f"{reverse('call_list')}?{attached}",
        "ours": {u.kind for u in uptakes if u.organisation_id == request.user.organisation_id},
    }
