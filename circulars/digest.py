"""The circulars' part of the digest: the circulars sent in the week, for those in their audience."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from circulars.models import Circular
from circulars.selectors import readable_circulars
from kernel.digest import Batch, Part
from kernel.emails import absolute_url


class CircularsSection:
    def __init__(self, batch: Batch):
        period = batch.period
        self.circulars = list(
            Circular.objects.filter(status=Circular.Status.SENT, sent_at__gte=period.since, sent_at__lt=period.sending)
            .prefetch_related("groups", "organisations")
            .order_by("-sent_at", "-pk")
        )

    def for_person(self, person) -> Part | None:
        reads = readable_circulars.test(person)  # the rule built once for this person, not once per circular
        lines = [
            {
                "title": circular.title_for(person.language),
                "url": absolute_url(reverse("circular_detail", args=[circular.pk])),
                "sent_at": circular.sent_at,
            }
            for circular in self.circulars
            if reads(circular)
        ]
        if not lines:
            return None
        signature = tuple(line["url"] for line in lines) + tuple(line["title"] for line in lines)
        return Part("circulars", _("Circulars"), {"lines": lines}, signature)
