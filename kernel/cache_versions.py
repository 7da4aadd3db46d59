"""Version tokens in the shared cache, for values cached until something they were computed from changes.

A cached value's key names the versions of what it was computed from (a person, a working group, an audience
such as "every upcoming event"); a write replaces the versions it touches with a new random token, so the next
read misses and computes afresh. Nothing is ever deleted by pattern, and a version that is evicted comes back as
a new token (never an old number counted up again), so an eviction can only cost a recomputation, never bring
back an old value.

Readers take the versions *before* they read the database; writers bump *after* their transaction commits
(``bump`` also bumps at once, for readers within the same transaction and in tests, whose transactions never
commit). A reader that computed from the old rows stored its value under the old versions, which nobody asks for
once the commit's bump has landed.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

# Versions outlive the values named after them by far; a lost version only means a recomputation.
VERSION_TIMEOUT = 60 * 60 * 24 * 30


def _key(kind: str, ident) -> str:
    return f"version:{kind}:{ident}"


def shared() -> bool:
    """Whether the cache answers from the store all processes share (not the per-process stand-in used while
    Redis is down, where one process's bump would not reach the others)."""
    available = getattr(cache, "is_available", None)
    return available() if available is not None else True


def _bump_now(keys: list[str]) -> None:
    try:
        cache.set_many({key: uuid.uuid4().hex for key in keys}, VERSION_TIMEOUT)
    except Exception:  # a cache fault must never fail the write that caused the bump
        logger.exception("Could not bump cache versions %s", keys)


def bump(*pairs: tuple[str, object]) -> None:
    """New versions for the given (kind, id) pairs: now, and again once the current transaction commits."""
    keys = [_key(kind, ident) for kind, ident in pairs if ident is not None]
    if not keys:
        return
    _bump_now(keys)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump_now(keys), robust=True)


def versions(*pairs: tuple[str, object]) -> list[str]:
    """The current version token of each (kind, id) pair, in order; a missing one is created."""
    keys = [_key(kind, ident) for kind, ident in pairs]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            token = uuid.uuid4().hex
            # Another process may create it at the same moment: then its token is the one that counts.
            found[key] = token if cache.add(key, token, VERSION_TIMEOUT) else (cache.get(key) or token)
    return [found[key] for key in keys]
