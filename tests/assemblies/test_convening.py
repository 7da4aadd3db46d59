"""From 'Versammlung vorbereiten' to signed minutes: the invitation with its safeguards, a supplement, an item
that was not announced in time, and the minutes' proof of convening."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from assemblies import services
from assemblies.models import AgendaItem, ConveningDelivery, ConveningNotice, Meeting, Resolution
from events.models import Event
from tests.helpers import pinned_clock

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
# Preparing on Monday 1 March 2027 for a meeting on Friday 23 April 2027 (notice period: four weeks).
PREPARING = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=BERLIN)
START = datetime.datetime(2027, 4, 23, 10, 0, tzinfo=BERLIN)
_clock = pinned_clock(PREPARING - datetime.timedelta(days=1))


def _item(number, title, motion="", **fields):
    prefix = f"agenda-{number}"
    return {
        f"{prefix}-item": fields.get("item", ""),
        f"{prefix}-title": title,
        f"{prefix}-description": "",
        f"{prefix}-motion_text": motion,
        f"{prefix}-majority": fields.get("majority", "simple"),
        f"{prefix}-procedure": fields.get("procedure", "in_meeting"),
        **({f"{prefix}-DELETE": "on"} if fields.get("delete") else {}),
    }


def _form(board, secretariat, items, **changes):
    data = {
        "title": "Mitgliederversammlung 2027",
        "body": "members",
        "kind": "ordinary",
        "start": START.strftime("%Y-%m-%dT%H:%M"),
        "end": (START + datetime.timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M"),
        "location": "Rathaus Essen, Ratssaal",
        "online_url": "",
        "chair": board.pk,
        "minute_taker": secretariat.pk,
        "agenda-TOTAL_FORMS": str(len(items)),
        "agenda-INITIAL_FORMS": "0",
        "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "40",
        **changes,
    }
    for row in items:
        data.update(row)
    return data


def _send(client, url, **data):
    return client.post(url, {"action": "send", "confirm": "yes", **data})


def test_from_preparing_to_signed_minutes(
    client, board, secretariat, delegate, organisation, other_organisation, django_capture_on_commit_callbacks
):
    organisation.email = "praevention@essen.example"
    organisation.save()
    # Köln has neither a delegate nor an address: it gets the invitation by post.
    other_organisation.street, other_organisation.postcode, other_organisation.city = "Rathausplatz 1", "50667", "Köln"
    other_organisation.save()
    edit = reverse("meeting_edit", args=[1])

    with time_machine.travel(PREPARING, tick=False):
        client.force_login(secretariat)  # a staff session lasts hours: signed in on each day
        # One step creates the event, the meeting and the agenda with its motion.
        items = [
            _item(0, "Begrüßung"),
            _item(1, "Haushaltsplan 2027", "Die Mitgliederversammlung beschließt den Haushaltsplan 2027."),
            _item(2, ""),
        ]
        response = client.post(reverse("meeting_prepare"), _form(board, secretariat, items))
        assert response.status_code == 302, response.content.decode()[:3000]
        meeting = Meeting.objects.get()
        assert meeting.event.kind == "members_meeting" and meeting.event.start == START
        assert (meeting.chair, meeting.minute_taker) == (board, secretariat)
        assert list(meeting.agenda_items.values_list("number", "title")) == [
            (1, "Begrüßung"),
            (2, "Haushaltsplan 2027"),
        ]
        budget = Resolution.objects.get()
        assert budget.agenda_item.number == 2 and budget.text.startswith("Die Mitgliederversammlung")
        detail = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
        assert "fällig" in detail or "due by" in detail

        # The invitation page: the exact e-mail for a named recipient, who gets it how, a test copy.
        url = reverse("meeting_invite", args=[meeting.pk])
        page = client.get(url).content.decode()
        assert "Die Mitgliederversammlung beschließt den Haushaltsplan 2027." in page
        assert "Stadt Köln" in page and "Rathausplatz 1" in page  # by post, with the address
        assert "praevention@essen.example" in page and delegate.email in page
        assert "versammlung.ics" in page and "vollmacht.pdf" in page
        client.post(url, {"action": "test", "covering_text": "Liebe Mitglieder, bitte vormerken."})
        (test_copy,) = mail.outbox
        assert test_copy.to == [secretariat.email] and test_copy.subject.startswith("[Testkopie]")
        assert "bitte vormerken" in test_copy.body
        assert not ConveningNotice.objects.exists()  # a test copy convenes nothing
        mail.outbox.clear()
        # Not without the confirmation; then to everyone, once.
        assert client.post(url, {"action": "send"}).status_code == 400
        with django_capture_on_commit_callbacks(execute=True):
            assert _send(client, url, covering_text="Liebe Mitglieder, bitte vormerken.").status_code == 302
        assert sorted(m.to[0] for m in mail.outbox) == sorted([delegate.email, "praevention@essen.example"])
        invitation = mail.outbox[0]
        assert "Die Mitgliederversammlung beschließt den Haushaltsplan 2027." in invitation.body
        assert board.get_full_name() in invitation.body  # signed by the chair on behalf of the board
        assert {name for name, *_rest in invitation.attachments} == {"versammlung.ics", "vollmacht.pdf"}
        notice = ConveningNotice.objects.get(kind="invitation")
        assert notice.is_timely and notice.sent_by == secretariat
        assert set(notice.deliveries.values_list("status", flat=True)) == {ConveningDelivery.Status.SENT}
        assert all(item.is_resolvable for item in AgendaItem.objects.select_related("meeting", "announced_in"))

    with time_machine.travel(PREPARING + datetime.timedelta(days=7), tick=False):
        client.force_login(secretariat)
        # A new item after the invitation needs a supplement; date and place are fixed now.
        moved = _form(board, secretariat, [], start="2027-05-07T10:00")
        client.post(edit, moved)  # the fields are disabled: the date stays as the invitation named it
        assert Meeting.objects.get().event.start == START
        assert list(meeting.agenda_items.values_list("number", flat=True)) == [1, 2]
        current = [
            _item(n, item.title, item.resolutions.first().text if item.resolutions.exists() else "", item=item.pk)
            for n, item in enumerate(meeting.agenda_items.order_by("number"))
        ]
        added = current + [
            _item(2, "Satzungsänderung § 7", "§ 7 erhält folgende Fassung: …", majority="three_quarters")
        ]
        assert (
            client.post(reverse("meeting_edit", args=[meeting.pk]), _form(board, secretariat, added)).status_code == 302
        )
        statute = AgendaItem.objects.get(title="Satzungsänderung § 7")
        assert statute.announced_in is None and not statute.is_resolvable
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert _send(client, reverse("meeting_supplement", args=[meeting.pk])).status_code == 302
        assert len(mail.outbox) == 2 and "Satzungsänderung § 7" in mail.outbox[0].body
        statute.refresh_from_db()
        assert statute.announced_in.kind == "supplement" and statute.is_resolvable

    with time_machine.travel(START - datetime.timedelta(days=7), tick=False):
        client.force_login(secretariat)
        # Too late for another supplement: the item stays on the agenda, marked, and cannot be resolved.
        late = [
            _item(n, item.title, item.resolutions.first().text if item.resolutions.exists() else "", item=item.pk,
                  majority=item.resolutions.first().majority if item.resolutions.exists() else "simple")
            for n, item in enumerate(meeting.agenda_items.order_by("number"))
        ] + [_item(3, "Beitragserhöhung", "Der Jahresbeitrag steigt auf 500 Euro.")]  # fmt: skip
        assert (
            client.post(reverse("meeting_edit", args=[meeting.pk]), _form(board, secretariat, late)).status_code == 302
        )
        response = _send(client, reverse("meeting_supplement", args=[meeting.pk]))
        assert response.status_code == 400
        assert "4 Wochen" in response.content.decode() or "4 weeks" in response.content.decode()
        detail = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
        assert "Keine Beschlussfassung möglich" in detail or "Not resolvable" in detail

    with time_machine.travel(START + datetime.timedelta(hours=1), tick=False):
        services.attendance_record(meeting=meeting, organisation_ids=[organisation.pk])
        fee = Resolution.objects.get(agenda_item__title="Beitragserhöhung")
        with pytest.raises(ValidationError, match="§ 32 Abs. 1 BGB"):
            services.votes_record(resolution=fee, recorded_by=secretariat, votes={f"o{organisation.pk}": "yes"})
        assert not fee.votes.exists()
        for resolution in Resolution.objects.exclude(pk=fee.pk):
            services.votes_record(resolution=resolution, recorded_by=secretariat, votes={f"o{organisation.pk}": "yes"})
            services.resolution_close(resolution=resolution, actor=secretariat)
        fee.delete()  # withdrawn in the meeting: it was not resolvable
    with time_machine.travel(START + datetime.timedelta(hours=6), tick=False):
        client.force_login(secretariat)
        services.minutes_sign(meeting=meeting, person=board)
        services.minutes_sign(meeting=meeting, person=secretariat)
        minutes = client.get(reverse("meeting_minutes", args=[meeting.pk])).content.decode()
    # The proof of convening: when the invitation and the supplement went out, to how many, in time.
    assert minutes.count("innerhalb der Ladungsfrist") == 2 or minutes.count("within the notice period") == 2
    assert "1. März 2027 09:00" in minutes and "8. März 2027 09:00" in minutes


def test_a_board_member_prepares_a_meeting_but_a_member_cannot(client, board, member, secretariat):
    client.force_login(member)
    assert client.get(reverse("meeting_prepare")).status_code == 403
    with time_machine.travel(PREPARING, tick=False):
        client.force_login(board)
        assert client.get(reverse("meeting_prepare")).status_code == 200
        response = client.post(reverse("meeting_prepare"), _form(board, secretariat, [_item(0, "Bericht")]))
    assert response.status_code == 302
    assert Event.objects.get().status == "published" and Meeting.objects.get().agenda_items.count() == 1


def test_an_invitation_counts_only_within_the_notice_period(meeting, board):
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Haushalt")
    ballot = Resolution.objects.create(meeting=meeting, agenda_item=item, title="Haushalt", text="…")
    # Never announced: no vote.
    with pytest.raises(ValidationError, match="§ 32 Abs. 1 BGB"):
        services.votes_record(resolution=ballot, recorded_by=board, votes={})
    services.notice_send(meeting=meeting, actor=board, kind=ConveningNotice.Kind.INVITATION)
    item.refresh_from_db()
    assert item.is_resolvable
    # A second invitation is refused; a supplement with nothing new too.
    with pytest.raises(ValidationError):
        services.notice_send(meeting=meeting, actor=board, kind=ConveningNotice.Kind.INVITATION)
    with pytest.raises(ValidationError):
        services.notice_send(meeting=meeting, actor=board, kind=ConveningNotice.Kind.SUPPLEMENT)
    assert timezone.now() < meeting.event.start


def test_the_invitation_is_official_post_whatever_the_digest(
    client, meeting, board, delegate, other_organisation, django_capture_on_commit_callbacks
):
    from tests.factories import make_delegate

    AgendaItem.objects.create(meeting=meeting, number=1, title="Haushalt")
    delegate.digest = "off"  # the weekly overview only: official post still comes
    delegate.save()
    portal_only = make_delegate(other_organisation)
    portal_only.official_post_portal_only_since = timezone.now()
    portal_only.save()
    client.force_login(board)
    page = client.get(reverse("meeting_invite", args=[meeting.pk])).content.decode()
    assert portal_only.get_full_name() in page and "Stadt Köln" in page  # no address left: by post
    with django_capture_on_commit_callbacks(execute=True):
        services.notice_send(meeting=meeting, actor=board, kind=ConveningNotice.Kind.INVITATION)
    assert [m.to for m in mail.outbox] == [[delegate.email]]
    assert mail.outbox[0].reply_to and mail.outbox[0].body.lstrip().startswith(("Guten Tag", "Sehr geehrte", "Hello"))


def test_a_resolutions_agenda_choice_offers_only_its_own_meetings_items(client, secretariat, meeting):
    from tests.factories import MeetingFactory

    own = AgendaItem.objects.create(meeting=meeting, number=1, title="Eigener Punkt")
    AgendaItem.objects.create(meeting=MeetingFactory(), number=1, title="Fremder Punkt")
    resolution = Resolution.objects.create(meeting=meeting, title="Antrag", text="…", agenda_item=own)
    client.force_login(secretariat)
    page = client.get(reverse("admin:assemblies_resolution_change", args=[resolution.pk])).content.decode()
    assert "Eigener Punkt" in page and "Fremder Punkt" not in page
