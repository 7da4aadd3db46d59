"""Convening with notice, who sees what, attendance and the minutes signed by chair and minute-taker."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from assemblies import services
from assemblies.models import AgendaItem, Meeting
from tests.assemblies.helpers import confirm_ballot
from tests.factories import AssemblyEventFactory, MeetingFactory, ResolutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(meeting):
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Haushaltsplan")
    ResolutionFactory(meeting=meeting, agenda_item=item, title="Beschluss über den Haushalt")
    return item


def test_the_invitation_with_the_agenda_goes_to_every_member_organisation(
    client, meeting, agenda, board, delegate, organisation, django_capture_on_commit_callbacks
):
    organisation.email = "praevention@essen.example"
    organisation.save()
    client.force_login(board)
    url = reverse("meeting_invite", args=[meeting.pk])
    # Nothing goes out unconfirmed: the preview first, then the send with the confirmation ticked.
    page = client.get(url).content.decode()
    assert "Beschluss über den Haushalt" in page and "praevention@essen.example" in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"action": "send"}).status_code == 400
    assert mail.outbox == [] and Meeting.objects.get(pk=meeting.pk).invitation_sent_at is None
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "send", "confirm": "yes"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.invitation_sent_at is not None and meeting.convened_by == board
    recipients = {message.to[0] for message in mail.outbox}
    assert recipients == {delegate.email, "praevention@essen.example"}
    body = mail.outbox[0].body
    assert "Haushaltsplan" in body and "Beschluss über den Haushalt" in body
    assert "Die Mitgliederversammlung beschließt" in body  # the motion's text, not only its title
    assert reverse("meeting_detail", args=[meeting.pk]) in body
    assert {name for name, *_rest in mail.outbox[0].attachments} == {"versammlung.ics", "vollmacht.pdf"}
    # Sent once: the page is gone and a second request is refused.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"action": "send", "confirm": "yes"}).status_code == 403
    assert len(mail.outbox) == 2


def test_a_late_invitation_is_refused_with_the_reason(meeting, agenda, board, delegate):
    meeting.event.start = timezone.now() + datetime.timedelta(weeks=4) - datetime.timedelta(hours=1)
    meeting.event.end = meeting.event.start + datetime.timedelta(hours=4)
    meeting.event.save()
    with translation.override("en"), pytest.raises(ValidationError, match="at least 4 weeks before"):
        services.meeting_invite(meeting=meeting, actor=board)
    meeting.refresh_from_db()
    assert meeting.invitation_sent_at is None and mail.outbox == []


def test_the_notice_period_is_a_setting(meeting, agenda, board, settings, django_capture_on_commit_callbacks):
    settings.ASSEMBLY_NOTICE_WEEKS = 6
    with pytest.raises(ValidationError):
        services.meeting_invite(meeting=meeting, actor=board)  # 40 days ahead < 6 weeks
    settings.ASSEMBLY_NOTICE_WEEKS = 5
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_invite(meeting=meeting, actor=board)


def test_only_the_board_or_the_secretariat_convenes(client, meeting, agenda, delegate, member):
    for person in (delegate, member):
        client.force_login(person)
        assert client.post(reverse("meeting_invite", args=[meeting.pk])).status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).invitation_sent_at is None


def test_a_board_meeting_is_seen_by_the_board_only(client, board, member, secretariat):
    meeting = MeetingFactory(body="board", event=AssemblyEventFactory(kind="board_meeting", audience="board"))
    url = reverse("meeting_detail", args=[meeting.pk])
    client.force_login(member)
    assert client.get(url).status_code == 404
    assert meeting.title not in client.get(reverse("meeting_list")).content.decode()
    for person in (board, secretariat):
        client.force_login(person)
        assert client.get(url).status_code == 200


def test_the_secretariat_keeps_the_attendance_list(client, meeting, secretariat, delegates, member):
    client.force_login(member)
    url = reverse("meeting_attendance", args=[meeting.pk])
    assert client.post(url, {"present": [delegates[0].organisation.pk]}).status_code == 403
    client.force_login(secretariat)
    client.post(url, {"present": [d.organisation.pk for d in delegates[:2]] + ["x", "999999"]})
    assert {a.organisation for a in meeting.attendance.all()} == {d.organisation for d in delegates[:2]}


def _held_meeting(secretariat, chair, minute_taker, delegates):
    past = timezone.now() - datetime.timedelta(days=3)
    meeting = MeetingFactory(
        chair=chair,
        minute_taker=minute_taker,
        event=AssemblyEventFactory(start=past, end=past + datetime.timedelta(hours=4)),
    )
    services.attendance_record(meeting=meeting, organisation_ids=[d.organisation.pk for d in delegates])
    resolution = ResolutionFactory(meeting=meeting, procedure="in_meeting", opens_at=None, closes_at=None)
    services.votes_record(
        resolution=resolution,
        recorded_by=secretariat,
        votes={f"o{d.organisation.pk}": "yes" for d in delegates},
    )
    return meeting, resolution


def test_minutes_are_signed_by_chair_and_minute_taker_then_read_by_members(
    client, secretariat, board, member, delegates
):
    meeting, resolution = _held_meeting(secretariat, board, secretariat, delegates)
    minutes_url = reverse("meeting_minutes", args=[meeting.pk])
    sign_url = reverse("meeting_sign", args=[meeting.pk])
    client.force_login(member)
    assert client.get(minutes_url).status_code == 403  # a draft
    assert client.post(sign_url).status_code == 403
    client.force_login(board)
    client.post(sign_url)  # refused: the resolution has no result yet
    assert Meeting.objects.get(pk=meeting.pk).chair_signed_at is None
    services.resolution_close(resolution=resolution, actor=secretariat)
    client.post(sign_url)
    client.force_login(member)
    assert client.get(minutes_url).status_code == 403  # signed by one of two
    client.force_login(secretariat)
    client.post(sign_url)
    meeting.refresh_from_db()
    assert meeting.minutes_signed
    client.force_login(member)
    html = client.get(minutes_url).content.decode()
    assert resolution.title in html and delegates[0].organisation.name in html and str(board) in html


def test_the_sign_button_waits_for_the_meeting_and_its_results(client, secretariat, board, delegates):
    meeting, resolution = _held_meeting(secretariat, board, secretariat, delegates)
    url = reverse("meeting_detail", args=[meeting.pk])
    client.force_login(board)
    assert not client.get(url).context["can_sign"]  # a resolution still without its result
    services.resolution_close(resolution=resolution, actor=secretariat)
    assert client.get(url).context["can_sign"]
    upcoming = MeetingFactory(chair=board, minute_taker=secretariat)
    assert upcoming.event.start > timezone.now()
    assert not client.get(reverse("meeting_detail", args=[upcoming.pk])).context["can_sign"]
    client.post(reverse("meeting_sign", args=[upcoming.pk]))
    upcoming.refresh_from_db()
    assert upcoming.chair_signed_at is None


def test_signing_twice_says_why_not(client, secretariat, board, delegates):
    """A second click on "Sign the minutes": the refusal as a message, not a 403."""
    meeting, resolution = _held_meeting(secretariat, board, secretariat, delegates)
    services.resolution_close(resolution=resolution, actor=secretariat)
    sign_url = reverse("meeting_sign", args=[meeting.pk])
    client.force_login(board)
    client.post(sign_url)
    response = client.post(sign_url, follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["success", "error"]


def test_attendance_cannot_change_after_the_minutes_are_signed(secretariat, board, delegates):
    meeting, resolution = _held_meeting(secretariat, board, secretariat, delegates)
    services.resolution_close(resolution=resolution)
    services.minutes_sign(meeting=meeting, person=board)
    services.minutes_sign(meeting=meeting, person=secretariat)
    with pytest.raises(ValidationError):
        services.attendance_record(meeting=meeting, organisation_ids=[])
    assert meeting.attendance.count() == len(delegates)


def test_the_secretariat_records_the_votes_of_the_room(client, secretariat, member, delegates, meeting):
    services.attendance_record(meeting=meeting, organisation_ids=[d.organisation.pk for d in delegates])
    resolution = ResolutionFactory(meeting=meeting, procedure="in_meeting", opens_at=None, closes_at=None)
    url = reverse("resolution_record", args=[resolution.pk])
    data = {f"vote-o{d.organisation.pk}": "yes" for d in delegates} | {f"vote-o{delegates[0].organisation.pk}": "no"}
    client.force_login(member)
    assert client.post(url, data).status_code == 403
    client.force_login(secretariat)
    page = client.get(resolution.get_absolute_url()).content.decode()
    assert f'name="vote-o{delegates[1].organisation.pk}"' in page
    client.post(url, data)
    client.post(reverse("resolution_close", args=[resolution.pk]))
    resolution.refresh_from_db()
    assert resolution.outcome == "adopted" and (resolution.tally["yes"], resolution.tally["no"]) == (3, 1)


def test_a_delegate_walks_through_the_ballot_page(client, ballot, delegate, organisation):
    client.force_login(delegate)
    html = client.get(reverse("meeting_list")).content.decode()
    assert ballot.get_absolute_url() in html  # listed under "open ballots for you"
    html = client.get(ballot.get_absolute_url()).content.decode()
    assert f'value="o{organisation.pk}"' in html and "<fieldset>" in html and "<legend" in html
    confirm_ballot(client, ballot)
    client.post(
        reverse("resolution_vote", args=[ballot.pk]),
        {"voter": f"o{organisation.pk}", "choice": "abstain", "confirmed": "yes"},
    )
    html = client.get(ballot.get_absolute_url()).content.decode()
    assert 'name="choice"' not in html
    assert ballot.get_absolute_url() not in client.get(reverse("meeting_list")).content.decode()


def test_the_demo_ballot_waits_for_the_demo_delegate(client):
    from django.core.management import call_command

    from assemblies.models import Resolution
    from assemblies.selectors import open_ballots_for
    from members.models import User

    call_command("seed_demo")
    delegate = User.objects.get(email="delegierte@defus.example")
    ballots = [resolution.title for resolution in open_ballots_for(user=delegate)]
    assert "Haushaltsplan und Mitgliedsbeiträge" in ballots
    spring = Meeting.objects.get(title__contains="Frühjahr")
    assert spring.minutes_signed and spring.event.start < timezone.now()
    assert Resolution.objects.filter(meeting=spring, office="board_member", outcome="adopted").exists()
    call_command("seed_demo")
    assert Meeting.objects.count() == 3 and Resolution.objects.count() == 8


def test_no_proxy_after_the_meeting_or_on_signed_minutes(client, meeting, delegates, secretariat):
    giver, holder = delegates[1].organisation, delegates[2]
    with time_machine.travel(meeting.event.end + datetime.timedelta(minutes=1)):
        with pytest.raises(ValidationError, match="Stimmrechtsvollmachten können nicht mehr erfasst werden"):
            services.proxy_grant(
                meeting=meeting,
                organisation=giver,
                holder=holder,
                recorded_by=secretariat,
                signed_by="Oberbürgermeisterin (Vollmacht auf Papier)",
            )
        client.force_login(secretariat)
        url = reverse("meeting_proxy", args=[meeting.pk])
        assert client.post(url, {"organisation": giver.pk, "holder": holder.pk}).status_code == 403
    assert not meeting.proxies.exists()
