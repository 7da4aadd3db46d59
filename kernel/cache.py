"""A Redis cache that keeps the portal working while Redis is down.

Django's RedisCache raises when Redis cannot be reached, and the cache sits under
login (allauth's rate limits, TOTP codes already used): an outage of the cache
would become an outage of the portal. This backend answers from a per-process
memory cache instead, so rate limits and one-time codes still hold within each
process, and goes back to Redis a few seconds later.
"""

import logging
import time

import redis.exceptions
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

UNAVAILABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
# After a failure, use the memory cache this long before asking Redis again.
RETRY_AFTER_SECONDS = 5.0

_down_until: dict[str, float] = {}


def _resilient(name):
    def method(self, *args, **kwargs):
        if time.monotonic() >= _down_until.get(self._server_key, 0.0):
            try:
                return getattr(super(ResilientRedisCache, self), name)(*args, **kwargs)
            except UNAVAILABLE as exc:
                _down_until[self._server_key] = time.monotonic() + RETRY_AFTER_SECONDS
                logger.warning("Redis cache unavailable, using the in-process cache: %s", exc)
        return getattr(self._fallback, name)(*args, **kwargs)

    method.__name__ = name
    return method


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._server_key = server if isinstance(server, str) else ",".join(server)
        fallback_params = {key: value for key, value in params.items() if key in {"TIMEOUT", "KEY_PREFIX", "VERSION"}}
        # LocMemCache instances with the same name share their data: one fallback per process.
        self._fallback = LocMemCache(f"redis-fallback:{self._server_key}", fallback_params)

    def is_available(self) -> bool:
        """False while this process answers from its own memory cache because Redis was unreachable."""
        return time.monotonic() >= _down_until.get(self._server_key, 0.0)

    add = _resilient("add")
    get = _resilient("get")
    set = _resilient("set")
    touch = _resilient("touch")
    delete = _resilient("delete")
    get_many = _resilient("get_many")
    has_key = _resilient("has_key")
    incr = _resilient("incr")
    set_many = _resilient("set_many")
    delete_many = _resilient("delete_many")
    clear = _resilient("clear")
