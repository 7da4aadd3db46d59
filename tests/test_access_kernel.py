"""The access kernel (issue 30): member access, circulars, meetings and inquiries are policies like the others, so
the list filter, the object check and the permission agree for every persona, superusers included; the facts the
rules read about a person live in one ``Viewer`` (``tests/test_viewer.py``)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from assemblies.models import Meeting
from assemblies.policies import visible_meetings
from assemblies.selectors import meetings_for
from circulars.models import Circular
from circulars.selectors import audience_people, circular_list, readable_circulars
from kernel.digest_schedule import current_period
from mail.digest.sending import due_people
from members.models import User
from members.policies import with_member_access
from tests.factories import CircularFactory, MeetingFactory, UserFactory, make_sent_circular
from tests.test_policies import POLICIES, world  # noqa: F401  (world: groups, documents, events, polls of every kind)
from topics.inquiries import inquiries_for, inquiry_create
from topics.models import Inquiry, WorkingGroup
from topics.policies.inquiries import readable_inquiries

pytestmark = pytest.mark.django_db


@pytest.fixture
def kernel_world(world, member, organisation):  # noqa: F811  (the fixture imported above)
    """Besides ``world``: superusers (one without an organisation, one closed), circulars of every audience (sent
    and a draft), a members' and a board meeting, inquiries to everyone and to each group."""
    UserFactory(email="root@example.org", organisation=None, is_superuser=True)
    UserFactory(email="root-closed@example.org", organisation=None, is_superuser=True, is_active=False)
    open_group, restricted, led_group = world
    for audience in ("all", "delegates", "board", "groups", "organisations"):
        make_sent_circular(audience=audience, groups=[restricted], organisations=[organisation])
    make_sent_circular(audience="groups", groups=[led_group])
    CircularFactory(status="draft", audience="all")
    MeetingFactory(body=Meeting.Body.MEMBERS)
    MeetingFactory(body=Meeting.Body.BOARD, title="Vorstandssitzung")
    deadline = timezone.now() + datetime.timedelta(days=7)
    for group in (None, open_group, restricted, led_group):
        inquiry_create(author=member, title=f"Umfrage {group}", question="Wie?", deadline=deadline, group=group)
    return world


def _user(persona):
    _name, user = persona
    return AnonymousUser() if user is None else user


KERNEL_POLICIES = [
    (with_member_access, User, ("organisation",)),
    (readable_circulars, Circular, ("groups", "organisations")),
    (visible_meetings, Meeting, ()),
    (readable_inquiries, Inquiry, ("group",)),
]


@pytest.mark.parametrize("rule, model, prefetch", POLICIES + KERNEL_POLICIES, ids=lambda p: getattr(p, "__name__", ""))
def test_every_policy_read_in_python_answers_as_the_database(persona, kernel_world, rule, model, prefetch):
    user = _user(persona)
    in_database = list(model.objects.filter(rule.q(user)))
    assert len(in_database) == len(set(in_database)), "a policy's filter must not repeat rows"
    sees = rule.test(user)
    assert set(in_database) == {obj for obj in model.objects.prefetch_related(*prefetch) if sees(obj)}, persona[0]


def test_circulars_list_and_page_agree(persona, kernel_world):
    user = _user(persona)
    listed = set(circular_list(user=user))
    checked = {c for c in Circular.objects.all() if user.has_perm("circulars.read_circular", c)}
    assert listed == checked, persona[0]


def test_meetings_list_and_page_agree(persona, kernel_world):
    user = _user(persona)
    listed = set(meetings_for(user=user))
    checked = {meeting for meeting in Meeting.objects.all() if user.has_perm("assemblies.see_meeting", meeting)}
    assert listed == checked, persona[0]
    assert (Meeting.Body.BOARD in {m.body for m in listed}) == (persona[0] in {"board", "secretariat"})


def test_inquiries_list_and_page_agree(persona, kernel_world):
    user = _user(persona)
    listed = set(inquiries_for(user=user)) if user.is_authenticated else set()
    checked = {inquiry for inquiry in Inquiry.objects.all() if user.has_perm("topics.read_inquiry", inquiry)}
    assert listed == checked, persona[0]


def test_member_access_is_one_rule_for_the_request_the_circulars_and_the_digest(kernel_world, django_user_model):
    """The per-request check, a circular's audience and the digest's recipients say the same for every person,
    superusers included (the two SQL spellings used to leave out a superuser without an organisation)."""
    User.objects.update(digest="weekly", date_joined=timezone.now() - datetime.timedelta(days=30))
    everyone = make_sent_circular(audience="all")
    in_audience = set(audience_people(everyone))
    due = set(due_people(current_period()))
    people = list(django_user_model.objects.select_related("organisation"))
    allowed = {person for person in people if person.has_perm("members.access_portal")}
    assert in_audience == due == allowed
    root, closed = User.objects.get(email="root@example.org"), User.objects.get(email="root-closed@example.org")
    assert root in allowed and closed not in allowed
    assert set(User.objects.filter(with_member_access.q(None))) == allowed


def test_every_group_of_a_restricted_circular_is_read_only_by_its_people(member, other_member, kernel_world):
    restricted = WorkingGroup.objects.get(slug="ag-vertraulich")
    for_restricted = Circular.objects.filter(audience="groups", groups=restricted).get()
    assert member.has_perm("circulars.read_circular", for_restricted)
    assert not other_member.has_perm("circulars.read_circular", for_restricted)
