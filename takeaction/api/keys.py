"""The one API-key check shared by v1 and OSDI: find the key, count it, note its use.

Both APIs call ``api_key_authenticate`` and turn its outcomes into their own error
shapes (v1's ``{"error": …}`` envelope, OSDI's ``osdi:error`` body). Because the
rate limit counts under one name per key, a client mixing v1 and OSDI requests
with the same key spends one allowance, not two.
"""

from django.conf import settings

from takeaction.accounts.api_keys import api_key_check, api_key_touch
from takeaction.accounts.models import ApiKey
from takeaction.core.http import NUL_MESSAGE, nul_in_request
from takeaction.core.ratelimit import rate_limited


class RateLimited(Exception):
    """Too many requests for one key in the current minute."""


class BadInput(Exception):
    """A request no view can answer (its message says why): both APIs answer 400."""


def api_key_authenticate(request, presented_key: str | None) -> ApiKey | None:
    """Return the active key for ``presented_key`` and attach it to ``request``, or None.

    Raise ``RateLimited`` once the key has made more than
    ``API_RATE_LIMIT_PER_MINUTE`` requests this minute, whichever API they went to, and
    ``BadInput`` for a path or query the database cannot take (a NUL character).
    """
    if nul_in_request(request):
        raise BadInput(NUL_MESSAGE)
    api_key = api_key_check(presented_key)
    if api_key is None:
        return None
    if rate_limited("api", api_key.prefix, limit=settings.API_RATE_LIMIT_PER_MINUTE):
        raise RateLimited
    api_key_touch(api_key=api_key)
    request.api_key = api_key
    request.organization = api_key.organization
    return api_key
