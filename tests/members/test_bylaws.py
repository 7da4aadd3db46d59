"""Rights follow the offices held today, and end with the term."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from members import bylaws
from members.models import Role, User
from tests.factories import MandateFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_access_comes_from_offices(member, delegate, board, secretariat, former_board):
    assert secretariat.is_staff and board.is_staff
    assert not member.is_staff and not delegate.is_staff and not former_board.is_staff
    assert not secretariat.is_superuser and not board.is_superuser


def test_secretariat_edits_records_the_board_reads_them(secretariat, board):
    assert secretariat.has_perm("members.change_mandate")
    assert secretariat.has_perm("members.add_invitation")
    assert board.has_perm("members.view_mandate")
    assert not board.has_perm("members.change_mandate")
    assert board.has_perm("members.change_organisation")


def test_former_board_member_has_no_board_rights(former_board, client):
    assert bylaws.roles_of(former_board) == frozenset()
    assert not former_board.has_perm("members.view_organisation")
    client.force_login(former_board)
    assert client.get(reverse("admin:index"), follow=True).status_code == 403


def test_board_rights_end_the_day_after_the_term_ends(client):
    term_end = timezone.localdate() + datetime.timedelta(days=10)
    person = UserFactory()
    MandateFactory(role=Role.TREASURER, person=person, end=term_end)
    last_day = datetime.datetime.combine(term_end, datetime.time(23, 0), tzinfo=timezone.get_current_timezone())
    with time_machine.travel(last_day, tick=False):
        assert User.objects.get(pk=person.pk).is_staff
        client.force_login(person)
        assert client.get(reverse("admin:members_organisation_changelist")).status_code == 200
    with time_machine.travel(last_day + datetime.timedelta(hours=2), tick=False):
        fresh = User.objects.get(pk=person.pk)
        assert not fresh.is_staff
        assert not fresh.has_perm("members.view_organisation")
        client.force_login(fresh)
        assert client.get(reverse("admin:members_organisation_changelist"), follow=True).status_code == 403


def test_a_term_that_has_not_started_grants_nothing():
    person = UserFactory()
    MandateFactory(role=Role.SECRETARIAT, person=person, start=timezone.localdate() + datetime.timedelta(days=1))
    assert not person.is_staff


def test_an_inactive_account_has_no_rights(secretariat):
    secretariat.is_active = False
    secretariat.save()
    assert not User.objects.get(pk=secretariat.pk).is_staff
