"""A person's access facts live in one ``Viewer`` (kernel.viewer): read once, primed for a batch in one call,
forgotten through one public call; no code outside the kernel reads or writes them (issue 30)."""

import ast
import re
from pathlib import Path

import pytest

from kernel import viewer
from members import bylaws
from tests.factories import MandateFactory, MembershipFactory, UserFactory, WorkingGroupFactory
from topics.policies.memberships import group_ids_of, led_group_ids_of

ROOT = Path(__file__).resolve().parent.parent
KERNEL = ROOT / "kernel" / "viewer.py"
SKIP = {".venv", "node_modules", ".git", "static", "media", "locale"}
# A person's cached facts by any name they had: the Viewer's slot, the former per-module caches and facts.
PRIVATE = re.compile(r"^_(defus_viewer|person_facts|\w+_cache|\w+_ids|roles)$")


def private_fact_access(source: str) -> list[str]:
    """Where ``source`` reaches into an object's own attributes: ``__dict__``, or a private attribute named like
    a person's cached facts (``person._group_ids``, ``getattr(person, "_roles")``, ``d.pop("_person_facts")``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and (node.attr == "__dict__" or PRIVATE.match(node.attr)):
            found.append(f"{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and PRIVATE.match(node.value):
            found.append(f"{node.lineno}: {node.value!r}")
    return found


def project_modules():
    folders = [f for f in ROOT.iterdir() if f.is_dir() and not f.is_symlink() and f.name not in SKIP]
    for path in sorted(ROOT.glob("*.py")) + sorted(p for folder in folders for p in folder.rglob("*.py")):
        if path not in {KERNEL, Path(__file__).resolve()}:
            yield path


def test_nothing_outside_the_kernel_reads_or_writes_a_persons_cached_facts():
    offences = [
        f"{path.relative_to(ROOT)}:{where}"
        for path in project_modules()
        for where in private_fact_access(path.read_text(encoding="utf-8"))
    ]
    assert offences == [], "use kernel.viewer (viewer, prime, forget) instead:\n" + "\n".join(offences)


@pytest.mark.parametrize(
    "source",
    [
        "person.__dict__.pop('_person_facts', None)",
        "delattr(user, '_group_ids_cache')",
        "user._led_group_ids = frozenset()",
        "vars(person).pop('_defus_viewer')",
    ],
)
def test_the_scan_finds_a_private_cache_popped_by_hand(source):
    assert private_fact_access(source)


def test_the_scan_passes_the_public_calls():
    assert private_fact_access("viewer.forget(person); viewer.prime(people, 'offices')") == []


@pytest.mark.django_db
def test_a_fact_is_read_once_and_read_again_after_forget(member, django_assert_num_queries):
    group = WorkingGroupFactory()
    with django_assert_num_queries(1):
        assert group_ids_of(member) == frozenset() and group_ids_of(member) == frozenset()
    MembershipFactory(group=group, person=member)
    assert group_ids_of(member) == frozenset()  # as read at the start of this request
    viewer.forget(member)
    assert group_ids_of(member) == {group.pk}


@pytest.mark.django_db
def test_a_batch_is_primed_in_one_query_per_fact_and_then_asks_nothing(django_assert_num_queries):
    group = WorkingGroupFactory()
    people = [UserFactory() for _ in range(4)]
    MembershipFactory(group=group, person=people[0])
    MandateFactory(role="working_group_lead", person=people[1], working_group=group)
    MandateFactory(role="secretariat", person=people[2])
    with django_assert_num_queries(2):
        viewer.prime(people, "offices", "group_ids")
    with django_assert_num_queries(0):
        assert [group_ids_of(person) for person in people] == [{group.pk}, set(), set(), set()]
        assert [led_group_ids_of(person) for person in people] == [set(), {group.pk}, set(), set()]
        assert [bylaws.is_board_or_secretariat(person) for person in people] == [False, False, True, False]


def test_an_unknown_fact_is_refused_by_name(db):
    with pytest.raises(LookupError, match="no fact 'shoe_size'"):
        viewer.viewer(UserFactory()).get("shoe_size")
