"""One policy per question: the list filter and the object check agree for every persona (issue 20).

Each policy offers a queryset filter (lists, search, digest) and an object check (pages, downloads);
they are stated side by side in one module, and this test asks both for every persona and every case.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from events.models import DatePoll, Event
from events.permissions import visible_events_q
from events.polls import polls_for
from tests.factories import MembershipFactory, WorkingGroupFactory, make_document
from topics.models import Document, WorkingGroup
from topics.permissions import readable_groups_q, visible_documents_q

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(member, other_member, led_group, secretariat):
    """Groups open and restricted (with and without the member; the lead's own), documents of every label,
    events of every audience and state, polls for a group, for invitees, and organised."""
    open_group = WorkingGroupFactory(name="AG offen", slug="ag-offen")
    restricted = WorkingGroupFactory(name="AG vertraulich", slug="ag-vertraulich", is_restricted=True)
    MembershipFactory(group=restricted, person=member)
    MembershipFactory(group=led_group, person=other_member)
    groups = [open_group, restricted, led_group]
    for label in ("public", "members", "group", "board"):
        for group in groups:
            make_document(label=label, groups=[group], title=f"{label} {group.slug}")
    start = timezone.now() + datetime.timedelta(days=7)
    for status in ("draft", "published", "cancelled"):
        for audience, group in (("members", None), ("board", None), ("group", restricted), ("group", led_group)):
            Event.objects.create(
                title=f"{audience} {status}", kind="webinar", start=start, end=start + datetime.timedelta(hours=1),
                status=status, audience=audience, group=group,
            )  # fmt: skip
        invited = Event.objects.create(
            title=f"invited {status}", kind="webinar", start=start, end=start + datetime.timedelta(hours=1),
            status=status, audience="invited",
        )  # fmt: skip
        invited.invitees.set([other_member])
    for group in groups:
        DatePoll.objects.create(organiser=secretariat, title=f"Umfrage {group.slug}", group=group)
    DatePoll.objects.create(organiser=member, title="Eigene Umfrage").invitees.set([other_member])
    return groups


def _user(persona):
    _name, user = persona
    return AnonymousUser() if user is None else user


def test_working_groups_list_and_page_agree(persona, world):
    user = _user(persona)
    listed = set(WorkingGroup.objects.filter(readable_groups_q(user)))
    checked = {group for group in WorkingGroup.objects.all() if user.has_perm("topics.read_group", group)}
    assert listed == checked, persona[0]


def test_documents_list_and_page_agree(persona, world):
    user = _user(persona)
    listed = set(Document.objects.filter(visible_documents_q(user)))
    checked = {d for d in Document.objects.prefetch_related("groups") if user.has_perm("topics.view_document", d)}
    assert listed == checked, persona[0]


def test_events_list_and_page_agree(persona, world):
    user = _user(persona)
    listed = set(Event.objects.filter(visible_events_q(user)))
    checked = {event for event in Event.objects.all() if user.has_perm("events.view_event_page", event)}
    assert listed == checked, persona[0]


def test_polls_list_and_page_agree(persona, world):
    user = _user(persona)
    listed = set(polls_for(user=user)) if user.is_authenticated else set()
    checked = {poll for poll in DatePoll.objects.all() if user.has_perm("events.view_poll", poll)}
    assert listed == checked, persona[0]


def test_a_lead_who_is_not_a_member_reads_the_group_everywhere(client, lead_not_member, led_group, other_member):
    from django.urls import reverse

    from topics.models import Membership

    lead = lead_not_member
    client.force_login(lead)
    assert led_group.name in client.get(reverse("group_list")).content.decode()
    page = client.get(reverse("group_detail", args=[led_group.slug]))
    assert page.context["readable"] is True
    request = Membership.objects.create(group=led_group, person=other_member, status="requested")
    client.post(reverse("membership_approve", args=[led_group.slug, request.pk]))
    request.refresh_from_db()
    assert request.status == "active"
    assert lead.has_perm("topics.read_group", led_group)
