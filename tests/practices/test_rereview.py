"""Each rated entry is reviewed again after two years: the secretariat's desk lists it when it is due."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from defus.desk import work_queue
from members.models import User
from practices.desk import rereview_cutoff
from practices.models import Practice
from tests.helpers import pinned_clock
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

RATED = datetime.date(2025, 3, 10)
_clock = pinned_clock(datetime.datetime(2025, 3, 9, 9, tzinfo=datetime.UTC))


def _due(user) -> int:
    lines = {line.pending.key: line.count for line in work_queue(User.objects.get(pk=user.pk))}
    return lines["practices_rereview"]


def test_the_desk_lists_an_entry_two_years_after_its_rating(client, secretariat, organisation):
    practice = make_practice(organisations=[organisation], state=Practice.State.PUBLISHED, level_decided_on=RATED)
    make_practice(organisations=[organisation], state=Practice.State.SUBMITTED, title="In Bewertung")
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, tzinfo=datetime.UTC)):
        assert _due(secretariat) == 0
    with time_machine.travel(datetime.datetime(2027, 3, 9, 9, tzinfo=datetime.UTC)):
        assert _due(secretariat) == 0
    with time_machine.travel(datetime.datetime(2027, 3, 10, 9, tzinfo=datetime.UTC)):
        assert _due(secretariat) == 1
        client.force_login(secretariat)
        html = client.get(reverse("admin:index")).content.decode()
        assert 'id="desk-practices_rereview"' in html
        listed = client.get(reverse("admin:practices_practice_changelist"), {"review": "due"})
        assert [row.pk for row in listed.context["cl"].result_list] == [practice.pk]


def test_two_years_before_29_february_is_28_february():
    assert rereview_cutoff(datetime.date(2026, 2, 28)) == datetime.date(2024, 2, 28)
    assert rereview_cutoff(datetime.date(2028, 2, 29)) == datetime.date(2026, 2, 28)
