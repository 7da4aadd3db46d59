import pytest

from tests.factories import MembershipFactory, UserFactory, WorkingGroupFactory, make_document


@pytest.fixture
def group_world(db, member, other_member):
    """A working group of three (one reads English, one turned email off), a member of another group,
    and two documents: one for the group, one for the board."""
    group = WorkingGroupFactory(name="Wohnungseinbruch", slug="wohnungseinbruch")
    english = UserFactory(email="reader.en@example.org", language="en")
    quiet = UserFactory(email="quiet@example.org", digest="off")
    for person in (member, english, quiet):
        MembershipFactory(group=group, person=person)
    MembershipFactory(person=other_member)  # in another group only
    return {
        "group": group,
        "members": [member, english, quiet],
        "english": english,
        "quiet": quiet,
        "group_doc": make_document(label="group", groups=[group], title="Checkliste der AG"),
        "board_doc": make_document(label="board", title="Vorstandsvorlage Haushalt"),
    }
