import pytest

from tests.factories import MeetingFactory, ResolutionFactory, make_delegate


@pytest.fixture
def meeting(db):
    return MeetingFactory()


@pytest.fixture
def ballot(meeting):
    """An online ballot of the members' meeting, open now."""
    return ResolutionFactory(meeting=meeting)


@pytest.fixture
def delegates(delegate):
    """The persona delegate (Stadt Essen) and three more member organisations with their delegates."""
    return [delegate, *(make_delegate() for _ in range(3))]
