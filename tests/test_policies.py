"""One policy per question: the list filter and the object check agree for every persona (issues 20, 21).

Each policy is stated once (``kernel.policy``) and offers a queryset filter (lists, search, digest) and an
object check (pages, downloads) derived from it; these tests ask both for every persona and every case, and
check the Python evaluator of the filter against the database's own answer.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from events.models import DatePoll, Event
from events.policies.events import visible_events
from events.policies.polls import visible_polls
from events.polls import polls_for
from kernel.policy import NOTHING, Known, UnsupportedLookup, compile_q, sql_q
from tests.factories import EventFactory, MembershipFactory, WorkingGroupFactory, make_document
from topics.models import Document, WorkingGroup
from topics.policies.documents import visible_documents
from topics.policies.groups import readable_groups

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
            EventFactory(
                title=f"{audience} {status}", kind="webinar", start=start, end=start + datetime.timedelta(hours=1),
                status=status, audience=audience, group=group,
            )  # fmt: skip
        invited = EventFactory(
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
    listed = set(WorkingGroup.objects.filter(readable_groups.q(user)))
    checked = {group for group in WorkingGroup.objects.all() if user.has_perm("topics.read_group", group)}
    assert listed == checked, persona[0]


def test_documents_list_and_page_agree(persona, world):
    user = _user(persona)
    listed = set(Document.objects.filter(visible_documents.q(user)))
    checked = {d for d in Document.objects.prefetch_related("groups") if user.has_perm("topics.view_document", d)}
    assert listed == checked, persona[0]


def test_events_list_and_page_agree(persona, world):
    user = _user(persona)
    listed = set(Event.objects.filter(visible_events.q(user)))
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


POLICIES = [
    (readable_groups, WorkingGroup, ()),
    (visible_documents, Document, ("groups",)),
    (visible_events, Event, ()),
    (visible_polls, DatePoll, ("invitees",)),
]
# Each read in Python and in the database, for every persona: tests/test_access_kernel.py (with the kernel's own).


def test_checking_many_prefetched_documents_asks_no_query_per_document(member, world, django_assert_num_queries):
    documents = list(Document.objects.prefetch_related("groups"))
    sees = visible_documents.test(member)
    listed = Document.objects.filter(visible_documents.q(member)).count()
    with django_assert_num_queries(0):
        assert sum(sees(document) for document in documents) == listed


def test_a_document_in_two_of_my_groups_is_listed_once(member):
    first, second = WorkingGroupFactory(), WorkingGroupFactory()
    for group in (first, second):
        MembershipFactory(group=group, person=member)
    document = make_document(label="group", groups=[first, second])
    assert list(Document.objects.filter(visible_documents.q(member))) == [document]


# --- The evaluator itself ---------------------------------------------------------------------


@pytest.fixture
def groups(db):
    archived = timezone.now() - datetime.timedelta(days=3)
    return [
        WorkingGroupFactory(name="A", is_restricted=False),
        WorkingGroupFactory(name="B", is_restricted=True),
        WorkingGroupFactory(name="C", is_restricted=True, archived_at=archived),
    ]


@pytest.mark.parametrize(
    "q",
    [
        Q(),
        NOTHING,
        Q(is_restricted=True),
        ~Q(is_restricted=True),
        Q(archived_at__isnull=True),
        Q(archived_at__isnull=False) | Q(name="A"),
        ~(Q(is_restricted=True) & Q(archived_at__isnull=True)),
        Q(name__in=["A", "C"], is_restricted=True),
        ~Q(archived_at__lt=timezone.now()),
        Q(archived_at__gte=timezone.now() - datetime.timedelta(days=30)),
    ],
    # Not str(q): the times in the last two differ between pytest-xdist's processes, which must collect alike.
    ids=lambda q: str(q).split(", datetime.")[0],
)
def test_the_evaluator_answers_as_the_database(groups, q):
    in_python = {group for group in WorkingGroup.objects.all() if compile_q(WorkingGroup, q)(group)}
    assert in_python == set(WorkingGroup.objects.filter(sql_q(WorkingGroup, q)))


def test_a_document_of_another_label_is_decided_without_reading_its_groups(member, django_assert_num_queries):
    board_paper = make_document(label="board")
    board_paper = Document.objects.get(pk=board_paper.pk)  # nothing prefetched
    visible_documents.check(member, make_document(label="public"))  # the person's offices and groups, read once
    with django_assert_num_queries(0):
        assert not visible_documents.check(member, board_paper)


# A date against a date-time field is what is compared here; Django's warning about it is expected.
@pytest.mark.filterwarnings("ignore:DateTimeField .* received a naive datetime:RuntimeWarning")
def test_the_evaluator_converts_values_as_the_database_does(groups):
    """None in a list matches nothing, "5" is the key 5, a date is midnight of that day (as Django writes SQL)."""
    archived = groups[2]
    day = timezone.localdate(archived.archived_at)
    document = make_document(label="group", groups=groups[:1])
    cases = [
        (WorkingGroup, Q(archived_at__in=[None]), groups[0]),
        (WorkingGroup, Q(pk=str(groups[1].pk)), groups[1]),
        (WorkingGroup, Q(pk__in=[str(groups[1].pk), None]), groups[1]),
        (WorkingGroup, Q(archived_at__gte=day), archived),
        (WorkingGroup, Q(archived_at__lt=day), archived),
        (Document, Q(groups__in=[str(groups[0].pk), None]), document),
    ]
    for model, q, obj in cases:
        in_database = model.objects.filter(sql_q(model, q), pk=obj.pk).exists()
        assert compile_q(model, q)(obj) is in_database, q


def test_the_evaluator_reads_ids_known_to_the_caller_and_many_to_many_fields(groups, member):
    document = make_document(label="group", groups=groups[:2])
    known = Known(WorkingGroup.objects.filter(name="B").values("pk"), lambda: {groups[1].pk})
    assert compile_q(WorkingGroup, Q(pk__in=known))(groups[1])
    assert not compile_q(WorkingGroup, Q(pk__in=known))(groups[0])
    assert set(WorkingGroup.objects.filter(sql_q(WorkingGroup, Q(pk__in=known)))) == {groups[1]}
    for q, expected in ((Q(groups=groups[0]), True), (Q(groups__in=[groups[2].pk]), False)):
        assert compile_q(Document, q)(document) is expected
        assert Document.objects.filter(sql_q(Document, q)).exists() is expected


@pytest.mark.parametrize(
    "model, q",
    [
        (WorkingGroup, Q(name__icontains="a")),  # not a lookup the evaluator knows
        (Document, Q(groups__name="A")),  # spans a relation
        (WorkingGroup, Q(membership__person=1)),  # a reverse relation
        (WorkingGroup, Q(pk__in=WorkingGroup.objects.values("pk"))),  # a subquery Python cannot read
        (WorkingGroup, Q(no_such_field=1)),
        (WorkingGroup, Q(archived_at=None)),  # write __isnull
        (WorkingGroup, Q(name="A") ^ Q(is_restricted=True)),
    ],
    ids=["icontains", "spanning", "reverse", "subquery", "unknown field", "exact None", "xor"],
)
def test_a_lookup_the_evaluator_does_not_know_is_refused_clearly(db, model, q):
    with pytest.raises(UnsupportedLookup):
        compile_q(model, q)


# --- Who may file which label (issue 21: the rule outside the upload form) -----------------------


def test_the_label_rule_holds_for_whoever_files_a_document(member, board, secretariat):
    with pytest.raises(ValidationError) as refused:
        make_document(label="board", uploaded_by=member)
    assert "label" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        make_document(label="group", groups=[], uploaded_by=secretariat)
    assert "groups" in refused.value.message_dict
    assert not Document.objects.exists()
    assert make_document(label="board", uploaded_by=board).label == "board"
    assert make_document(label="board", uploaded_by=secretariat).label == "board"


def test_a_document_is_filed_only_for_groups_one_works_in_whoever_files_it(member, secretariat):
    mine, other = WorkingGroupFactory(), WorkingGroupFactory()
    MembershipFactory(group=mine, person=member)
    with pytest.raises(ValidationError) as refused:
        make_document(label="group", groups=[mine, other], uploaded_by=member)
    assert "groups" in refused.value.message_dict
    assert make_document(label="group", groups=[mine], uploaded_by=member).groups.get() == mine
    assert make_document(label="group", groups=[other], uploaded_by=secretariat).groups.get() == other


# --- Pages offer what the permission allows (issue 21: templates ask the same predicate) -----------


def test_the_edit_link_follows_the_edit_permission_also_in_an_archived_group(client, member):
    from django.urls import reverse

    from tests.factories import make_thread

    group = WorkingGroupFactory()
    MembershipFactory(group=group, person=member)
    thread = make_thread(group=group, author=member)
    post = thread.posts.get()
    client.force_login(member)
    page = reverse("thread_detail", args=[group.slug, thread.pk])
    assert reverse("post_edit", args=[post.pk]) in client.get(page).content.decode()
    WorkingGroup.objects.filter(pk=group.pk).update(archived_at=timezone.now())
    post = thread.posts.select_related("thread__group").get()
    assert not member.has_perm("topics.edit_post", post)
    assert reverse("post_edit", args=[post.pk]) not in client.get(page).content.decode()


def test_the_certificate_link_shows_only_when_the_download_is_allowed(client, member):
    from django.urls import reverse

    from events.models import Registration

    start = timezone.now() + datetime.timedelta(days=1)
    event = EventFactory(title="Fachtag", kind="conference", start=start, end=start + datetime.timedelta(hours=4))
    Registration.objects.create(event=event, person=member, status="registered", attended=True)
    client.force_login(member)
    link = reverse("event_certificate", args=[event.pk])
    assert link not in client.get(reverse("event_detail", args=[event.pk])).content.decode()  # not yet held
    assert client.get(link).status_code == 404
    Event.objects.filter(pk=event.pk).update(
        start=start - datetime.timedelta(days=2), end=start - datetime.timedelta(days=2, hours=-4)
    )
    assert link in client.get(reverse("event_detail", args=[event.pk])).content.decode()
    assert client.get(link).status_code == 200
