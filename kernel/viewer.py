"""What the access rules know about one person: a ``Viewer``, computed once per person object.

Every fact a rule asks about a person (the offices held on a day, the working groups, the groups led, the
organisations whose vote they cast, the events they are invited to) is read once per request (one person) or
once per batch (the digest, circulars: ``prime`` reads it for everyone in one query), and ``forget`` drops them
all after an office, a membership or an invitation changed within the same request or test.

Apps own their facts: each registers its facts once (in its policies module) with ``register_fact``; the kernel
knows no app. A fact takes at most one argument (the day, for offices); its key is ``(name, argument)``::

    register_fact("group_ids", compute=lambda person, _arg: ..., bulk=lambda people, _arg, **context: {pk: ...})
    viewer(person).get("group_ids")             # computed the first time, then kept
    prime(people, "offices", "group_ids")      # one query per fact for the whole batch
    forget(person)                              # the next question reads them again

Only this module reads or writes the cached facts (``tests/test_viewer.py`` holds the rest of the code to it).
"""

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

# The one attribute a person object carries for the access rules; nothing outside this module names it.
_SLOT = "_defus_viewer"


@dataclass(frozen=True)
class Fact:
    name: str
    compute: Callable[[Any, Hashable], Any]  # (person, argument) -> value, for one person
    bulk: Callable[..., dict[int, Any]] | None  # (people, argument, **context) -> {person pk: value}
    default: Callable[[Hashable], Hashable] | None  # the argument when none is given (today, for offices)


_FACTS: dict[str, Fact] = {}


def register_fact(name: str, *, compute, bulk=None, default=None) -> None:
    """Declare the fact ``name``: ``compute(person, argument)`` for one person, ``bulk(people, argument,
    **context)`` for many (optional), ``default()`` the argument when the caller gives none (optional)."""
    registered = _FACTS.get(name)
    if registered is not None and registered.compute.__qualname__ != compute.__qualname__:
        raise ValueError(f"the fact {name!r} is registered twice")
    _FACTS[name] = Fact(name, compute, bulk, default)


def _fact(name: str) -> Fact:
    try:
        return _FACTS[name]
    except KeyError:
        raise LookupError(f"no fact {name!r} is registered (known: {', '.join(sorted(_FACTS))})") from None


class Viewer:
    """The facts about one person, each computed the first time a rule asks for it."""

    def __init__(self, person):
        self.person = person
        self._known: dict[tuple[str, Hashable], Any] = {}

    def _key(self, name: str, argument: Hashable) -> tuple[str, Hashable]:
        fact = _fact(name)
        if argument is None and fact.default is not None:
            argument = fact.default()
        return name, argument

    def get(self, name: str, argument: Hashable = None) -> Any:
        key = self._key(name, argument)
        if key not in self._known:
            self._known[key] = _FACTS[name].compute(self.person, key[1])
        return self._known[key]

    def knows(self, name: str, argument: Hashable = None) -> bool:
        return self._key(name, argument) in self._known

    def _set(self, name: str, argument: Hashable, value: Any) -> None:
        self._known[self._key(name, argument)] = value


def viewer(person) -> Viewer:
    """The ``Viewer`` of ``person`` (kept on the person object: one per request, one per batch)."""
    found = person.__dict__.get(_SLOT)
    if found is None:
        found = person.__dict__[_SLOT] = Viewer(person)
    return found


def prime(people, *names: str, argument: Hashable = None, **context) -> None:
    """Read the facts ``names`` for all ``people`` at once (one query per fact), so no rule asks again.

    ``argument`` is the argument of the facts that take one (the day, for offices; others ignore it);
    ``context`` goes to each fact's bulk reader (e.g. the events whose invitations matter)."""
    people = list(people)
    for name in names:
        fact = _fact(name)
        if fact.bulk is None:
            raise LookupError(f"the fact {name!r} has no bulk reader")
        on = None if fact.default is None else argument if argument is not None else fact.default()
        values = fact.bulk(people, on, **context)
        for person in people:
            viewer(person)._set(name, on, values[person.pk])


def forget(person) -> None:
    """Drop every fact known about ``person``: the next question reads them again."""
    person.__dict__.pop(_SLOT, None)
