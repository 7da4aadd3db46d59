"""Four eyes for proxies on paper (issue 33): one recorded by the secretariat carries the vote only once a second
person with the right approves it; the audit log names both."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from assemblies import services
from assemblies.models import Proxy
from members.models import AuditEntry
from tests.assemblies import helpers
from tests.factories import ResolutionFactory

pytestmark = pytest.mark.django_db

SIGNED = "Oberbürgermeisterin (Vollmacht auf Papier)"


@pytest.fixture
def second_secretariat(db):
    return helpers.second_secretariat()


def _on_paper(meeting, delegates, secretariat):
    return services.proxy_grant(
        meeting=meeting,
        organisation=delegates[1].organisation,
        holder=delegates[2],
        recorded_by=secretariat,
        signed_by=SIGNED,
    )


def test_a_proxy_on_paper_waits_and_carries_no_vote(client, meeting, delegates, secretariat):
    proxy = _on_paper(meeting, delegates, secretariat)
    assert proxy.awaiting_approval
    ballot = ResolutionFactory(meeting=meeting)
    # The holder holds nothing yet; the organisation's own delegate still votes.
    assert [r.organisation for r in services.voting_rights(resolution=ballot, person=delegates[2])] == [
        delegates[2].organisation
    ]
    assert [r.organisation for r in services.voting_rights(resolution=ballot, person=delegates[1])] == [
        delegates[1].organisation
    ]
    client.force_login(secretariat)
    with translation.override("en"):
        page = client.get(reverse("meeting_detail", args=[meeting.pk])).text
    assert "wartet auf Freigabe durch eine zweite Person" in page  # the person's language: German


def test_the_same_person_cannot_approve_their_own_proxy(client, meeting, delegates, secretariat):
    proxy = _on_paper(meeting, delegates, secretariat)
    with translation.override("en"), pytest.raises(ValidationError, match="second person"):
        services.proxy_approve(proxy=proxy, actor=secretariat)
    client.force_login(secretariat)
    client.post(reverse("admin:assemblies_proxy_changelist"), {"action": "approve", "_selected_action": [proxy.pk]})
    proxy.refresh_from_db()
    assert proxy.awaiting_approval and proxy.approved_by is None
    # Neither the holder nor anyone without the right.
    for person in (delegates[2], delegates[0]):
        with pytest.raises(ValidationError):
            services.proxy_approve(proxy=proxy, actor=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        Proxy.objects.filter(pk=proxy.pk).update(approved_by=secretariat)


def test_after_a_second_person_approves_the_proxy_carries_the_vote(
    client, meeting, delegates, secretariat, second_secretariat
):
    proxy = _on_paper(meeting, delegates, secretariat)
    client.force_login(second_secretariat)
    response = client.post(
        reverse("admin:assemblies_proxy_changelist"), {"action": "approve", "_selected_action": [proxy.pk]}
    )
    assert response.status_code == 302
    proxy.refresh_from_db()
    assert not proxy.awaiting_approval and proxy.approved_by == second_secretariat
    ballot = ResolutionFactory(meeting=meeting)
    assert services.voting_rights(resolution=ballot, person=delegates[1]) == []
    services.vote_cast(resolution=ballot, person=delegates[2], choice="yes", organisation=delegates[1].organisation)
    assert ballot.votes.get().proxy == proxy
    recorded = AuditEntry.objects.get(action="proxy.recorded_on_paper")
    approved = AuditEntry.objects.get(action="proxy.approved")
    assert recorded.actor == secretariat and approved.actor == second_secretariat
    assert approved.changes["approved_by"]["to"] == str(second_secretariat)


def test_the_board_may_approve_and_a_proxy_can_be_rejected(meeting, delegates, secretariat, board):
    proxy = _on_paper(meeting, delegates, secretariat)
    services.proxy_reject(proxy=proxy, actor=board)
    assert not Proxy.objects.exists()
    assert AuditEntry.objects.get(action="proxy.rejected").actor == board
    # The organisation's place is free again.
    proxy = _on_paper(meeting, delegates, secretariat)
    assert services.proxy_approve(proxy=proxy, actor=board).approved_by == board


def test_no_approval_once_voting_has_started(meeting, delegates, secretariat, second_secretariat):
    proxy = _on_paper(meeting, delegates, secretariat)
    with time_machine.travel(meeting.event.start + datetime.timedelta(minutes=1)):
        with translation.override("en"), pytest.raises(ValidationError, match="Voting has started"):
            services.proxy_approve(proxy=proxy, actor=second_secretariat)
        # The holder may still decline what was never used.
        assert services.proxy_withdraw(proxy=proxy, person=delegates[2]) == "decline"
    assert not Proxy.objects.exists()


def test_a_proxy_the_delegate_declares_needs_no_second_person(meeting, delegates):
    proxy = services.proxy_grant(
        meeting=meeting, organisation=delegates[1].organisation, holder=delegates[2], recorded_by=delegates[1]
    )
    assert not proxy.awaiting_approval
