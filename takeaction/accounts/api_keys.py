"""API keys: made once, shown once, stored as a hash, looked up by their prefix.

A key reads ``ta_<prefix>_<secret>``. The prefix finds the row; the SHA-256 of the
whole key is compared in constant time. The secret has 192 random bits, so a fast
hash is enough (a slow password hash protects guessable secrets, not these).
"""

import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils import timezone

from takeaction.accounts.models import ApiKey
from takeaction.accounts.services import change_record


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
