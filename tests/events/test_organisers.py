"""Issue 20: organisers are the people named (and the secretariat); a poll's event stays with the people asked."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from events.policies.events import visible_events
from events.polls import poll_close, poll_create
from events.services import registration_register
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def _dates(*days):
    base = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    return [base + datetime.timedelta(days=d) for d in days]


def test_an_office_of_the_host_city_is_not_the_organiser_right(client, make_event, delegate, member, secretariat):
    meeting = make_event(kind="members_meeting", organisation=delegate.organisation)
    registration_register(event=meeting, person=member)
    client.force_login(delegate)  # the delegate of the host city
    assert client.get(reverse("event_participants_csv", args=[meeting.pk])).status_code == 403
    meeting.organisers.add(delegate)
    assert client.get(reverse("event_participants_csv", args=[meeting.pk])).status_code == 200
    client.force_login(secretariat)
    assert client.get(reverse("event_participants_csv", args=[meeting.pk])).status_code == 200


def test_the_participant_export_leaves_out_addresses_not_consented(
    client, make_event, member, other_member, secretariat
):
    other_member.show_email = True
    other_member.save()
    event = make_event()
    registration_register(event=event, person=member)
    registration_register(event=event, person=other_member)
    client.force_login(secretariat)
    csv = client.get(reverse("event_participants_csv", args=[event.pk])).content.decode("utf-8")
    assert other_member.email in csv and member.email not in csv
    assert str(member) in csv  # the person is listed, the address is not


def test_a_poll_without_a_group_makes_an_event_for_the_invited_only(
    client, member, other_member, delegate, django_capture_on_commit_callbacks
):
    group = WorkingGroupFactory()
    MembershipFactory(group=group, person=member)
    MembershipFactory(group=group, person=other_member)
    poll = poll_create(organiser=member, title="Abstimmungsrunde", invitees=[other_member], starts=_dates(5, 6))
    with django_capture_on_commit_callbacks(execute=True):
        event = poll_close(poll=poll, option=poll.options.first())
    assert event.audience == Event.Audience.INVITED
    assert set(event.organisers.all()) == {member}
    assert [m.to[0] for m in mail.outbox] == [other_member.email]  # the invited, nobody else
    client.force_login(delegate)  # a member who was not asked
    assert client.get(reverse("event_detail", args=[event.pk])).status_code == 404
    assert not Event.objects.filter(visible_events.q(delegate), pk=event.pk).exists()
    client.force_login(other_member)
    assert client.get(reverse("event_detail", args=[event.pk])).status_code == 200


def test_members_invite_only_people_of_their_groups(member, other_member, board):
    stranger = UserFactory(email="fremd@example.org", organisation=OrganisationFactory())
    with pytest.raises(ValidationError):
        poll_create(organiser=member, title="Spam", invitees=[stranger], starts=_dates(5, 6))
    with pytest.raises(ValidationError):
        poll_create(organiser=member, title="Spam", group=WorkingGroupFactory(), starts=_dates(5, 6))
    # The board writes to anyone.
    assert poll_create(organiser=board, title="Vorstand", invitees=[stranger], starts=_dates(5, 6))


def test_the_poll_form_offers_only_invitable_people(client, member, other_member):
    stranger = UserFactory(email="fremd@example.org", organisation=OrganisationFactory())
    group = WorkingGroupFactory()
    MembershipFactory(group=group, person=member)
    MembershipFactory(group=group, person=other_member)
    client.force_login(member)
    response = client.post(
        reverse("poll_create"),
        {"title": "x", "duration_hours": 2, "invitees": [stranger.pk],
         "date_1": _dates(5)[0].strftime("%Y-%m-%dT%H:%M"), "date_2": _dates(6)[0].strftime("%Y-%m-%dT%H:%M")},
    )  # fmt: skip
    assert response.status_code == 200 and "invitees" in response.context["form"].errors
    # The form lists nobody; its search offers the invitable people only.
    html = client.get(reverse("poll_create")).content.decode()
    assert str(other_member) not in html and str(stranger) not in html
    search = reverse("chooser_search", args=["einladbare-personen"])
    found = [row["label"] for row in client.get(search, {"q": "Erika"}).json()["results"]]
    assert found == [f"{other_member} ({other_member.organisation.name})"]
