"""Four eyes for delegates (issue 33): an appointment entered by one person of the secretariat takes effect only
when a second person with the right approves it; the audit log names both."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from assemblies import services as assembly_services
from assemblies import voting_rights
from kernel import viewer
from members import bylaws
from members.models import AuditEntry, Mandate, Role
from members.services import mandate_approve, mandate_save
from tests.factories import MandateFactory, MeetingFactory, ResolutionFactory, UserFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_secretariat(db):
    person = UserFactory(email="zweite@example.org", organisation=None)
    MandateFactory(role=Role.SECRETARIAT, person=person)
    return person


def _appoint(person, organisation, actor, start=None):
    office = Mandate(role=Role.DELEGATE, person=person, organisation=organisation, start=start or timezone.localdate())
    return mandate_save(mandate=office, actor=actor).mandate


def test_an_appointment_waits_and_carries_no_vote(secretariat, organisation, delegate):
    successor = UserFactory(organisation=organisation)
    office = _appoint(successor, organisation, secretariat)
    assert office.awaiting_approval and office.requested_by == secretariat
    assert Role.DELEGATE not in bylaws.roles_of(successor)
    assert not voting_rights.is_delegate(successor)
    # The current delegate keeps the vote meanwhile.
    assert Mandate.objects.get(person=delegate).end is None
    ballot = ResolutionFactory(meeting=MeetingFactory())
    assert voting_rights.voting_rights(resolution=ballot, person=successor) == []
    assert [r.organisation for r in voting_rights.voting_rights(resolution=ballot, person=delegate)] == [organisation]


def test_the_same_person_cannot_approve_their_own_request(client, secretariat, organisation):
    successor = UserFactory(organisation=organisation)
    office = _appoint(successor, organisation, secretariat)
    with translation.override("en"), pytest.raises(ValidationError, match="second person"):
        mandate_approve(mandate=office, actor=secretariat)
    # Nor through the admin's action: the error is shown, the appointment still waits.
    client.force_login(secretariat)
    response = client.post(
        reverse("admin:members_mandate_changelist"), {"action": "approve", "_selected_action": [office.pk]}, follow=True
    )
    assert response.status_code == 200
    office.refresh_from_db()
    assert office.awaiting_approval and office.approved_by is None
    assert not AuditEntry.objects.filter(action="mandate.approved").exists()
    # The database keeps the two apart as well.
    with pytest.raises(IntegrityError), transaction.atomic():
        Mandate.objects.filter(pk=office.pk).update(approved_by=secretariat)


def test_after_a_second_person_approves_the_appointment_takes_effect(
    secretariat, second_secretariat, organisation, delegate
):
    successor = UserFactory(organisation=organisation)
    office = _appoint(successor, organisation, secretariat)
    saved = mandate_approve(mandate=office, actor=second_secretariat)
    office.refresh_from_db()
    assert not office.awaiting_approval and office.approved_by == second_secretariat
    viewer.forget(successor)
    assert voting_rights.is_delegate(successor)
    # The predecessor's term ended the day before.
    (predecessor,) = saved.succeeded
    assert predecessor.person == delegate and predecessor.end == office.start - datetime.timedelta(days=1)
    # Both actors are on record.
    requested = AuditEntry.objects.get(action="mandate.requested")
    approved = AuditEntry.objects.get(action="mandate.approved")
    assert requested.actor == secretariat and approved.actor == second_secretariat
    assert approved.changes["approved_by"]["to"] == str(second_secretariat)
    # Casting the vote now works.
    ballot = ResolutionFactory(meeting=MeetingFactory())
    assembly_services.vote_cast(resolution=ballot, person=successor, choice="yes")


def test_the_board_approves_in_the_admin(client, secretariat, board, organisation):
    successor = UserFactory(organisation=organisation)
    office = _appoint(successor, organisation, secretariat)
    client.force_login(board)
    changelist = reverse("admin:members_mandate_changelist")
    assert 'value="approve"' in client.get(changelist + "?awaiting_approval__exact=1").content.decode()
    client.post(changelist, {"action": "approve", "_selected_action": [office.pk]})
    office.refresh_from_db()
    assert office.approved_by == board and not office.awaiting_approval


def test_nobody_else_approves(secretariat, delegate, member, organisation, other_member):
    successor = UserFactory(organisation=organisation)
    office = _appoint(successor, organisation, secretariat)
    for person in (delegate, member, other_member):
        with pytest.raises(ValidationError):
            mandate_approve(mandate=office, actor=person)
    # Nor the appointed person, were they staff.
    MandateFactory(role=Role.SECRETARIAT, person=successor)
    viewer.forget(successor)
    with pytest.raises(ValidationError):
        mandate_approve(mandate=office, actor=successor)
    office.refresh_from_db()
    assert office.awaiting_approval


def test_an_approval_never_acts_back_in_time(secretariat, second_secretariat, organisation, delegate):
    successor = UserFactory(organisation=organisation)
    entered = timezone.localdate()
    office = _appoint(successor, organisation, secretariat, start=entered)
    later = datetime.datetime.combine(
        entered + datetime.timedelta(days=3), datetime.time(10), timezone.get_current_timezone()
    )
    with time_machine.travel(later, tick=False):
        mandate_approve(mandate=office, actor=second_secretariat)
    office.refresh_from_db()
    # The vote passes on the day of the approval; the predecessor's votes meanwhile stand.
    assert office.start == entered + datetime.timedelta(days=3)
    assert Mandate.objects.get(person=delegate).end == entered + datetime.timedelta(days=2)


def test_a_delegate_office_keeps_its_holder(client, secretariat, delegate, organisation):
    office = Mandate.objects.get(person=delegate)
    office.person = UserFactory(organisation=organisation)
    with pytest.raises(ValidationError):
        mandate_save(mandate=office, actor=secretariat)
    client.force_login(secretariat)
    page = client.get(reverse("admin:members_mandate_change", args=[office.pk])).content.decode()
    assert 'name="person"' not in page and 'name="organisation"' not in page
    # The end of the term is still entered as before.
    office = Mandate.objects.get(person=delegate)
    office.end = timezone.localdate() + datetime.timedelta(days=30)
    assert not mandate_save(mandate=office, actor=secretariat).awaiting_approval


def test_offices_without_a_vote_and_elections_need_no_second_person(secretariat, organisation):
    lead = Mandate(
        role=Role.WORKING_GROUP_LEAD,
        person=UserFactory(),
        working_group=WorkingGroupFactory(),
        start=timezone.localdate(),
    )
    assert not mandate_save(mandate=lead, actor=secretariat).awaiting_approval
    elected = Mandate(role=Role.BOARD_MEMBER, person=UserFactory(), start=timezone.localdate())
    assert not mandate_save(mandate=elected, actor=secretariat, by_election=True).awaiting_approval
