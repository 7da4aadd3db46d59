"""What the access rules know about one person, computed once per person object (one request, one batch).

Every fact (offices on a day, groups, led groups, organisations delegated, events invited to) is kept in one
place on the person object, so ``forget`` drops them all: after an office, a membership or an invitation
changed within the same request or test. Apps own their facts and their keys; this module knows no app.
"""

from collections.abc import Callable, Hashable
from typing import Any

_ATTR = "_person_facts"


def fact(person, key: Hashable, compute: Callable[[], Any]) -> Any:
    """The fact ``key`` about ``person``: computed by ``compute`` the first time it is asked for."""
    facts = person.__dict__.setdefault(_ATTR, {})
    if key not in facts:
        facts[key] = compute()
    return facts[key]


def prime(person, key: Hashable, value: Any) -> None:
    """Set a fact computed in bulk for many people (the digest, circulars), so nobody asks for it again."""
    person.__dict__.setdefault(_ATTR, {})[key] = value


def forget(person) -> None:
    """Drop every fact known about ``person``: the next question reads them again."""
    person.__dict__.pop(_ATTR, None)
