"""The register's invariants hold in the database, whoever writes."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from practices.models import Level, Practice, Review
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def test_it_refuses_an_end_before_the_start(organisation):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_practice(
            organisations=[organisation], period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2023, 1, 1)
        )


def test_a_published_level_needs_its_reason(organisation):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_practice(organisations=[organisation], state=Practice.State.PUBLISHED, level_reason="")


def test_a_review_needs_a_reason_and_one_per_reviewer_and_seat(draft, secretariat, board):
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(practice=draft, reviewer=secretariat, level=Level.PROVEN, reason="", seat="secretariat")
    Review.objects.create(practice=draft, reviewer=secretariat, level=Level.PROVEN, reason="gut", seat="secretariat")
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(practice=draft, reviewer=secretariat, level=Level.PROVEN, reason="x", seat="peer")
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(practice=draft, reviewer=board, level=Level.PROVEN, reason="x", seat="secretariat")


def test_the_secretariat_works_with_practices_in_the_admin(client, secretariat, draft):
    client.force_login(secretariat)
    assert client.get("/admin/practices/practice/").status_code == 200
    assert client.get(f"/admin/practices/practice/{draft.pk}/change/").status_code == 200
    assert client.get("/admin/practices/review/").status_code == 200


def test_a_member_has_no_admin_rights_on_practices(member):
    assert not member.has_perm("practices.change_practice")
    assert not member.has_perm("practices.view_practice")
