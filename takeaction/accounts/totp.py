"""Time-based one-time passwords (RFC 6238, the codes authenticator apps show), on pyotp.

The parameters are the ones every saved secret was set up with: base32 secrets,
SHA-1, 30-second steps and 6 digits. Changing one would break the codes that
organizers' apps already show.
"""

import pyotp

STEP = 30
DIGITS = 6
# Also accept the step before and the step after the current one: clocks drift.
DRIFT_STEPS = 1


def _totp(secret: str) -> pyotp.TOTP:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP)


def new_secret() -> str:
    """Return a random 160-bit secret, base32 as authenticator apps expect."""
    return pyotp.random_base32()


def verify(secret: str, code: str, *, now: float | None = None) -> bool:
    """Tell whether ``code`` is the current code or a neighbour's (compared in constant time).

    Spaces and other separators people type between the digits are ignored.
    """
    code = "".join(ch for ch in str(code) if ch.isdigit())
    if len(code) != DIGITS:
        return False
    return _totp(secret).verify(code, for_time=now, valid_window=DRIFT_STEPS)


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """Return the ``otpauth://`` URI an authenticator app scans (as a QR code)."""
    return _totp(secret).provisioning_uri(name=account, issuer_name=issuer)
