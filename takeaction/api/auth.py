"""The v1 API's key headers; the check itself is ``takeaction.api.keys``, shared with OSDI."""

from ninja.security import APIKeyHeader

from takeaction.api.keys import api_key_authenticate


class BearerKey(APIKeyHeader):
    """``Authorization: Bearer ta_…``."""

    param_name = "Authorization"

    def authenticate(self, request, key):
        return api_key_authenticate(request, (key or "").removeprefix("Bearer ").strip())


class OsdiToken(APIKeyHeader):
    """``OSDI-API-Token: ta_…`` (the header Action Network clients send)."""

    param_name = "OSDI-API-Token"

    def authenticate(self, request, key):
        return api_key_authenticate(request, key)


AUTH = [BearerKey(), OsdiToken()]
