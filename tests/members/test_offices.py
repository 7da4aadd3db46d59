"""The bylaws' rules on offices: in the database (PostgreSQL) and in validation (everywhere)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from members.models import AuditEntry, Mandate, Role
from members.selectors import current_delegates
from members.services import mandate_approve, mandate_save
from tests.factories import MandateFactory, OrganisationFactory, UserFactory

D = datetime.date


def _raw(**fields):
    """Insert without validation, so only the database can refuse."""
    with transaction.atomic():
        return Mandate.objects.create(person=fields.pop("person", None) or UserFactory(), **fields)


@pytest.mark.parametrize(
    ("first", "second", "constraint"),
    [
        (
            {"role": Role.CHAIR, "start": D(2024, 1, 1), "end": D(2025, 12, 31)},
            {"role": Role.CHAIR, "start": D(2025, 12, 31), "end": None},
            "mandate_one_chair_at_a_time",
        ),
        (
            {"role": Role.DELEGATE, "start": D(2020, 1, 1), "end": None},
            {"role": Role.DELEGATE, "start": D(2026, 1, 1), "end": None},
            "mandate_one_delegate_per_organisation",
        ),
    ],
    ids=["chair", "delegate"],
)
def test_postgres_refuses_overlapping_single_offices(postgres, first, second, constraint):
    organisation = OrganisationFactory()
    if first["role"] == Role.DELEGATE:
        first["organisation"] = second["organisation"] = organisation
    _raw(**first)
    with pytest.raises(IntegrityError, match=constraint):
        _raw(**second)


def test_postgres_allows_consecutive_terms(postgres):
    _raw(role=Role.CHAIR, start=D(2022, 1, 1), end=D(2023, 12, 31))
    _raw(role=Role.CHAIR, start=D(2024, 1, 1), end=None)
    organisation = OrganisationFactory()
    _raw(role=Role.DELEGATE, organisation=organisation, start=D(2020, 1, 1), end=D(2024, 5, 31))
    _raw(role=Role.DELEGATE, organisation=organisation, start=D(2024, 6, 1))
    # Delegates of different organisations at the same time are fine.
    _raw(role=Role.DELEGATE, organisation=OrganisationFactory(), start=D(2024, 6, 1))
    assert Mandate.objects.count() == 5


def test_postgres_refuses_an_auditor_on_the_board(postgres):
    person = UserFactory()
    _raw(role=Role.TREASURER, person=person, start=D(2024, 1, 1), end=D(2025, 12, 31))
    with pytest.raises(IntegrityError, match="mandate_auditor_not_on_board"):
        _raw(role=Role.AUDITOR, person=person, start=D(2025, 6, 1))
    # After the board term, the same person may audit.
    _raw(role=Role.AUDITOR, person=person, start=D(2026, 1, 1))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("existing", "new", "message"),
    [
        ({"role": Role.CHAIR}, {"role": Role.CHAIR}, "bereits eine/n Vorsitzende/n"),
        ({"role": Role.BOARD_MEMBER, "same_person": True}, {"role": Role.AUDITOR}, "Kassenprüfer"),
        ({"role": Role.AUDITOR, "same_person": True}, {"role": Role.DEPUTY_CHAIR}, "Kassenprüfer"),
    ],
    ids=["chair", "auditor-on-board", "board-while-auditor"],
)
def test_validation_explains_the_conflict_on_any_database(existing, new, message):
    person = UserFactory()
    MandateFactory(role=existing["role"], person=person if existing.get("same_person") else UserFactory())
    mandate = Mandate(role=new["role"], person=person, start=timezone.localdate())
    with pytest.raises(ValidationError) as error:
        mandate.full_clean()
    assert message in " ".join(error.value.messages)


@pytest.mark.django_db
def test_a_new_delegate_succeeds_and_the_vote_passes_on_that_day(secretariat, board):
    organisation = OrganisationFactory()
    first = MandateFactory(
        role=Role.DELEGATE,
        person=UserFactory(organisation=organisation),
        organisation=organisation,
        start=D(2020, 1, 1),
    )
    successor = UserFactory(organisation=organisation)
    handover = timezone.localdate() + datetime.timedelta(days=7)
    saved = mandate_save(
        mandate=Mandate(role=Role.DELEGATE, person=successor, organisation=organisation, start=handover),
        actor=secretariat,
    )
    mandate_approve(mandate=saved.mandate, actor=board)  # four eyes
    first.refresh_from_db()
    assert first.end == handover - datetime.timedelta(days=1)
    assert current_delegates().get(organisation=organisation).person == first.person
    with time_machine.travel(
        datetime.datetime.combine(handover, datetime.time(9), tzinfo=timezone.get_current_timezone())
    ):
        assert current_delegates().get(organisation=organisation).person == successor
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        "mandate.requested",
        "mandate.approved",
        "mandate.succeeded",
    }


@pytest.mark.django_db
def test_secretariat_records_a_succession_in_the_admin(client, secretariat, board):
    organisation = OrganisationFactory()
    first = MandateFactory(role=Role.DELEGATE, organisation=organisation, start=D(2020, 1, 1))
    successor = UserFactory(organisation=organisation)
    client.force_login(secretariat)
    start = timezone.localdate()
    response = client.post(
        reverse("admin:members_mandate_add"),
        {"role": "delegate", "person": successor.pk, "organisation": organisation.pk, "start": start.isoformat()},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    first.refresh_from_db()
    assert first.end is None  # the appointment waits for a second person
    entry = AuditEntry.objects.get(action="mandate.requested")
    assert entry.actor == secretariat and entry.changes["role"]["to"] == "delegate"
    client.force_login(board)
    office = Mandate.objects.get(person=successor)
    client.post(reverse("admin:members_mandate_changelist"), {"action": "approve", "_selected_action": [office.pk]})
    first.refresh_from_db()
    assert first.end == start - datetime.timedelta(days=1)
    assert AuditEntry.objects.get(action="mandate.approved").actor == board


@pytest.mark.django_db
def test_the_admin_refuses_a_second_chair_with_a_message(client, secretariat, board):
    client.force_login(secretariat)
    response = client.post(
        reverse("admin:members_mandate_add"),
        {"role": "chair", "person": UserFactory().pk, "start": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200
    assert "bereits eine/n Vorsitzende/n" in response.content.decode()
    assert Mandate.objects.filter(role=Role.CHAIR).count() == 1
