"""Proxies: on paper only with the signatory of the granting organisation, audited, given only before voting
starts, revoked by the giver until then and declined by the holder until used."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from assemblies import services
from assemblies.models import Proxy
from members.models import AuditEntry
from tests.factories import ResolutionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_proxy_on_paper_names_who_signed_it_and_is_audited(client, meeting, delegates, secretariat):
    giver, holder = delegates[1].organisation, delegates[2]
    with pytest.raises(ValidationError, match="unterzeichnet"):
        services.proxy_grant(meeting=meeting, organisation=giver, holder=holder, recorded_by=secretariat)
    client.force_login(secretariat)
    url = reverse("meeting_proxy", args=[meeting.pk])
    assert "signed_by" in client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert client.post(url, {"organisation": giver.pk, "holder": holder.pk}).status_code == 400
    assert not Proxy.objects.exists()
    response = client.post(
        url, {"organisation": giver.pk, "holder": holder.pk, "signed_by": "OB Dr. Muster", "confirmed": "yes"}
    )
    assert response.status_code == 302
    proxy = Proxy.objects.get()
    assert (proxy.organisation, proxy.holder, proxy.signed_by) == (giver, holder, "OB Dr. Muster")
    entry = AuditEntry.objects.get(action="proxy.recorded_on_paper")
    assert entry.actor == secretariat and entry.changes["signed_by"]["to"] == "OB Dr. Muster"


def test_a_proxy_declared_by_the_delegate_is_audited_without_paper(client, meeting, delegates):
    client.force_login(delegates[0])
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert 'name="signed_by"' not in page
    client.post(
        reverse("meeting_proxy", args=[meeting.pk]),
        {"organisation": delegates[0].organisation.pk, "holder": delegates[1].pk, "confirmed": "yes"},
    )
    assert AuditEntry.objects.get(action="proxy.granted").actor == delegates[0]


def test_only_the_delegate_of_the_granting_organisation_declares_in_the_portal(meeting, delegates, member):
    with pytest.raises(ValidationError):
        services.proxy_grant(
            meeting=meeting, organisation=delegates[1].organisation, holder=delegates[2], recorded_by=delegates[0]
        )
    assert not Proxy.objects.exists()


def _proxy(meeting, delegates):
    return services.proxy_grant(
        meeting=meeting, organisation=delegates[1].organisation, holder=delegates[2], recorded_by=delegates[1]
    )


def test_the_holder_declines_before_voting_starts(client, meeting, delegates):
    proxy = _proxy(meeting, delegates)
    client.force_login(delegates[2])
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert reverse("proxy_withdraw", args=[proxy.pk]) in page
    # Asked once more first: nothing changes until confirmed.
    assert client.post(reverse("proxy_withdraw", args=[proxy.pk])).status_code == 200
    assert Proxy.objects.filter(pk=proxy.pk).exists()
    response = client.post(reverse("proxy_withdraw", args=[proxy.pk]), {"confirmed": "yes"})
    assert response.status_code == 302
    assert not Proxy.objects.exists()
    entry = AuditEntry.objects.get(action="proxy.declined")
    assert entry.actor == delegates[2] and entry.changes["holder"]["from"] == str(delegates[2])
    # The organisation may give its proxy again.
    _proxy(meeting, delegates)


def test_the_giver_revokes_before_voting_starts(client, meeting, delegates):
    proxy = _proxy(meeting, delegates)
    client.force_login(delegates[1])
    assert client.post(reverse("proxy_withdraw", args=[proxy.pk]), {"confirmed": "yes"}).status_code == 302
    assert not Proxy.objects.exists()
    assert AuditEntry.objects.get(action="proxy.revoked").actor == delegates[1]


def test_nobody_else_withdraws_a_proxy(client, meeting, delegates, secretariat):
    proxy = _proxy(meeting, delegates)
    for person in (delegates[0], secretariat, UserFactory(organisation=delegates[1].organisation)):
        client.force_login(person)
        assert client.post(reverse("proxy_withdraw", args=[proxy.pk])).status_code == 403
        assert (
            reverse("proxy_withdraw", args=[proxy.pk])
            not in client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
        )
    client.force_login(delegates[2])
    assert client.get(reverse("proxy_withdraw", args=[proxy.pk])).status_code == 405
    assert Proxy.objects.filter(pk=proxy.pk).exists()


def test_once_voting_has_started_the_giver_can_no_longer_revoke(client, meeting, delegates):
    proxy = _proxy(meeting, delegates)
    # An online ballot of this meeting opened an hour ago.
    ResolutionFactory(meeting=meeting)
    client.force_login(delegates[1])
    assert client.post(reverse("proxy_withdraw", args=[proxy.pk])).status_code == 403
    with pytest.raises(ValidationError, match="Abstimmung"):
        services.proxy_withdraw(proxy=proxy, person=delegates[1])
    assert Proxy.objects.filter(pk=proxy.pk).exists()


def test_the_meeting_itself_starts_the_voting(meeting, delegates):
    proxy = _proxy(meeting, delegates)
    with time_machine.travel(meeting.event.start + datetime.timedelta(minutes=5)):
        assert services.may_withdraw_proxy(proxy=proxy, person=delegates[1]) is None
    assert services.may_withdraw_proxy(proxy=proxy, person=delegates[1]) == "revoke"


def test_the_holder_declines_a_proxy_not_yet_used_after_voting_started(client, meeting, delegates):
    """The probe: a proxy imposed on a delegate could be neither declined nor withdrawn once voting started."""
    proxy = _proxy(meeting, delegates)
    ballot = ResolutionFactory(meeting=meeting)
    client.force_login(delegates[2])
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert reverse("proxy_withdraw", args=[proxy.pk]) in page
    assert client.post(reverse("proxy_withdraw", args=[proxy.pk]), {"confirmed": "yes"}).status_code == 302
    assert not Proxy.objects.exists()
    assert AuditEntry.objects.get(action="proxy.declined").actor == delegates[2]
    # The organisation's vote is its own again: its delegate casts it.
    services.vote_cast(resolution=ballot, person=delegates[1], choice="yes")
    assert ballot.votes.get().organisation == delegates[1].organisation


def test_a_proxy_used_for_a_vote_cannot_be_declined(client, meeting, delegates):
    proxy = _proxy(meeting, delegates)
    ballot = ResolutionFactory(meeting=meeting)
    services.vote_cast(resolution=ballot, person=delegates[2], choice="no", organisation=delegates[1].organisation)
    client.force_login(delegates[2])
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert reverse("proxy_withdraw", args=[proxy.pk]) not in page
    assert client.post(reverse("proxy_withdraw", args=[proxy.pk])).status_code == 403
    with translation.override("en"), pytest.raises(ValidationError, match="cast with this proxy"):
        services.proxy_withdraw(proxy=proxy, person=delegates[2])
    assert Proxy.objects.filter(pk=proxy.pk).exists()


@pytest.mark.parametrize("started_by", ["ballot", "meeting"])
def test_no_new_proxy_once_voting_has_started(client, meeting, delegates, secretariat, started_by):
    """The probe: proxies imposed after voting started. A ballot opened or the meeting begun closes the list."""
    giver, holder = delegates[1], delegates[2]
    after_start = meeting.event.start + datetime.timedelta(minutes=5)
    if started_by == "ballot":
        ResolutionFactory(meeting=meeting)
        after_start = None
    with time_machine.travel(after_start or datetime.datetime.now(datetime.UTC), tick=False):
        with translation.override("en"), pytest.raises(ValidationError, match="Voting has started"):
            services.proxy_grant(meeting=meeting, organisation=giver.organisation, holder=holder, recorded_by=giver)
        with pytest.raises(ValidationError):
            services.proxy_grant(
                meeting=meeting,
                organisation=giver.organisation,
                holder=holder,
                recorded_by=secretariat,
                signed_by="Oberbürgermeisterin",
            )
        client.force_login(giver)
        page = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
        assert reverse("meeting_proxy", args=[meeting.pk]) not in page
        url = reverse("meeting_proxy", args=[meeting.pk])
        assert client.post(url, {"organisation": giver.organisation.pk, "holder": holder.pk}).status_code == 403
    assert not Proxy.objects.exists()


def test_a_proxy_handed_in_before_voting_started_is_taken(meeting, delegates):
    before = meeting.event.start - datetime.timedelta(minutes=10)
    proxy = services.proxy_grant(
        meeting=meeting,
        organisation=delegates[1].organisation,
        holder=delegates[2],
        recorded_by=delegates[1],
        at=before,
    )
    assert proxy.holder == delegates[2]
