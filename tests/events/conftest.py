import datetime

import pytest
from django.utils import timezone

from events.models import Event


@pytest.fixture
def make_event(db):
    def make(**fields):
        start = fields.pop("start", (timezone.now() + datetime.timedelta(days=10)).replace(microsecond=0))
        defaults = {
            "title": "AG-Treffen",
            "kind": Event.Kind.WORKING_GROUP_MEETING,
            "start": start,
            "end": fields.pop("end", start + datetime.timedelta(hours=3)),
            "status": Event.Status.PUBLISHED,
            "location": "Rathaus Essen",
        }
        defaults.update(fields)
        return Event.objects.create(**defaults)

    return make
