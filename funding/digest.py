"""The funding part of the digest: calls new since last week and deadlines in the next 30 days.

Calls the reader's organisation declared interest in come first; each call appears once.
"""

import datetime
from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from funding.models import Call, Interest
from funding.selectors import calls
from kernel.digest import Batch, Part, capped

HORIZON = datetime.timedelta(days=30)


class FundingSection:
    def __init__(self, batch: Batch):
        period = batch.period
        new = Q(created_at__gte=period.since, created_at__lt=period.sending) & ~Q(state=Call.Status.CLOSED)
        soon = Q(next_deadline__isnull=False, next_deadline__lt=batch.now + HORIZON)
        self.calls = list(calls(now=batch.now).filter(new | soon))
        self.new = [call for call in self.calls if period.since <= call.created_at < period.sending]
        self.soon = [call for call in self.calls if not (period.since <= call.created_at < period.sending)]
        organisations = {person.organisation_id for person in batch.people if person.organisation_id}
        # Interests per organisation (calls are for all members; only "ours" differs between readers).
        self.interests: dict[int, dict[int, str]] = defaultdict(dict)
        for organisation_id, call_id, role in Interest.objects.filter(
            organisation__in=organisations, call__in=[call.pk for call in self.calls]
        ).values_list("organisation_id", "call_id", "role"):
            self.interests[organisation_id][call_id] = role

    def for_person(self, person) -> Part | None:
        interests = self.interests.get(person.organisation_id, {})
        roles = Interest.Role
        ours = [{"call": call, "role": roles(interests[call.pk]).label} for call in self.calls if call.pk in interests]
        new = [{"call": call, "role": None} for call in self.new if call.pk not in interests]
        soon = [{"call": call, "role": None} for call in self.soon if call.pk not in interests]
        if not (ours or new or soon):
            return None
        data = {"ours": capped(ours, 10), "new": capped(new), "soon": capped(soon)}
        signature = (person.organisation_id,) if interests else ()
        return Part("funding", _("EU funding"), data, signature)
