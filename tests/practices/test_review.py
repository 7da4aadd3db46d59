"""Two reviewers (the secretariat and a working-group lead or board member of another city) rate with a reason;
agreement publishes, disagreement waits for a third."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from members.models import Role
from practices.models import Level, Practice
from practices.services import review_record
from tests.factories import MandateFactory, UserFactory
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(organisation, member):
    return make_practice(organisations=[organisation], state=Practice.State.SUBMITTED, created_by=member)


@pytest.fixture
def second_secretariat(db):
    person = UserFactory(organisation=None)
    MandateFactory(role=Role.SECRETARIAT, person=person)
    return person


def test_two_agreeing_ratings_publish_with_that_level_and_reason(client, submitted, secretariat, board):
    review_record(practice=submitted, reviewer=secretariat, level=Level.PROBABLE, reason="Vorher-nachher")
    submitted.refresh_from_db()
    assert submitted.state == Practice.State.SUBMITTED
    client.force_login(board)
    response = client.post(
        reverse("practice_review", args=[submitted.pk]), {"level": Level.PROBABLE, "reason": "Plausibel belegt"}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == Practice.State.PUBLISHED and submitted.level == Level.PROBABLE
    assert "Vorher-nachher" in submitted.level_reason and "Plausibel belegt" in submitted.level_reason
    assert submitted.level_decided_on is not None


def test_a_working_group_lead_takes_the_second_seat(submitted, secretariat, lead_not_member):
    review_record(practice=submitted, reviewer=lead_not_member, level=Level.THEORETICAL, reason="Theorie")
    review_record(practice=submitted, reviewer=secretariat, level=Level.THEORETICAL, reason="Ja")
    submitted.refresh_from_db()
    assert submitted.state == Practice.State.PUBLISHED


def test_nobody_of_the_practices_own_organisation_reviews(client, submitted, organisation, delegate):
    lead = UserFactory(organisation=organisation)
    MandateFactory(role=Role.BOARD_MEMBER, person=lead)
    with pytest.raises(PermissionDenied):
        review_record(practice=submitted, reviewer=lead, level=Level.PROVEN, reason="Eigenlob")
    client.force_login(lead)
    assert client.get(reverse("practice_review", args=[submitted.pk])).status_code == 403
    client.force_login(delegate)
    assert client.get(reverse("practice_review", args=[submitted.pk])).status_code == 403


def test_the_authors_organisation_counts_too(other_organisation, organisation, board):
    author = UserFactory(organisation=other_organisation)
    practice = make_practice(organisations=[organisation], state=Practice.State.SUBMITTED, created_by=author)
    with pytest.raises(PermissionDenied):
        review_record(practice=practice, reviewer=board, level=Level.PROVEN, reason="x")


def test_the_second_seat_is_not_the_secretariat_again(submitted, secretariat, second_secretariat):
    review_record(practice=submitted, reviewer=secretariat, level=Level.PROVEN, reason="a")
    with pytest.raises(PermissionDenied):
        review_record(practice=submitted, reviewer=second_secretariat, level=Level.PROVEN, reason="b")
    with pytest.raises(PermissionDenied):
        review_record(practice=submitted, reviewer=secretariat, level=Level.PROVEN, reason="again")


def test_a_rating_without_a_reason_is_refused(client, submitted, secretariat):
    with pytest.raises(ValidationError):
        review_record(practice=submitted, reviewer=secretariat, level=Level.PROVEN, reason="  ")
    client.force_login(secretariat)
    response = client.post(reverse("practice_review", args=[submitted.pk]), {"level": Level.PROVEN, "reason": ""})
    assert response.status_code == 200
    assert not submitted.reviews.exists()


def test_a_disagreement_is_recorded_and_decided_by_a_third(client, submitted, secretariat, board, lead_not_member):
    review_record(practice=submitted, reviewer=secretariat, level=Level.PROVEN, reason="Kontrollgruppe")
    review_record(practice=submitted, reviewer=lead_not_member, level=Level.THEORETICAL, reason="Zu klein")
    submitted.refresh_from_db()
    assert submitted.state == Practice.State.SUBMITTED and submitted.disputed_at is not None
    client.force_login(lead_not_member)
    assert "Zu klein" in client.get(reverse("practice_detail", args=[submitted.pk])).content.decode()
    # A working-group lead does not decide; the board does.
    with pytest.raises(PermissionDenied):
        review_record(practice=submitted, reviewer=lead_not_member, level=Level.PROBABLE, reason="x")
    review_record(practice=submitted, reviewer=board, level=Level.PROBABLE, reason="Mittelweg")
    submitted.refresh_from_db()
    assert submitted.state == Practice.State.PUBLISHED
    assert (submitted.level, submitted.level_reason) == (Level.PROBABLE, "Mittelweg")
    assert submitted.reviews.count() == 3


def test_only_submitted_entries_are_reviewed(draft, secretariat):
    with pytest.raises(ValidationError):
        review_record(practice=draft, reviewer=secretariat, level=Level.PROVEN, reason="zu früh")
