"""Delegate offices: one organisation's vote, cast by one of its own people, never given to oneself."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from assemblies import voting_rights
from kernel import viewer
from members.bylaws import Conflict
from members.models import Mandate, Role, User
from members.services import OfficeSaved, mandate_approve, mandate_save
from tests.factories import (
    MeetingFactory,
    OrganisationFactory,
    ResolutionFactory,
    UserFactory,
    WorkingGroupFactory,
)

D = datetime.date


def _codes(error: ValidationError) -> set[str]:
    errors = error.error_dict.get("__all__", []) if hasattr(error, "error_dict") else error.error_list
    return {e.code for e in errors}


def test_postgres_refuses_one_person_as_delegate_of_two_organisations(postgres):
    person = UserFactory()
    with transaction.atomic():
        Mandate.objects.create(
            role=Role.DELEGATE, person=person, organisation=OrganisationFactory(), start=D(2024, 1, 1)
        )
    with pytest.raises(IntegrityError, match="mandate_one_delegate_office_per_person"), transaction.atomic():
        Mandate.objects.create(
            role=Role.DELEGATE, person=person, organisation=OrganisationFactory(), start=D(2025, 1, 1)
        )
    # One after the other is fine.
    Mandate.objects.filter(person=person).update(end=D(2024, 12, 31))
    Mandate.objects.create(role=Role.DELEGATE, person=person, organisation=OrganisationFactory(), start=D(2025, 1, 1))


@pytest.mark.django_db
def test_a_delegate_is_a_person_of_that_organisation(secretariat, organisation, other_member):
    with pytest.raises(ValidationError) as error:
        mandate_save(
            mandate=Mandate(
                role=Role.DELEGATE, person=other_member, organisation=organisation, start=timezone.localdate()
            ),
            actor=secretariat,
        )
    assert Conflict.DELEGATE_NOT_OF_ORGANISATION in _codes(error.value)
    assert not Mandate.objects.filter(role=Role.DELEGATE).exists()


@pytest.mark.django_db
def test_one_person_holds_one_delegate_office_at_a_time(secretariat, delegate, other_organisation):
    # Even if the person also belonged to the other organisation, one vote is all they cast.
    with pytest.raises(ValidationError) as error:
        mandate_save(
            mandate=Mandate(
                role=Role.DELEGATE, person=delegate, organisation=other_organisation, start=timezone.localdate()
            ),
            actor=secretariat,
        )
    assert Conflict.DELEGATE_ELSEWHERE in _codes(error.value)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.DELEGATE, Role.BOARD_MEMBER, Role.TREASURER])
def test_nobody_gives_themselves_an_office_with_a_vote(secretariat, organisation, role):
    secretariat.organisation = organisation
    secretariat.save()
    office = Mandate(role=role, person=secretariat, organisation=organisation if role == Role.DELEGATE else None)
    office.start = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        mandate_save(mandate=office, actor=secretariat)
    assert Conflict.OWN_VOTING_OFFICE in _codes(error.value)
    assert not Mandate.objects.filter(person=secretariat, role=role).exists()


@pytest.mark.django_db
def test_an_office_without_a_vote_for_oneself_is_fine(secretariat):
    group = WorkingGroupFactory()
    office = Mandate(role=Role.WORKING_GROUP_LEAD, person=secretariat, working_group=group, start=timezone.localdate())
    assert mandate_save(mandate=office, actor=secretariat).created


@pytest.mark.django_db
def test_the_secretariat_cannot_make_itself_delegate_in_the_admin(client, secretariat, delegate, organisation):
    """The probe: the secretariat named itself delegate of several organisations and voted for each."""
    client.force_login(secretariat)
    url = reverse("admin:members_mandate_add")
    start = timezone.localdate().isoformat()
    response = client.post(
        url, {"role": "delegate", "person": secretariat.pk, "organisation": organisation.pk, "start": start}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Person dieser Organisation" in page
    assert Mandate.objects.active().get(role=Role.DELEGATE, organisation=organisation).person == delegate
    # Even as a person of that organisation, not for itself.
    secretariat.organisation = organisation
    secretariat.save()
    response = client.post(
        url, {"role": "delegate", "person": secretariat.pk, "organisation": organisation.pk, "start": start}
    )
    assert response.status_code == 200
    assert "für sich selbst" in response.content.decode()
    response = client.post(url, {"role": "board_member", "person": secretariat.pk, "start": start})
    assert response.status_code == 200
    assert not Mandate.objects.filter(person=secretariat).exclude(role=Role.SECRETARIAT).exists()


@pytest.mark.django_db
def test_a_succession_tells_the_predecessor_and_the_organisations_contacts(
    client, secretariat, board, delegate, organisation, django_capture_on_commit_callbacks
):
    organisation.email = "info@essen.example"
    organisation.save()
    head = UserFactory(organisation=organisation, level=User.Level.LEADERSHIP, email="leitung@essen.example")
    UserFactory(organisation=organisation, level=User.Level.WORKING, email="arbeit@essen.example")
    successor = UserFactory(organisation=organisation, first_name="Neue", last_name="Delegierte")
    client.force_login(secretariat)
    start = timezone.localdate() + datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:members_mandate_add"),
            {"role": "delegate", "person": successor.pk, "organisation": organisation.pk, "start": start.isoformat()},
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert mail.outbox == []  # nothing happens before the second person approves
    client.force_login(board)
    office = Mandate.objects.get(person=successor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:members_mandate_changelist"), {"action": "approve", "_selected_action": [office.pk]})
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([delegate.email, head.email, "info@essen.example"])
    message = next(m for m in mail.outbox if m.to == [delegate.email])
    assert "Neue Delegierte" in message.body and "Stadt Essen" in message.subject


@pytest.mark.django_db
def test_the_succession_is_a_typed_result(
    secretariat, board, delegate, organisation, django_capture_on_commit_callbacks
):
    successor = UserFactory(organisation=organisation)
    start = timezone.localdate() + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=False):
        saved = mandate_save(
            mandate=Mandate(role=Role.DELEGATE, person=successor, organisation=organisation, start=start),
            actor=secretariat,
        )
        assert isinstance(saved, OfficeSaved) and saved.created and saved.awaiting_approval
        assert saved.succeeded == ()
        saved = mandate_approve(mandate=saved.mandate, actor=board)
    assert not saved.awaiting_approval
    (predecessor,) = saved.succeeded
    assert predecessor.person == delegate and predecessor.end == start - datetime.timedelta(days=1)


@pytest.mark.django_db
def test_an_election_result_takes_effect_whoever_closes_the_vote(secretariat):
    office = Mandate(role=Role.BOARD_MEMBER, person=secretariat, start=timezone.localdate())
    assert mandate_save(mandate=office, actor=secretariat, by_election=True).created


@pytest.mark.django_db
def test_a_delegate_moved_to_another_organisation_casts_its_vote_no_longer(delegate, organisation, other_organisation):
    ballot = ResolutionFactory(meeting=MeetingFactory())
    assert [r.organisation for r in voting_rights.voting_rights(resolution=ballot, person=delegate)] == [organisation]
    # Moved in the person form (or by an import): the office is still on record, the vote does not travel along.
    delegate.organisation = other_organisation
    delegate.save(update_fields=["organisation"])
    viewer.forget(delegate)
    assert Mandate.objects.active().filter(person=delegate, role=Role.DELEGATE).exists()
    assert voting_rights.voting_rights(resolution=ballot, person=delegate) == []
    assert not voting_rights.voting_delegates().filter(pk=delegate.pk).exists()
