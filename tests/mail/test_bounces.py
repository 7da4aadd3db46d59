"""Bounces come back to the recipient's VERP address: scored like Discourse, mail stops at 4."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from mail.models import AddressHealth, InboundMessage
from members.models import DigestFrequency
from tests.factories import PASSWORD, make_thread
from tests.helpers import pinned_clock
from tests.mail.conftest import bounce_to, load, sent_id
from topics import services

pytestmark = pytest.mark.django_db

DAY_1 = datetime.datetime(2026, 11, 2, 10, tzinfo=datetime.UTC)
_clock = pinned_clock(DAY_1 - datetime.timedelta(days=7))


def bounce(receive_mail, person, fixture, *, to=None, original_id=None):
    """A bounce of an email the portal sent to ``person`` (a new one unless ``original_id`` names it)."""
    original_id = original_id or sent_id()
    to = to or bounce_to(person, message_id=original_id)
    return receive_mail(load(fixture, BOUNCE_TO=to, RCPT=person.email, ORIGINAL_ID=original_id))


def score_of(person) -> int:
    return AddressHealth.objects.get(person=person).score


@pytest.mark.parametrize(
    ("fixture", "score", "kind"),
    [
        ("postfix_hard.eml", 2, "hard"),
        ("postfix_soft.eml", 1, "soft"),
        ("exchange_hard.eml", 2, "hard"),
        ("exchange_soft.eml", 1, "soft"),  # Action: failed, but Status 4.4.7: transient, so soft
    ],
)
def test_a_dsn_scores_the_person_its_address_names(receive_mail, member, fixture, score, kind):
    assert bounce(receive_mail, member, fixture) == 0
    health = AddressHealth.objects.get(person=member)
    assert (health.score, health.last_bounce_kind, health.address) == (score, kind, member.email)
    assert InboundMessage.objects.get().outcome == InboundMessage.Outcome.BOUNCE
    assert mail.outbox == []  # a bounce is never answered


def test_at_most_one_bounce_counts_per_day(receive_mail, member):
    with time_machine.travel(DAY_1, tick=False):
        bounce(receive_mail, member, "postfix_hard.eml")
        bounce(receive_mail, member, "exchange_hard.eml")
    assert score_of(member) == 2
    with time_machine.travel(DAY_1 + datetime.timedelta(days=1, minutes=1), tick=False):
        bounce(receive_mail, member, "postfix_soft.eml")
    assert score_of(member) == 3


def test_a_bounce_naming_someone_else_scores_nothing(receive_mail, member):
    original_id = sent_id()
    to = bounce_to(member, message_id=original_id)
    raw = load("postfix_hard.eml", BOUNCE_TO=to, RCPT="colleague@essen.example", ORIGINAL_ID=original_id)
    assert receive_mail(raw) == 0
    assert not AddressHealth.objects.exists()


def test_a_forged_bounce_address_is_67(receive_mail, member):
    genuine = bounce_to(member)
    forged = genuine.replace(genuine[3], "a" if genuine[3] != "a" else "b", 1)
    assert bounce(receive_mail, member, "postfix_hard.eml", to=forged) == 67
    assert not AddressHealth.objects.exists()


@pytest.fixture
def stopped(receive_mail, member):
    """Two hard bounces on two days: score 4, mail to the member stops."""
    with time_machine.travel(DAY_1, tick=False):
        bounce(receive_mail, member, "postfix_hard.eml")
    with time_machine.travel(DAY_1 + datetime.timedelta(days=2), tick=False):
        bounce(receive_mail, member, "exchange_hard.eml")
    assert score_of(member) == 4
    return member


def test_at_4_posts_and_notifications_stop(stopped, member, other_member, django_capture_on_commit_callbacks):
    from tests.factories import MembershipFactory, WorkingGroupFactory

    group = WorkingGroupFactory()
    for person in (member, other_member):
        MembershipFactory(group=group, person=person)
        services.group_every_post(group=group, person=person, every_post=True)
    author = other_member
    with time_machine.travel(DAY_1 + datetime.timedelta(days=3), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            make_thread(group=group, author=author)
        assert mail.outbox == []
        from kernel.emails import send_email

        send_email("mail_refused", to=member.email, language="de", context={"reason": "x"})
        assert mail.outbox == []
        # ...while someone else's mail goes out as usual
        with django_capture_on_commit_callbacks(execute=True):
            make_thread(group=group, author=member)
        assert [message.to for message in mail.outbox] == [[other_member.email]]


def test_at_4_the_digest_stops(stopped, member):
    from kernel.digest_schedule import current_period
    from mail.digest.sending import send_batch

    member.digest = DigestFrequency.WEEKLY
    member.save()
    with time_machine.travel(DAY_1 + datetime.timedelta(days=3), tick=False):
        outcome = send_batch(run_id=None, period=current_period(), person_ids=[member.pk])
    assert outcome["skipped"] == [member.pk]
    assert mail.outbox == []


def test_the_score_is_forgiven_after_30_days_without_a_bounce(stopped, member, receive_mail):
    later = DAY_1 + datetime.timedelta(days=2 + 31)
    with time_machine.travel(later, tick=False):
        assert not AddressHealth.objects.get(person=member).is_suppressed
        bounce(receive_mail, member, "postfix_soft.eml")
        assert score_of(member) == 1  # starts again from zero


def test_the_person_is_told_at_sign_in_and_can_confirm_the_address_again(stopped, member, client):
    with time_machine.travel(DAY_1 + datetime.timedelta(days=3)):
        client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
        page = client.get(reverse("dashboard"))
        assert "E-Mails an Sie kommen nicht an" in page.content.decode()
        client.post(reverse("mail_confirm_address"))
        (link,) = mail.outbox  # goes to the bouncing address: it is the one to confirm
        assert link.to == [member.email]
        url = next(line for line in link.body.splitlines() if "/mail/adresse-bestaetigen/" in line).strip()
        path = url.removeprefix("https://portal.defus.example")
        assert client.get(path).status_code == 200
        assert AddressHealth.objects.get(person=member).is_suppressed  # GET changes nothing
        client.post(path)
        assert not AddressHealth.objects.get(person=member).is_suppressed
        assert "E-Mails an Sie kommen nicht an" not in client.get(reverse("dashboard")).content.decode()


def test_the_secretariat_sees_bouncing_addresses_in_the_admin(stopped, member, secretariat, client):
    with time_machine.travel(DAY_1 + datetime.timedelta(days=3)):
        client.force_login(secretariat)  # a staff session ends after hours: signed in that day
        page = client.get(reverse("admin:mail_addresshealth_changelist"), {"state": "stopped"})
    assert page.status_code == 200
    assert member.email in page.content.decode()
    with time_machine.travel(DAY_1 + datetime.timedelta(days=60)):
        client.force_login(secretariat)
        page = client.get(reverse("admin:mail_addresshealth_changelist"), {"state": "stopped"})
    assert member.email not in page.content.decode()


def test_the_confirmation_page_costs_a_fixed_number_of_queries(member, client, django_assert_max_num_queries):
    from django.core import signing

    from mail.services import CONFIRM_SALT

    token = signing.dumps([member.pk, member.email.lower()], salt=CONFIRM_SALT)
    with django_assert_max_num_queries(3):
        page = client.get(reverse("mail_address_confirmed", args=[token]))
    assert page.status_code == 200 and member.email in page.content.decode()
    other = signing.dumps([member.pk, "old@essen.example"], salt=CONFIRM_SALT)
    assert client.get(reverse("mail_address_confirmed", args=[other])).status_code == 404  # address changed since
