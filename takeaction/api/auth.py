"""API key authentication and per-key rate limits for the v1 API."""

from django.conf import settings
from django.utils import timezone
from ninja.security import APIKeyHeader

from takeaction.accounts.api_keys import api_key_check
from takeaction.core.ratelimit import rate_limited


class RateLimited(Exception):
    """Too many requests for one key in the current minute."""


def _check(request, key: str | None):
    row = api_key_check(key)
    if row is None:
        return None
    if rate_limited("api", row.prefix, limit=settings.API_RATE_LIMIT_PER_MINUTE):
        raise RateLimited
    # Written at most once a minute per key, not on every request.
    now = timezone.now()
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
        type(row).objects.filter(pk=row.pk).update(last_used_at=now)
    request.api_key = row
    return row


class BearerKey(APIKeyHeader):
    """``Authorization: Bearer ta_…``."""

    param_name = "Authorization"

    def authenticate(self, request, key):
        return _check(request, (key or "").removeprefix("Bearer ").strip())


class OsdiToken(APIKeyHeader):
    """``OSDI-API-Token: ta_…`` (the header Action Network clients send)."""

    param_name = "OSDI-API-Token"

    def authenticate(self, request, key):
        return _check(request, key)


AUTH = [BearerKey(), OsdiToken()]
