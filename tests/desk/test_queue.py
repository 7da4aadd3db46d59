"""The secretariat's desk: each count is exactly the items of its linked admin list, counted in a
fixed number of queries, and only what the person may see in the admin."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assemblies.models import Proxy
from circulars.models import CircularDelivery
from defus.desk import work_queue
from defus.models import OutboxTask
from funding.models import Call, Deadline, Interest, Programme
from mail.models import AddressHealth, DigestDelivery
from members.models import MembershipFee, Role, User
from practices.models import Practice
from publicsite.models import AccessibilityFeedback, MembershipApplication
from tests.factories import (
    CircularFactory,
    InvitationFactory,
    MandateFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    WorkingGroupFactory,
    make_sent_circular,
)
from tests.practices.factories import make_practice
from topics.models import Membership

pytestmark = pytest.mark.django_db

KINDS = {
    "offices_ending",
    "fees_overdue",
    "invitations_open",
    "digests_failed",
    "join_requests",
    "meeting_invitation",
    "funding_deadlines",
    "circulars_failed",
    "circular_drafts",
    "outbox",
    "mail_stopped",
    "appointments_awaiting_approval",
    "proxies_awaiting_approval",
    "membership_applications",
    "accessibility_feedback",
    "practices_rereview",
}


def make_work(n: int) -> None:
    """``n`` pending items of every kind, and beside each some that are not pending (must not count)."""
    now = timezone.now()
    today = timezone.localdate()
    days = datetime.timedelta
    programme, _ = Programme.objects.get_or_create(code="isf", defaults={"name": "ISF"})
    circular = make_sent_circular()
    first = Call.objects.count()
    for number in range(n):
        organisation = OrganisationFactory()
        person = UserFactory(organisation=organisation)
        # Offices: ending in 30 days (pending); in 200 days, already ended, open-ended (not).
        MandateFactory(role=Role.BOARD_MEMBER, end=today + days(30))
        MandateFactory(role=Role.BOARD_MEMBER, end=today + days(200))
        MandateFactory(role=Role.AUDITOR, start=today - days(400), end=today - days(3))
        MandateFactory(role=Role.WORKING_GROUP_LEAD, working_group=WorkingGroupFactory())
        # Fees: overdue (pending); paid late, not yet due (not).
        MembershipFee.objects.create(organisation=organisation, year=2024, amount=Decimal(1500), due_on=today - days(9))
        MembershipFee.objects.create(
            organisation=organisation, year=2025, amount=Decimal(1500), due_on=today - days(9), paid_on=today
        )
        MembershipFee.objects.create(organisation=organisation, year=2026, amount=Decimal(1500), due_on=today + days(9))
        # Invitations: sent and open, also expired (pending); accepted, revoked, never sent (not).
        InvitationFactory(organisation=organisation, sent_at=now - days(3))
        InvitationFactory(organisation=organisation, sent_at=now - days(30), expires_at=now - days(16))
        InvitationFactory(organisation=organisation, sent_at=now - days(3), accepted_at=now)
        InvitationFactory(organisation=organisation, sent_at=now - days(3), revoked_at=now)
        InvitationFactory(organisation=organisation)
        # Digests: failed (pending); sent (not).
        DigestDelivery.objects.create(person=person, period=now - days(7 * (number + 1)), status="failed")
        DigestDelivery.objects.create(person=person, period=now - days(7 * (number + 100)), status="sent")
        # Join requests: waiting ten days (pending); two days, or a member for a month (not).
        group = WorkingGroupFactory(join_policy="on_request")
        MembershipFactory(group=group, status=Membership.Status.REQUESTED, joined_at=now - days(10))
        MembershipFactory(group=group, status=Membership.Status.REQUESTED, joined_at=now - days(2))
        MembershipFactory(group=group, person=person, joined_at=now - days(30))
        # Meetings: a coming members' meeting not yet convened (pending); one convened, a board meeting, a past one.
        MeetingFactory(event__start=now + days(50 + number))
        MeetingFactory(event__start=now + days(60), invitation_sent_at=now)
        MeetingFactory(body="board", event__start=now + days(60), event__kind="board_meeting")
        MeetingFactory(event__start=now - days(60), event__end=now - days(60) + days(1) / 4)
        # Funding: a call of interest closing in five days (pending); one nobody is interested in,
        # one of interest closing in a month, one of interest that closed yesterday.
        calls = [
            Call.objects.create(identifier=f"ISF-{first}-{number}-{k}", title_en="Call", programme=programme)
            for k in range(4)
        ]
        for call, (interest, due) in zip(calls, [(True, 5), (False, 5), (True, 30), (True, -1)], strict=True):
            Deadline.objects.create(call=call, at=now + days(due))
            Deadline.objects.create(call=call, at=now + days(due) + days(1))  # two stages: still one call
            if interest:
                Interest.objects.create(call=call, organisation=organisation)
                Interest.objects.create(call=call, organisation=OrganisationFactory())
        # Circulars: failed delivery and a draft (pending); a sent delivery, a sent circular (not).
        CircularDelivery.objects.create(circular=circular, person=person, status="failed", attempts=1)
        CircularDelivery.objects.create(circular=circular, person=UserFactory(organisation=organisation), status="sent")
        CircularFactory()
        make_sent_circular()
        # Addresses: stopped by bounces (pending); bouncing below the limit, stopped long ago and forgiven (not).
        for score, bounced_days_ago in [(4, 1), (2, 1), (6, 40)]:
            AddressHealth.objects.create(
                person=UserFactory(organisation=organisation),
                address=f"bounce-{number}-{score}@example.org",
                score=score,
                last_bounce_at=now - days(bounced_days_ago),
            )
        # Four eyes: a delegate's appointment and a proxy on paper waiting for approval (pending); approved (not).
        for waiting in (True, False):
            appointed = UserFactory(organisation=OrganisationFactory())
            MandateFactory(
                role=Role.DELEGATE, person=appointed, organisation=appointed.organisation, awaiting_approval=waiting
            )
            Proxy.objects.create(
                meeting=MeetingFactory(event__start=now + days(70), invitation_sent_at=now),  # convened: not pending
                organisation=OrganisationFactory(),
                holder=appointed,
                recorded_by=person,
                signed_by="Oberbürgermeisterin",
                awaiting_approval=waiting,
            )
        # Requests to join: confirmed (pending); unconfirmed or decided (not).
        for status in ("confirmed", "unconfirmed", "refused"):
            MembershipApplication.objects.create(
                name=f"Stadt Antrag {number} {status}", kind="city", federal_state="NW", contact_name="Anna Antrag",
                contact_email=f"antrag-{number}-{status}@example.org", reason="Prävention", status=status,
                refusal_reason="Keine Kommune" if status == "refused" else "",
            )  # fmt: skip
        # Accessibility feedback: unanswered (pending); answered (not).
        for answered in (None, now):
            AccessibilityFeedback.objects.create(
                email=f"feedback-{number}@example.org", message="Kontrast", due_on=today + days(30),
                answered_at=answered,
            )  # fmt: skip
        # Practices: rated over two years ago (pending); rated a year ago, or under review (not).
        for rated_days_ago, state in [(2 * 366 + 5, "published"), (365, "published"), (800, "submitted")]:
            make_practice(
                organisations=[organisation], state=state, level_decided_on=today - days(rated_days_ago),
                level_reason="Begründet." if state == Practice.State.PUBLISHED else "",
            )  # fmt: skip
        # The outbox: every kept task is pending.
        OutboxTask.objects.create(task="members.tasks.send_invitation", args=[number])


def test_each_count_equals_the_items_of_its_linked_list(client, secretariat):
    make_work(2)
    lines = work_queue(User.objects.get(pk=secretariat.pk))
    assert {line.pending.key for line in lines} == KINDS
    client.force_login(secretariat)
    for line in lines:
        response = client.get(line.pending.url)
        assert response.status_code == 200, line.pending.url
        listed = response.context["cl"].result_count
        assert (line.pending.key, line.count) == (line.pending.key, listed)
        # Every kind has its fixtures, and only those count (two open invitations per round: one expired).
        assert line.count == (4 if line.pending.key == "invitations_open" else 2), line.pending.key
        # The link is a real filter: the unfiltered list holds more (except the outbox, all pending).
        if line.pending.key != "outbox":
            assert response.context["cl"].full_result_count > listed, line.pending.key


def test_the_start_page_shows_the_queue_above_the_models(client, secretariat):
    make_work(1)
    client.force_login(secretariat)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Heute zu tun" in html
    assert html.index('id="desk-fees_overdue"') < html.index('id="content-main"')
    assert 'href="/admin/members/membershipfee/?payment=overdue"' in html
    # The next members' meeting's invitation deadline is named.
    assert "einladen bis" in html


def _queries(user_pk: int) -> int:
    user = User.objects.get(pk=user_pk)  # fresh: no cached offices
    with CaptureQueriesContext(connection) as queries:
        lines = work_queue(user)
    assert all(line.count for line in lines)
    return len(queries)


def test_the_counts_take_a_fixed_number_of_queries(secretariat):
    make_work(1)
    few = _queries(secretariat.pk)
    make_work(4)
    assert _queries(secretariat.pk) == few
    # Django's own permission tables (two, cached per request), the person's offices, one query for
    # all counts, the meeting whose deadline is named and the first due date of accessibility feedback.
    assert few <= 6


def test_what_the_board_may_not_see_is_not_counted(board, secretariat):
    make_work(1)
    board_keys = {line.pending.key for line in work_queue(board)}
    # Tasks kept for the broker and bouncing addresses are the secretariat's (no view permission for the board).
    assert "outbox" not in board_keys and "mail_stopped" not in board_keys
    assert board_keys == KINDS - {"outbox", "mail_stopped"}


def test_a_plain_member_gets_no_queue_and_no_admin(client, member, delegate):
    make_work(1)
    assert work_queue(member) == []
    assert work_queue(delegate) == []
    client.force_login(member)
    assert client.get(reverse("admin:index"), follow=True).status_code == 403
    client.force_login(delegate)
    assert client.get(reverse("admin:members_mandate_changelist") + "?term=ending", follow=True).status_code == 403
