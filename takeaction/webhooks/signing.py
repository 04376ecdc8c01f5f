"""Signatures a receiver checks to know a delivery came from us, untouched and recent.

``X-TakeAction-Signature: t=<unix seconds>,v1=<hex>``: the HMAC-SHA256, keyed with
the endpoint's whole secret (``whsec_…``, UTF-8), of ``f"{t}.{body}"``. The time is
inside the signed text so a captured delivery cannot be replayed later: receivers
reject a ``t`` older than a few minutes. During a secret rotation there is one
``v1=`` per valid secret. docs/api.md ("Webhooks") has the receiver's side.
"""

import hashlib
import hmac
import secrets

SIGNATURE_HEADER = "X-TakeAction-Signature"
EVENT_HEADER = "X-TakeAction-Event"
DELIVERY_HEADER = "X-TakeAction-Delivery"
ATTEMPT_HEADER = "X-TakeAction-Attempt"


def secret_new() -> str:
    # 256 random bits; the prefix tells people (and secret scanners) what it is.
    return f"whsec_{secrets.token_urlsafe(32)}"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    signed = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def signature_header(secrets_: list[str], timestamp: int, body: bytes) -> str:
    return ",".join([f"t={timestamp}", *(f"v1={signature(s, timestamp, body)}" for s in secrets_)])
