"""One email to the secretariat per office that ends within 60 days, never twice."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from members.models import Role
from members.services import ending_offices_remind
from tests import mailers
from tests.factories import MandateFactory

pytestmark = pytest.mark.django_db


def test_it_reminds_once_per_ending_office(secretariat):
    today = timezone.localdate()
    ending = MandateFactory(role=Role.TREASURER, end=today + datetime.timedelta(days=45))
    MandateFactory(role=Role.BOARD_MEMBER, end=today + datetime.timedelta(days=90))
    assert ending_offices_remind() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [secretariat.email]
    assert str(ending.person) in mail.outbox[0].subject
    assert f"/admin/members/mandate/{ending.pk}/change/" in mail.outbox[0].body
    # The daily task runs again: nothing new.
    assert ending_offices_remind() == 0
    assert len(mail.outbox) == 1


def test_a_failed_send_is_retried_not_lost(secretariat, settings):
    MandateFactory(role=Role.TREASURER, end=timezone.localdate() + datetime.timedelta(days=10))
    mailers.use(settings, "DownBackend")
    with pytest.raises(OSError):
        ending_offices_remind()
    assert mail.outbox == []
    mailers.use(settings, "FlakyBackend")
    assert ending_offices_remind() == 1
    assert len(mail.outbox) == 1
