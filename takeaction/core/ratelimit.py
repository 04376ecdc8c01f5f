"""Rate limits that hold across every worker and node, over a sliding window.

Each limit counts hits per key in fixed windows and judges a hit by the sliding
estimate ``previous window * the share of it still inside the last minute + this
window``: a burst across a window boundary cannot pass twice the limit, as it
could with a fixed window alone (60 acts in 2 s across a minute boundary, for a
limit of 30).

Where the counts live (``RATE_LIMIT_STORE``):

* ``cache`` (the default with ``REDIS_URL``): the shared cache. While Redis is
  away the cache falls back to each process's memory (``core.cache``): a local
  limit rather than none.
* ``database`` (the default otherwise): one row per key and window in
  ``core_ratecount``, incremented by an atomic upsert. Every worker of the
  embedded default shares the SQLite file, so the limit is one limit, where each
  process's memory cache had let through a limit per worker. If the database
  cannot be written, the process's memory counts instead.

The client's address is ``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT`` proxies
the address the farthest trusted proxy saw (``client_ip``).
"""

import ipaddress
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection

from takeaction.core.models import RateCount

# One statement a hit (SQLite 3.35+ and PostgreSQL), atomic across processes: the upsert
# of this window's row, returning its count and the previous window's.
_UPSERT = (
    "INSERT INTO {table} AS t (name, count, expires) VALUES (%s, 1, %s) "
    "ON CONFLICT (name) DO UPDATE SET count = t.count + 1, expires = excluded.expires "
    "RETURNING count, (SELECT p.count FROM {table} AS p WHERE p.name = %s AND p.expires > %s)"
)
_SWEEP_SECONDS = 300  # how often each process deletes the rows of windows long gone


def client_ip(request) -> str:
    """The client's address: ``REMOTE_ADDR``, or the one trusted proxies forwarded.

    Each proxy appends the address it got the request from to ``X-Forwarded-For``,
    so with N trusted proxies in front the client is the N-th entry from the
    right; anything left of it was written by the client and proves nothing. A
    header with fewer entries, or an entry that is not an address, falls back to
    ``REMOTE_ADDR``.
    """
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if len(forwarded) < trusted:
        return remote
    candidate = forwarded[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def client_key(request) -> str:
    """What a per-client limit counts by: the IPv4 address, or the IPv6 /64 it lies in.

    One household or phone is usually given a whole IPv6 /64: counting each of its
    addresses apart would give one client 2**64 limits.
    """
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))


def rate_limited(scope: str, key: str, *, limit: int, window: int = 60) -> bool:
    """Count one hit for ``key``; True once the hits in the last ``window`` s exceed ``limit``."""
    now = time.time()
    bucket, into = divmod(now, window)
    name = f"rl:{scope}:{key}:"
    current, previous = _store().hit(
        name + str(int(bucket)), name + str(int(bucket) - 1), expires=now + 2 * window + 1
    )
    return previous * (1 - into / window) + current > limit


def count_failure(key: str, *, seconds: int) -> int:
    """Count one failure under ``key`` for ``seconds`` (from the first); return the count."""
    return _cache_hit(key, timeout=seconds)


def _cache_hit(name: str, *, timeout: int) -> int:
    """Add one to the cache counter ``name`` (made with ``timeout`` if new); return its count.

    Incrementing first: a counter is there for every hit but its window's first, and
    with Redis that is one round trip a hit, where adding first took two.
    """
    try:
        return cache.incr(name)
    except ValueError:  # the window's first hit (or its counter just expired)
        pass
    if cache.add(name, 1, timeout=timeout):
        return 1
    try:  # another request made it meanwhile
        return cache.incr(name)
    except ValueError:  # and it expired already
        cache.add(name, 1, timeout=timeout)
        return 1


class _CacheStore:
    def hit(self, current: str, previous: str, *, expires: float) -> tuple[int, int]:
        count = _cache_hit(current, timeout=int(expires - time.time()) + 1)
        return count, cache.get(previous) or 0


class _LocalStore:
    """This process's own counts: the fallback when the shared store fails."""

    def __init__(self):
        self._counts: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def hit(self, current: str, previous: str, *, expires: float) -> tuple[int, int]:
        now = time.time()
        with self._lock:
            if len(self._counts) > 10_000:
                self._counts = {k: v for k, v in self._counts.items() if v[1] > now}
            count = self._counts.get(current, (0, 0.0))[0] + 1
            self._counts[current] = (count, expires)
            before = self._counts.get(previous, (0, 0.0))
            return count, before[0] if before[1] > now else 0

    def clear(self) -> None:
        with self._lock:
            self._counts.clear()


class _DatabaseStore:
    def __init__(self, fallback: _LocalStore):
        self._fallback = fallback
        self.next_sweep = 0.0

    def hit(self, current: str, previous: str, *, expires: float) -> tuple[int, int]:
        table = connection.ops.quote_name(RateCount._meta.db_table)
        now = time.time()
        try:
            with connection.cursor() as cursor:
                cursor.execute(_UPSERT.format(table=table), [current, expires, previous, now])
                count, before = cursor.fetchone()
                if now >= self.next_sweep:
                    self.next_sweep = now + _SWEEP_SECONDS
                    cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [now])  # noqa: S608
        except DatabaseError:
            # The caller's own work will meet the same error and answer it; until then
            # this process counts for itself.
            return self._fallback.hit(current, previous, expires=expires)
        return count, before or 0


_local = _LocalStore()
_STORES = {"cache": _CacheStore(), "database": _DatabaseStore(_local), "local": _local}


def _store():
    return _STORES[settings.RATE_LIMIT_STORE]


def rate_limits_reset() -> None:
    """Forget this process's fallback counts and put off its next sweep (tests)."""
    _local.clear()
    _STORES["database"].next_sweep = time.time() + _SWEEP_SECONDS
