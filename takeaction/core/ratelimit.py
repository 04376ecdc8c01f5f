"""Fixed-window rate limits kept in the cache (shared across nodes with Redis)."""

import time

from django.core.cache import cache


def client_ip(request) -> str:
    """The address the request came from (REMOTE_ADDR; a proxy must set it right)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def rate_limited(scope: str, key: str, *, limit: int, window: int = 60) -> bool:
    """Count one hit for ``key``; return True once it exceeds ``limit`` in the window."""
    bucket = int(time.time() // window)
    return _hit(f"rl:{scope}:{key}:{bucket}", timeout=window + 1) > limit


def count_failure(key: str, *, seconds: int) -> int:
    """Count one failure under ``key`` for ``seconds`` (from the first); return the count."""
    return _hit(key, timeout=seconds)


def _hit(name: str, *, timeout: int) -> int:
    """Add one to the counter ``name`` (made with ``timeout`` if new); return its count.

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
