"""Date polls and study-visit offers end in events."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events.models import DatePoll, DatePollAnswer, Event, ExchangeOffer, ExchangeRequest, Registration
from events.polls import poll_create
from tests.factories import MembershipFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def _dates(*days):
    base = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    return [base + datetime.timedelta(days=d) for d in days]


@pytest.fixture
def poll(member, other_member):
    group = WorkingGroupFactory()
    MembershipFactory(group=group, person=member)
    # Invited one by one, from another working group both belong to (members invite people of their groups).
    shared = WorkingGroupFactory()
    MembershipFactory(group=shared, person=member)
    MembershipFactory(group=shared, person=other_member)
    return poll_create(
        organiser=member, title="AG-Treffen", group=group, invitees=[other_member], starts=_dates(10, 12)
    )


def test_invitees_answer_and_see_an_accessible_table(client, poll, other_member, delegate):
    client.force_login(delegate)
    assert client.get(reverse("poll_detail", args=[poll.pk])).status_code == 404  # not invited
    client.force_login(other_member)
    first, second = poll.options.all()
    client.post(reverse("poll_detail", args=[poll.pk]), {f"option-{first.pk}": "yes", f"option-{second.pk}": "maybe"})
    client.post(reverse("poll_detail", args=[poll.pk]), {f"option-{first.pk}": "no"})
    assert dict(DatePollAnswer.objects.values_list("option_id", "answer")) == {first.pk: "no", second.pk: "maybe"}
    html = client.get(reverse("poll_detail", args=[poll.pk])).content.decode()
    assert '<th scope="row">' in html and "0 ja, 1 vielleicht, 0 nein" in html


def test_closing_creates_the_event_and_tells_everyone(
    client, poll, member, other_member, django_capture_on_commit_callbacks
):
    chosen = poll.options.last()
    client.force_login(other_member)
    assert client.post(reverse("poll_close", args=[poll.pk]), {"option": chosen.pk}).status_code == 403
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("poll_close", args=[poll.pk]), {"option": chosen.pk})
    poll.refresh_from_db()
    event = Event.objects.get()
    assert response["Location"] == reverse("event_detail", args=[event.pk])
    assert poll.closed_at and poll.chosen == chosen and event.start == chosen.start
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, other_member.email])
    assert mail.outbox[0].attachments[0][0].endswith(".ics")


def test_a_poll_needs_two_dates(client, member):
    client.force_login(member)
    response = client.post(reverse("poll_create"), {"title": "X", "duration_hours": 2, "date_1": "2030-01-01T10:00"})
    assert response.status_code == 200
    assert not DatePoll.objects.exists()


def test_accepted_study_visit_becomes_an_event_with_the_guest(client, member, other_member):
    offer = ExchangeOffer.objects.create(
        host=member.organisation,
        theme="Ordnungsdienst",
        what_to_see="Nachtschicht",
        possible_dates="März",
        place="Essen",
    )
    client.force_login(other_member)
    day = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    client.post(reverse("exchange_detail", args=[offer.pk]), {"preferred_date": day, "message": "Gern zu zweit"})
    request = ExchangeRequest.objects.get()
    assert client.post(reverse("exchange_decide", args=[request.pk]), {"action": "accept"}).status_code == 403
    client.force_login(member)
    client.post(reverse("exchange_decide", args=[request.pk]), {"action": "accept"})
    request.refresh_from_db()
    assert request.status == "accepted" and request.event.kind == "study_visit"
    assert Registration.objects.get(event=request.event).person == other_member


def test_a_date_in_the_past_is_refused(client, member, other_member):
    offer = ExchangeOffer.objects.create(
        host=member.organisation, theme="T", what_to_see="W", possible_dates="D", place="P"
    )
    client.force_login(other_member)
    response = client.post(reverse("exchange_detail", args=[offer.pk]), {"preferred_date": "2020-01-01"})
    assert "in der Zukunft" in response.content.decode()
    assert not ExchangeRequest.objects.exists()


def test_a_closed_poll_stays_closed_and_only_invitees_answer(client, poll, member, delegate, secretariat):
    first, second = poll.options.all()
    client.force_login(secretariat)
    client.post(reverse("poll_detail", args=[poll.pk]), {f"option-{first.pk}": "yes"})
    assert not DatePollAnswer.objects.exists()  # not invited
    client.force_login(member)
    client.post(reverse("poll_close", args=[poll.pk]), {"option": first.pk})
    client.post(reverse("poll_close", args=[poll.pk]), {"option": second.pk})
    poll.refresh_from_db()
    assert poll.chosen == first and Event.objects.count() == 1


def test_closing_a_closed_poll_again_says_why_not(client, poll, member):
    """A second click or a stale page: the organiser reads the refusal, not a 403."""
    first, second = poll.options.all()
    client.force_login(member)
    client.post(reverse("poll_close", args=[poll.pk]), {"option": first.pk})
    response = client.post(reverse("poll_close", args=[poll.pk]), {"option": second.pk}, follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["success", "error"]


def test_the_secretariat_without_organisation_cannot_request_a_visit(client, member, secretariat):
    offer = ExchangeOffer.objects.create(
        host=member.organisation, theme="T", what_to_see="W", possible_dates="D", place="P"
    )
    client.force_login(secretariat)
    day = (timezone.localdate() + datetime.timedelta(days=9)).isoformat()
    response = client.post(reverse("exchange_detail", args=[offer.pk]), {"preferred_date": day})
    assert response.status_code == 200
    assert not ExchangeRequest.objects.exists()
