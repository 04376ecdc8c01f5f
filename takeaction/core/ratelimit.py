"""Fixed-window rate limits kept in the cache (shared across nodes with Redis)."""

import time

from django.core.cache import cache


def client_ip(request) -> str:
    """The address the request came from (REMOTE_ADDR; a proxy must set it right)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def rate_limited(scope: str, key: str, *, limit: int, window: int = 60) -> bool:
    """Count one hit for ``key``; return True once it exceeds ``limit`` in the window."""
    bucket = int(time.time() // window)
    name = f"rl:{scope}:{key}:{bucket}"
    if cache.add(name, 1, timeout=window + 1):
        return limit < 1
    try:
        return cache.incr(name) > limit
    except ValueError:  # expired between add and incr
        cache.add(name, 1, timeout=window + 1)
        return False


def count_failure(key: str, *, seconds: int) -> int:
    """Count one failure under ``key`` for ``seconds`` (from the first); return the count."""
    if cache.add(key, 1, timeout=seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)
        return 1
