"""The practice register's part of the digest: practices published or rated (again) in the week, with their
evidence level. The same for every reader (published entries are for all members)."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.digest import Batch, Part, capped
from members.models import Organisation
from practices.models import Practice


class PracticesSection:
    def __init__(self, batch: Batch):
        period = batch.period
        # A rating has a day: each day belongs to one period (from the day of the last sending, before this one's).
        since, until = timezone.localdate(period.since), timezone.localdate(period.sending)
        self.practices = list(
            Practice.objects.filter(
                state=Practice.State.PUBLISHED, level_decided_on__gte=since, level_decided_on__lt=until
            )
            .prefetch_related(Prefetch("organisations", queryset=Organisation.objects.only("pk", "name")))
            .order_by("-level_decided_on", "title")
        )

    def for_person(self, person) -> Part | None:
        if not self.practices:
            return None
        return Part("practices", _("Practice register"), {"rated": capped(self.practices)}, ())
