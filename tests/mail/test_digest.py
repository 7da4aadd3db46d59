"""The weekly digest: what goes into it, for whom, in which language, and that it goes out once."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from events.models import Event, Registration
from funding.models import Call, Deadline, Interest, Programme
from kernel.digest_schedule import current_period
from mail.digest import compose
from mail.digest.links import unsubscribe_token
from mail.digest.sending import preview, send_batch
from mail.models import DigestDelivery, DigestNote, DigestRun
from members.models import ConsentRecord, Role
from tests.factories import (
    MandateFactory,
    MembershipFactory,
    UserFactory,
    WorkingGroupFactory,
    make_document,
    make_thread,
)
from tests.helpers import pinned_clock
from topics.models import Follow

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
# Monday 30 November 2026, an hour after the digest was due (07:00); the week covered began 23 November 07:00.
MONDAY = datetime.datetime(2026, 11, 30, 8, 0, tzinfo=BERLIN)
LAST_WEEK = datetime.datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)
# People, offices and groups of every test here are made a fortnight before that Monday, whatever day it runs.
_clock = pinned_clock(MONDAY - datetime.timedelta(days=14))


def follow(person, group, *, member=True):
    if member:
        MembershipFactory(group=group, person=person)
    Follow.objects.get_or_create(group=group, person=person)


def digest_of(person):
    ((_person, parts),) = preview(period=current_period(), person_ids=[person.pk])
    return {part.key: part.data for part in parts}


@pytest.fixture
def group(member):
    group = WorkingGroupFactory(name="Sicherheit im öffentlichen Raum", slug="oeffentlicher-raum")
    follow(member, group)
    return group


# --- When -------------------------------------------------------------------------------------


def test_the_period_is_the_latest_monday_seven_oclock_in_berlin():
    period = current_period(datetime.datetime(2026, 11, 30, 6, 59, tzinfo=BERLIN))
    assert period.sending == datetime.datetime(2026, 11, 23, 7, 0, tzinfo=BERLIN)
    period = current_period(datetime.datetime(2026, 11, 30, 7, 0, tzinfo=BERLIN))
    assert period.sending == datetime.datetime(2026, 11, 30, 7, 0, tzinfo=BERLIN)
    assert period.since == datetime.datetime(2026, 11, 23, 7, 0, tzinfo=BERLIN)


def test_seven_oclock_stays_seven_oclock_across_the_change_of_time():
    # Summer time ended on Sunday 25 October 2026: the week before it is one hour longer.
    period = current_period(datetime.datetime(2026, 10, 26, 12, 0, tzinfo=BERLIN))
    assert period.sending.astimezone(BERLIN).hour == 7
    assert period.since.astimezone(BERLIN).hour == 7
    utc = datetime.UTC
    assert period.sending.astimezone(utc) - period.since.astimezone(utc) == datetime.timedelta(days=7, hours=1)


def test_the_sending_time_is_an_association_setting(settings):
    settings.DIGEST_WEEKDAY, settings.DIGEST_HOUR, settings.DIGEST_MINUTE = 4, 16, 30  # Friday 16:30
    period = current_period(datetime.datetime(2026, 11, 30, 8, 0, tzinfo=BERLIN))
    assert period.sending == datetime.datetime(2026, 11, 27, 16, 30, tzinfo=BERLIN)


# --- What ---------------------------------------------------------------------------------------


def test_followed_groups_new_threads_replies_and_documents_grouped_newest_first(member, other_member, group):
    with time_machine.travel(LAST_WEEK, tick=False):
        old = make_thread(group=group, author=other_member, title="Alkoholverbote")
    with time_machine.travel(LAST_WEEK + datetime.timedelta(hours=2), tick=False):
        make_thread(group=group, author=other_member, title="Videoschutz")
    with time_machine.travel(LAST_WEEK + datetime.timedelta(hours=3), tick=False):
        from topics.services import post_create

        post_create(thread=old, author=other_member, body="Noch eine Antwort")
        post_create(thread=old, author=other_member, body="Und noch eine")
    with time_machine.travel(LAST_WEEK + datetime.timedelta(hours=1), tick=False):
        make_document(title="Lagebild 2026", groups=[group])
    with time_machine.travel(MONDAY, tick=False):
        topics = digest_of(member)["topics"]
    (entry,) = topics["groups"]
    assert entry["group"] == group
    lines = [(item["kind"], item.get("thread", item.get("document")).title) for item in entry["lines"]]
    # Newest activity first; the thread with new replies appears once, with its count.
    assert lines == [("thread", "Alkoholverbote"), ("thread", "Videoschutz"), ("document", "Lagebild 2026")]
    assert entry["lines"][0]["new"] and entry["lines"][0]["replies"] == 2
    assert entry["more"] == 0


def test_nothing_from_before_the_week_and_nothing_from_unfollowed_groups(member, other_member, group):
    elsewhere = WorkingGroupFactory(name="Radikalisierung")
    with time_machine.travel(LAST_WEEK - datetime.timedelta(days=5), tick=False):
        make_thread(group=group, author=other_member, title="Vorletzte Woche")
    with time_machine.travel(LAST_WEEK, tick=False):
        make_thread(group=elsewhere, author=other_member, title="Nicht gefolgt")
    with time_machine.travel(MONDAY, tick=False):
        assert "topics" not in digest_of(member)


def test_no_silent_cap_but_a_link_to_the_rest(member, other_member, group):
    with time_machine.travel(LAST_WEEK, tick=False):
        for number in range(8):
            make_thread(group=group, author=other_member, title=f"Thema {number}")
    with time_machine.travel(MONDAY, tick=False):
        (entry,) = digest_of(member)["topics"]["groups"]
        assert len(entry["lines"]) == 5 and entry["more"] == 3
        message = compose.build_digest(member, preview(person_ids=[member.pk])[0][1], current_period())
    assert "3 weitere in Sicherheit im öffentlichen Raum" in message.body


def test_a_document_in_two_followed_groups_appears_once(member, group):
    second = WorkingGroupFactory(name="Alkohol im öffentlichen Raum")
    follow(member, second)
    with time_machine.travel(LAST_WEEK, tick=False):
        make_document(title="Leitfaden", groups=[group, second])
    with time_machine.travel(MONDAY, tick=False):
        groups = digest_of(member)["topics"]["groups"]
    titles = [item["document"].title for entry in groups for item in entry["lines"]]
    assert titles == ["Leitfaden"]


def test_a_board_document_never_reaches_a_plain_member(member, board, group):
    follow(board, group, member=False)
    with time_machine.travel(LAST_WEEK, tick=False):
        make_document(title="Vorstandsvorlage Haushalt", label="board", groups=[group])
        make_document(title="Nur für die AG", label="group", groups=[WorkingGroupFactory(name="Andere AG")])
    with time_machine.travel(MONDAY, tick=False):
        assert "topics" not in digest_of(member)
        (entry,) = digest_of(board)["topics"]["groups"]
        assert [item["document"].title for item in entry["lines"]] == ["Vorstandsvorlage Haushalt"]


def test_a_restricted_group_is_left_out_for_someone_no_longer_in_it(member, other_member):
    restricted = WorkingGroupFactory(name="Lagebild intern", is_restricted=True)
    Follow.objects.create(group=restricted, person=member)  # followed once, membership since ended
    with time_machine.travel(LAST_WEEK, tick=False):
        MembershipFactory(group=restricted, person=other_member)
        make_thread(group=restricted, author=other_member, title="Vertraulich")
    with time_machine.travel(MONDAY, tick=False):
        assert "topics" not in digest_of(member)


def test_events_new_coming_and_closing_each_once_and_only_visible_ones(member, board, make_event):
    with time_machine.travel(LAST_WEEK, tick=False):
        new = make_event(title="Fachtag Prävention", start=MONDAY + datetime.timedelta(days=60))
    with time_machine.travel(LAST_WEEK - datetime.timedelta(days=30), tick=False):
        coming = make_event(title="AG-Sitzung", start=MONDAY + datetime.timedelta(days=4))
        closing = make_event(
            title="Studienreise Wien",
            start=MONDAY + datetime.timedelta(days=50),
            registration_closes=MONDAY + datetime.timedelta(days=10),
        )
        make_event(title="Vorstandssitzung", audience=Event.Audience.BOARD, start=MONDAY + datetime.timedelta(days=5))
        make_event(title="Entwurf", status=Event.Status.DRAFT, start=MONDAY + datetime.timedelta(days=5))
        make_event(title="Weit weg", start=MONDAY + datetime.timedelta(days=40))
    Registration.objects.create(event=coming, person=member, status=Registration.Status.REGISTERED)
    with time_machine.travel(MONDAY, tick=False):
        events = digest_of(member)["events"]
        board_events = digest_of(board)["events"]
    assert [line["event"] for line in events["new"]["lines"]] == [new]
    assert [line["event"] for line in events["coming"]["lines"]] == [coming]
    assert events["coming"]["lines"][0]["status"] == "registered"
    assert [line["event"] for line in events["closing"]["lines"]] == [closing]
    assert "Vorstandssitzung" in [line["event"].title for line in board_events["coming"]["lines"]]


def make_call(identifier, *, deadline, created):
    programme, _ = Programme.objects.get_or_create(code="ISF", defaults={"name": "Internal Security Fund"})
    call = Call.objects.create(identifier=identifier, title_en=f"Call {identifier}", programme=programme)
    Call.objects.filter(pk=call.pk).update(created_at=created)
    Deadline.objects.create(call=call, at=deadline)
    return call


def test_funding_interested_first_then_new_then_deadlines_within_30_days(member):
    ours = make_call(
        "ISF-OURS", deadline=MONDAY + datetime.timedelta(days=25), created=LAST_WEEK - datetime.timedelta(days=90)
    )
    soon = make_call(
        "ISF-SOON", deadline=MONDAY + datetime.timedelta(days=3), created=LAST_WEEK - datetime.timedelta(days=90)
    )
    new = make_call("ISF-NEW", deadline=MONDAY + datetime.timedelta(days=120), created=LAST_WEEK)
    make_call(
        "ISF-LATER", deadline=MONDAY + datetime.timedelta(days=120), created=LAST_WEEK - datetime.timedelta(days=90)
    )
    Interest.objects.create(call=ours, organisation=member.organisation, role=Interest.Role.PARTNER)
    with time_machine.travel(MONDAY, tick=False):
        funding = digest_of(member)["funding"]
    assert [line["call"] for line in funding["ours"]["lines"]] == [ours]
    assert [line["call"] for line in funding["new"]["lines"]] == [new]
    assert [line["call"] for line in funding["soon"]["lines"]] == [soon]


def test_the_secretariats_note_in_the_readers_language(member, other_member, group):
    DigestNote.objects.create(
        period=datetime.date(2026, 11, 30), text_de="Die **Mitgliederversammlung** naht.", text_en=""
    )
    other_member.language = "en"
    other_member.save()
    follow(other_member, group)
    with time_machine.travel(LAST_WEEK, tick=False):
        make_thread(group=group, author=member, title="Thema")
    with time_machine.travel(MONDAY, tick=False):
        assert "<strong>Mitgliederversammlung</strong>" in digest_of(member)["note"]["html"]
        # No English text: English readers get the German one rather than nothing.
        assert "Mitgliederversammlung" in digest_of(other_member)["note"]["text"]


def test_a_note_alone_is_no_digest(member):
    DigestNote.objects.create(period=datetime.date(2026, 11, 30), text_de="Schöne Woche!")
    with time_machine.travel(MONDAY, tick=False):
        assert digest_of(member) == {}


def test_composing_costs_the_same_queries_for_five_people_or_fifty(
    send_digests, django_assert_max_num_queries, group, other_member
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    people = [UserFactory() for _ in range(50)]
    for person in people:
        follow(person, group)
    with time_machine.travel(LAST_WEEK, tick=False):
        make_thread(group=group, author=other_member, title="Für alle", replies=2)
        make_document(title="Für alle", groups=[group])
    counts = []
    with time_machine.travel(MONDAY, tick=False):
        for size in (5, 50):
            with CaptureQueriesContext(connection) as captured:
                composed = preview(person_ids=[p.pk for p in people[:size]])
            assert all(parts for _person, parts in composed)
            counts.append(len(captured))
    assert counts[0] == counts[1]


# --- Sending ------------------------------------------------------------------------------------


@pytest.fixture
def send_digests(django_capture_on_commit_callbacks):
    """The command as cron or a person runs it: batches are queued after commit (and run in-process here)."""

    def run(*args):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_digests", *args)

    return run


@pytest.fixture
def news(group, other_member):
    with time_machine.travel(LAST_WEEK, tick=False):
        make_thread(group=group, author=other_member, title="Neues aus der AG")


def test_send_digests_sends_once_and_a_second_run_sends_nothing(send_digests, member, news):
    with time_machine.travel(MONDAY, tick=False):
        send_digests()
        assert [m.to for m in mail.outbox] == [[member.email]]
        send_digests()
    assert len(mail.outbox) == 1
    delivery = DigestDelivery.objects.get(person=member)
    assert delivery.status == DigestDelivery.Status.SENT and delivery.sent_at is not None
    run = DigestRun.objects.get()
    # other_member follows nothing: due, but nothing new, so recorded as skipped rather than sent.
    assert (run.recipients, run.sent, run.skipped, run.failed) == (2, 1, 1, 0)
    assert run.finished_at is not None


def test_a_dry_run_sends_and_records_nothing(send_digests, member, news, capsys):
    with time_machine.travel(MONDAY, tick=False):
        send_digests("--dry-run")
    assert mail.outbox == [] and not DigestDelivery.objects.exists() and not DigestRun.objects.exists()
    assert "1 would be sent" in capsys.readouterr().out


def test_an_empty_digest_is_not_sent_but_recorded(send_digests, member):
    with time_machine.travel(MONDAY, tick=False):
        send_digests()
    assert mail.outbox == []
    assert DigestDelivery.objects.get(person=member).status == DigestDelivery.Status.SKIPPED


def test_nobody_who_turned_it_off_left_or_joined_after_the_sending_time(send_digests, member, group, news, left_member):
    follow(left_member, group, member=False)
    member.digest = "off"
    member.save()
    with time_machine.travel(MONDAY, tick=False):
        late = UserFactory()  # joined at 08:00, after this week's digest was due
        follow(late, group)
        send_digests()
    assert mail.outbox == []


def test_the_email_headers_links_and_language(send_digests, member, other_member, group, news, settings):
    settings.SITE_URL = "https://portal.defus.example"
    other_member.language = "en"
    other_member.save()
    follow(other_member, group)
    with time_machine.travel(MONDAY, tick=False):
        send_digests()
    by_to = {m.to[0]: m for m in mail.outbox}
    german, english = by_to[member.email], by_to[other_member.email]
    assert german.subject == "DEFUS-Wochenüberblick vom 30. November 2026"
    assert english.subject == "DEFUS weekly digest of 30 November 2026"
    unsubscribe = "https://portal.defus.example" + reverse("digest_unsubscribe", args=[unsubscribe_token(member)])
    assert german.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert german.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = german.alternatives[0].content
    assert '<html lang="de">' in html and unsubscribe in html and unsubscribe in german.body
    assert "https://portal.defus.example" + reverse("digest_preferences") in html
    assert 'href="/' not in html  # every link absolute
    assert "Neues aus der AG" in german.body and "neue Diskussion" in german.body
    assert '<html lang="en">' in english.alternatives[0].content and "new discussion" in english.body


def test_two_batches_claiming_the_same_people_send_once(member, news):
    with time_machine.travel(MONDAY, tick=False):
        first = send_batch(run_id=None, period=current_period(), person_ids=[member.pk])
        second = send_batch(run_id=None, period=current_period(), person_ids=[member.pk])
    assert first["sent"] == [member.pk] and second == {"sent": [], "skipped": [], "failed": []}
    assert len(mail.outbox) == 1


# --- Unsubscribe and preferences ---------------------------------------------------------------------


def test_get_asks_and_changes_nothing_post_unsubscribes_without_login(client, member):
    url = reverse("digest_unsubscribe", args=[unsubscribe_token(member)])
    page = client.get(url)
    assert page.status_code == 200 and "Ja, abbestellen" in page.text
    assert reverse("digest_preferences") in page.text
    member.refresh_from_db()
    assert member.digest == "weekly"
    response = client.post(url)
    assert response.status_code == 200 and "keine Wochenüberblicke mehr" in response.text
    member.refresh_from_db()
    assert member.digest == "off"
    consent = ConsentRecord.objects.get(person=member, subject=ConsentRecord.Subject.DIGEST)
    assert consent.granted is False


def test_one_click_post_from_a_mail_client(client, member):
    url = reverse("digest_unsubscribe", args=[unsubscribe_token(member)])
    response = client.post(url, {"List-Unsubscribe": "One-Click"}, enforce_csrf_checks=True)
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.digest == "off"


def test_a_forged_token_is_refused(client, member, other_member):
    forged = unsubscribe_token(member).replace(str(member.pk), str(other_member.pk), 1)
    response = client.post(reverse("digest_unsubscribe", args=[forged]))
    assert response.status_code == 404
    other_member.refresh_from_db()
    assert other_member.digest == "weekly"


def test_preferences_turn_it_off_and_choose_groups(client, member, group):
    mine = WorkingGroupFactory(name="Wohnungseinbruch")
    MembershipFactory(group=mine, person=member)  # a member, not (yet) following
    elsewhere = WorkingGroupFactory(name="Jugendgewalt")  # neither a member nor following
    secret = WorkingGroupFactory(name="Intern", is_restricted=True)
    client.force_login(member)
    page = client.get(reverse("digest_preferences"))
    assert "Wohnungseinbruch" in page.text and "Sicherheit im öffentlichen Raum" in page.text
    assert "Intern" not in page.text and "Jugendgewalt" not in page.text
    assert f'href="{reverse("group_list")}"' in page.text  # the others are followed from their group page
    for refused in (secret, elsewhere):  # not offered: refused
        response = client.post(reverse("digest_preferences"), {"digest": "off", "groups": [mine.pk, refused.pk]})
        assert response.status_code == 200 and "groups" in response.context["form"].errors
    member.refresh_from_db()
    assert member.digest == "weekly"
    response = client.post(reverse("digest_preferences"), {"digest": "off", "groups": [mine.pk]})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.digest == "off"
    assert set(Follow.objects.filter(person=member).values_list("group__name", flat=True)) == {"Wohnungseinbruch"}
    assert ConsentRecord.objects.filter(person=member, subject="digest", granted=False).count() == 1


def test_preferences_list_only_the_persons_groups_and_saving_keeps_follows_not_shown(client, member, group):
    from django.utils import timezone

    followed_only = WorkingGroupFactory(name="Prävention vor Ort")
    Follow.objects.create(group=followed_only, person=member, every_post=True)  # followed from its page, no member
    archived = WorkingGroupFactory(name="Alte AG", archived_at=timezone.now())
    follow(member, archived)
    left = WorkingGroupFactory(name="Geschlossene AG", is_restricted=True)
    Follow.objects.create(group=left, person=member)  # followed while a member; no longer readable
    others = [WorkingGroupFactory(name=f"Fremde AG {n}") for n in range(5)]
    client.force_login(member)
    page = client.get(reverse("digest_preferences"))
    form = page.context["form"]
    assert set(form.fields["groups"].queryset) == {group, followed_only}
    assert not any(other.name in page.text for other in others)
    # Unticking everything shown unfollows exactly the groups shown, never the others.
    response = client.post(reverse("digest_preferences"), {"digest": "weekly", "groups": [], "every_post": []})
    assert response.status_code == 302
    kept = set(Follow.objects.filter(person=member).values_list("group__name", flat=True))
    assert kept == {"Alte AG", "Geschlossene AG"}
    # A group followed from its page shows up, and keeps "every post" unless unticked.
    Follow.objects.create(group=others[0], person=member, every_post=True)
    client.post(reverse("digest_preferences"), {"digest": "weekly", "groups": [group.pk], "every_post": [others[0].pk]})
    follows = dict(Follow.objects.filter(person=member).values_list("group__name", "every_post"))
    assert follows == {
        "Alte AG": False,
        "Geschlossene AG": False,
        "Sicherheit im öffentlichen Raum": False,
        "Fremde AG 0": True,
    }


def test_preferences_page_does_not_grow_with_the_association(client, member, group):
    from tests.helpers import count_queries

    client.force_login(member)
    url = reverse("digest_preferences")
    small = count_queries(client, url)
    for _ in range(10):
        WorkingGroupFactory()
    assert count_queries(client, url) == small
    assert len(client.get(url).context["form"].fields["groups"].queryset) == 1


# --- Admin -------------------------------------------------------------------------------------


def test_the_secretariat_previews_a_members_digest_and_sends_itself_a_test(client, secretariat, member, news):
    url = reverse("admin:mail_digestrun_preview")
    # On Friday the secretariat looks at what Monday's digest will say.
    with time_machine.travel(LAST_WEEK + datetime.timedelta(days=1), tick=False):
        client.force_login(secretariat)
        page = client.get(url, {"email": member.email})
        assert page.status_code == 200 and "Neues aus der AG" in page.text
        client.post(url, {"email": member.email})
    (test_copy,) = mail.outbox
    assert test_copy.to == [secretariat.email] and test_copy.subject.startswith("[Test]")
    # Nothing in the copy unsubscribes the member: no list headers, no signed link.
    assert "List-Unsubscribe" not in test_copy.extra_headers
    assert unsubscribe_token(member) not in test_copy.body + test_copy.alternatives[0].content
    assert not DigestDelivery.objects.exists()


def test_the_board_may_not_preview_what_a_member_sees(client, board, member):
    client.force_login(board)
    assert client.get(reverse("admin:mail_digestrun_preview"), {"email": member.email}).status_code == 403


def test_the_secretariat_writes_the_weeks_note_in_the_admin(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("admin:mail_digestnote_add"), {"period": "2026-11-30", "text_de": "Hallo", "text_en": "Hello"}
    )
    assert response.status_code == 302
    assert DigestNote.objects.get().author == secretariat


def test_a_delegates_office_is_no_reason_for_a_digest_once_the_organisation_left(
    send_digests, member, left_member, group, news
):
    MandateFactory(role=Role.DELEGATE, person=left_member, organisation=left_member.organisation)
    follow(left_member, group, member=False)
    with time_machine.travel(MONDAY, tick=False):
        send_digests()
    assert [m.to for m in mail.outbox] == [[member.email]]  # the run went out, without the left organisation


def test_long_lists_end_with_how_many_more_and_a_link(member, settings):
    settings.SITE_URL = "https://portal.defus.example"
    for number in range(8):
        make_call(
            f"ISF-{number}",
            deadline=MONDAY + datetime.timedelta(days=5 + number),
            created=LAST_WEEK - datetime.timedelta(days=90),
        )
    with time_machine.travel(MONDAY, tick=False):
        ((person, parts),) = preview(person_ids=[member.pk])
        message = compose.build_digest(person, parts, current_period())
    soon = {part.key: part.data for part in parts}["funding"]["soon"]
    assert [line["call"].identifier for line in soon["lines"]] == [f"ISF-{n}" for n in range(5)]
    assert soon["more"] == 3
    assert "3 weitere: https://portal.defus.example/foerderung/?within=30" in message.body
    assert 'href="https://portal.defus.example/foerderung/?within=30"' in message.alternatives[0].content


def test_a_batch_that_fails_while_composing_leaves_no_claim_stuck(member, news, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("template missing")

    monkeypatch.setattr(compose, "build_digest", broken)
    with time_machine.travel(MONDAY, tick=False):
        with pytest.raises(RuntimeError):
            send_batch(run_id=None, period=current_period(), person_ids=[member.pk])
        assert DigestDelivery.objects.get(person=member).status == DigestDelivery.Status.FAILED
        monkeypatch.undo()
        assert send_batch(run_id=None, period=current_period(), person_ids=[member.pk])["sent"] == [member.pk]
    assert len(mail.outbox) == 1


def test_a_lead_who_is_not_a_member_gets_the_news_of_the_restricted_group(lead_not_member, led_group, other_member):
    Follow.objects.create(group=led_group, person=lead_not_member)
    with time_machine.travel(LAST_WEEK, tick=False):
        MembershipFactory(group=led_group, person=other_member)
        make_thread(group=led_group, author=other_member, title="Vertraulich")
    with time_machine.travel(MONDAY, tick=False):
        assert "topics" in digest_of(lead_not_member)
