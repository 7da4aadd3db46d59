import datetime

import pytest

from tests.factories import MembershipFactory, UserFactory, WorkingGroupFactory, make_document


@pytest.fixture
def group_world(db, member, other_member):
    """A working group of four (one reads English, one turned the weekly digest off, one chose official post in
    the portal only), a member of another group, and two documents: one for the group, one for the board."""
    group = WorkingGroupFactory(name="Wohnungseinbruch", slug="wohnungseinbruch")
    english = UserFactory(email="reader.en@example.org", language="en")
    quiet = UserFactory(email="quiet@example.org", digest="off")
    portal_only = UserFactory(
        email="portal.only@example.org",
        official_post_portal_only_since=datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC),
    )
    for person in (member, english, quiet, portal_only):
        MembershipFactory(group=group, person=person)
    MembershipFactory(person=other_member)  # in another group only
    return {
        "group": group,
        "members": [member, english, quiet, portal_only],
        "english": english,
        "quiet": quiet,
        "portal_only": portal_only,
        "group_doc": make_document(label="group", groups=[group], title="Checkliste der AG"),
        "board_doc": make_document(label="board", title="Vorstandsvorlage Haushalt"),
    }
