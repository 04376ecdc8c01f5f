"""A Redis cache that fails soft: a Redis that is down or hung never becomes a 500 or a hang.

Django's ``RedisCache`` raises whatever redis-py raises, and redis-py waits as long
as its socket lets it and retries by default, so a stopped Redis turned pages into
500s and a frozen one (SIGSTOP) into requests that never ended. This backend:

* gives redis-py short socket timeouts and no retries (``CACHE_SOCKET_TIMEOUT``);
* on any Redis error, serves the same call from a per-process memory cache and keeps
  doing so for ``CACHE_RETRY_SECONDS`` (a circuit breaker: while it is open no call
  waits on Redis at all), then tries Redis again — recovery needs no restart.

What that means for each user of the cache while Redis is away: cached pages and
rows are cached per process; live counts are rebuilt from the rows into the local
cache (``actions.counters``), so they stay right; rate limits count per process, a
local limit rather than none. Keys deleted while Redis was away (an edit dropping a
cached page) may still be in Redis when it is back: every such key has a short
timeout (``CAMPAIGN_PAGE_CACHE_SECONDS``), which bounds how long it can be stale, and
shared counters heal at their next resync (``ACTION_COUNTS_RESYNC_SECONDS``).
"""

import functools
import logging
import time

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# The operations callers use; each falls back to the local cache with the same arguments.
_OPERATIONS = (
    "get", "set", "add", "delete", "touch", "incr", "decr", "get_many", "set_many",
    "delete_many", "has_key", "get_or_set", "clear",
)  # fmt: skip


def _fails_soft(name: str):
    def operation(self, *args, **kwargs):
        if time.monotonic() >= self._redis_down_until:
            try:
                return getattr(super(ResilientRedisCache, self), name)(*args, **kwargs)
            except RedisError as error:
                self._redis_failed(error)
        return getattr(self._local, name)(*args, **kwargs)

    operation.__name__ = name
    return operation


class ResilientRedisCache(RedisCache):
    """``RedisCache`` with short timeouts, falling back to a local cache while Redis is away."""

    def __init__(self, server, params):
        params = dict(params)
        timeout = float(params.pop("SOCKET_TIMEOUT", settings.CACHE_SOCKET_TIMEOUT))
        options = {
            "socket_connect_timeout": timeout,
            "socket_timeout": timeout,
            "retry_on_timeout": False,
            "retry_on_error": [],
            **params.get("OPTIONS", {}),
        }
        # redis-py's default Retry would try again (with backoff) on every failure.
        options.setdefault("retry", _no_retry())
        params["OPTIONS"] = options
        self._retry_seconds = float(params.pop("RETRY_SECONDS", settings.CACHE_RETRY_SECONDS))
        super().__init__(server, params)
        self._class = _ReusedClientCache
        self._local = LocMemCache(f"fallback-{id(self)}", {**params, "OPTIONS": {}})
        self._redis_down_until = 0.0

    def _redis_failed(self, error: Exception) -> None:
        if time.monotonic() >= self._redis_down_until:
            logger.warning(
                "Redis cache unavailable (%s); using this process's memory for %.0f s",
                error, self._retry_seconds,
            )  # fmt: skip
        self._redis_down_until = time.monotonic() + self._retry_seconds

    @property
    def redis_available(self) -> bool:
        """Whether calls go to Redis now (False while the breaker is open)."""
        return time.monotonic() >= self._redis_down_until


# INCRBY only if the key is there; nil (None) if not.
_INCR_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('INCRBY', KEYS[1], ARGV[1])
end
return false
"""


class _ReusedClientCache(RedisCacheClient):
    """Django's client, keeping one ``redis.Redis`` per connection pool.

    Django builds a new ``redis.Redis`` for every call; with redis-py 8 that cost
    about 300 µs, several times the round trip to a local Redis, on each cache call
    (a short-link tap made three). A ``redis.Redis`` over a pool is thread-safe and
    checks the process id of its connections, so one per pool is enough.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._scripts = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients.setdefault(pool, self._client(connection_pool=pool))
        return client

    def incr(self, key, delta):
        """Django's ``incr`` (a missing key is a ValueError) in one round trip, not two.

        Django asks ``EXISTS``, then ``INCRBY``; every rate limit and live counter paid
        both. A script does the same on the server, in one step (atomic, too).
        """
        client = self.get_client(key, write=True)
        script = self._scripts.get(client)
        if script is None:
            script = self._scripts.setdefault(client, client.register_script(_INCR_EXISTING))
        value = script(keys=[key], args=[delta])
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


for _name in _OPERATIONS:
    setattr(ResilientRedisCache, _name, _fails_soft(_name))


@functools.cache
def _no_retry():
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return Retry(NoBackoff(), 0)
