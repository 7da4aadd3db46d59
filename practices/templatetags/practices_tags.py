"""The practice register on other apps' pages (the Lagebild): ``{% offence_ties offences as ties %}`` once per
page, then ``{% include "practices/_tie.html" with tie=ties|tie_for:offence %}`` per offence."""

from django import template
from django.db.models import Model

from practices.lagebild import offence_ties as ties_of

register = template.Library()


@register.simple_tag(takes_context=True)
def offence_ties(context, offences, organisation=None):
    """``offences``: one offence, offences, or the Lagebild's series (each has ``.offence``)."""
    if isinstance(offences, Model):
        offences = [offences]
    offences = [getattr(item, "offence", item) for item in offences if item is not None]
    return ties_of(user=context["request"].user, offences=offences, organisation=organisation)


@register.filter
def tie_for(ties, offence):
    return ties.get(getattr(offence, "pk", None)) if ties else None
