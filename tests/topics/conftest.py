import pytest

from members.models import Role
from tests.factories import MandateFactory, MembershipFactory, UserFactory, WorkingGroupFactory


@pytest.fixture
def group(member):
    """A working group the `member` persona belongs to."""
    group = WorkingGroupFactory(name="Straßenkriminalität", slug="strassenkriminalitaet")
    MembershipFactory(group=group, person=member)
    return group


@pytest.fixture
def lead(group, organisation):
    person = UserFactory(email="lead@example.org", organisation=organisation)
    MandateFactory(role=Role.WORKING_GROUP_LEAD, person=person, working_group=group)
    MembershipFactory(group=group, person=person)
    return person
