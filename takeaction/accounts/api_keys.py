"""API keys: made once, shown once, stored as a hash, looked up by their prefix.

A key reads ``ta_<prefix>_<secret>``. The prefix finds the row; the SHA-256 of the
whole key is compared in constant time. The secret has 192 random bits, so a fast
hash is enough (a slow password hash protects guessable secrets, not these).
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from takeaction.accounts.models import ApiKey
from takeaction.accounts.services import change_record

# How stale ``last_used_at`` may get: it answers "is this key still in use?", which
# does not need a database write on every request.
TOUCH_INTERVAL = timedelta(minutes=1)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_key_create(*, organization, name: str, user) -> tuple[ApiKey, str]:
    """Create a key; return the row and the key itself, which is never shown again."""
    prefix = secrets.token_hex(4)
    key = f"ta_{prefix}_{secrets.token_urlsafe(24)}"
    row = ApiKey.objects.create(
        organization=organization, name=name, prefix=prefix, key_hash=_hash(key), created_by=user
    )
    change_record(organization=organization, user=user, action="api_key.create", summary=name)
    return row, key


def api_key_revoke(*, api_key: ApiKey, user) -> None:
    api_key.revoked_at = timezone.now()
    api_key.save(update_fields=["revoked_at"])
    change_record(
        organization=api_key.organization, user=user,
        action="api_key.revoke", summary=api_key.name,
    )  # fmt: skip


def api_key_check(key: str | None) -> ApiKey | None:
    """Return the active key row for a presented key, or None."""
    parts = (key or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != "ta":
        return None
    row = ApiKey.objects.active().select_related("organization").filter(prefix=parts[1]).first()
    if row is None or not hmac.compare_digest(row.key_hash, _hash(key.strip())):
        return None
    return row


def api_key_touch(*, api_key: ApiKey, now=None) -> None:
    """Record that ``api_key`` was just used, at most once per ``TOUCH_INTERVAL``."""
    now = now or timezone.now()
    if api_key.last_used_at is not None and now - api_key.last_used_at <= TOUCH_INTERVAL:
        return
    # The condition is repeated in the UPDATE so that concurrent requests write once.
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - TOUCH_INTERVAL)
    ApiKey.objects.filter(stale, pk=api_key.pk).update(last_used_at=now)
    api_key.last_used_at = now
