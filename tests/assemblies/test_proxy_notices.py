"""Proxies people hear about: each change e-mails the holder, the granting organisation's delegate and the
secretariat, once each; a given proxy is not offered a second time."""

import pytest
from django.core import mail
from django.urls import reverse

from assemblies import services
from tests.assemblies.helpers import proxy_before_voting

pytestmark = pytest.mark.django_db


def _addresses():
    return sorted(m.to[0] for m in mail.outbox)


def test_granting_and_revoking_tell_holder_delegate_and_secretariat_once_each(
    client, meeting, delegates, secretariat, django_capture_on_commit_callbacks
):
    giver, holder = delegates[1], delegates[2]
    with django_capture_on_commit_callbacks(execute=True):
        proxy = services.proxy_grant(meeting=meeting, organisation=giver.organisation, holder=holder, recorded_by=giver)
    assert _addresses() == sorted([giver.email, holder.email, secretariat.email])
    assert all(giver.organisation.name in m.body and holder.get_full_name() in m.body for m in mail.outbox)
    assert all(m.reply_to for m in mail.outbox)  # official post: replies reach the secretariat
    mail.outbox.clear()
    # The delegate sees no second form for the same meeting.
    client.force_login(giver)
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert reverse("meeting_proxy", args=[meeting.pk]) not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("proxy_withdraw", args=[proxy.pk]), {"confirmed": "yes"})
    assert _addresses() == sorted([giver.email, holder.email, secretariat.email])
    assert all("widerrufen" in m.body or "revoked" in m.body for m in mail.outbox)


def test_a_paper_proxy_tells_when_recorded_and_when_approved(
    meeting, delegates, secretariat, board, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proxy_before_voting(
            meeting,
            organisation=delegates[1].organisation,
            holder=delegates[2],
            recorded_by=secretariat,
            approver=board,
            signed_by="Oberbürgermeisterin",
        )
    # Recorded, then approved: two notices to each of the three, no more.
    addresses = _addresses()
    assert addresses == sorted([delegates[1].email, delegates[2].email, secretariat.email] * 2)


def test_a_proxy_is_shown_once_more_before_it_is_recorded(client, meeting, delegates):
    from assemblies.models import Proxy

    giver, holder = delegates[1], delegates[2]
    client.force_login(giver)
    url = reverse("meeting_proxy", args=[meeting.pk])
    page = client.post(url, {"organisation": giver.organisation.pk, "holder": holder.pk}).content.decode()
    assert giver.organisation.name in page and str(holder) in page and 'name="confirmed"' in page
    assert not Proxy.objects.exists() and mail.outbox == []
    assert (
        client.post(url, {"organisation": giver.organisation.pk, "holder": holder.pk, "confirmed": "yes"}).status_code
        == 302
    )
    assert Proxy.objects.get().holder == holder
