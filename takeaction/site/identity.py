"""Who is acting: the anonymous supporter cookie and the first-touch attribution cookie.

Landing on a campaign with ``?src=`` or ``?r=`` writes nothing to the database:
the codes go into a signed cookie scoped to that campaign's pages, and are
resolved into an ``Attribution`` row on the supporter's first action there.
"""

import re

from django.core import signing
from django.middleware.csrf import get_token

SUPPORTER_COOKIE = "ta_sid"
KNOWN_COOKIE = "ta_known"
SUPPORTER_SALT = "takeaction.supporter"
ATTRIBUTION_SALT = "takeaction.attribution"
ONE_YEAR = 365 * 24 * 3600
ATTRIBUTION_MAX_AGE = 90 * 24 * 3600

CODE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def clean_code(value, max_length: int = 40) -> str:
    """Return ``value`` if it looks like a source or referral code, else "" (tampered)."""
    text = str(value or "").strip()
    return text if len(text) <= max_length and CODE.match(text) else ""


def attribution_cookie_name(slug: str) -> str:
    return f"ta_attr_{slug}"


def read_attribution(request, slug: str) -> dict:
    """Return {"src": ..., "r": ...} from the campaign's signed cookie, or {}."""
    raw = request.COOKIES.get(attribution_cookie_name(slug))
    if not raw:
        return {}
    try:
        data = signing.loads(raw, salt=ATTRIBUTION_SALT, max_age=ATTRIBUTION_MAX_AGE)
    except signing.BadSignature:
        return {}
    if not isinstance(data, dict):
        return {}
    return {"src": clean_code(data.get("src")), "r": clean_code(data.get("r"), 16)}


def remember_first_touch(request, response, slug: str) -> None:
    """Keep ``?src=`` and ``?r=`` from the first visit (first touch wins)."""
    if read_attribution(request, slug):
        return
    src = clean_code(request.GET.get("src"))
    referrer = clean_code(request.GET.get("r"), 16)
    if not (src or referrer):
        return
    response.set_cookie(
        attribution_cookie_name(slug),
        signing.dumps({"src": src, "r": referrer}, salt=ATTRIBUTION_SALT),
        max_age=ATTRIBUTION_MAX_AGE,
        # Every page: the cookie is named for the campaign, and its pages are also at
        # /es/c/<slug>/… (core/language_paths.py): a fan may switch versions before acting.
        path="/",
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def first_touch_answer(request, response, slug: str) -> None:
    """Give a landing its first-touch cookie; an answer that sets one is for this fan only.

    Used by the campaign page's view and by the fast WSGI layer for ``?src=`` and
    ``?r=`` landings, so both answer alike. A first touch also gets the CSRF cookie
    if the fan has none (``get_token``; CsrfViewMiddleware, or the fast layer with
    its code, sets it): the page script sends it with the call forms of the stored
    lookup answer, so a fan from the story link needs no ``me.json`` to act.
    """
    remember_first_touch(request, response, slug)
    if response.cookies:
        # A shared cache must never hand this answer, and its Set-Cookie, to someone else.
        response["Cache-Control"] = "private, no-cache"
        get_token(request)


def read_supporter_id(request) -> str | None:
    raw = request.COOKIES.get(SUPPORTER_COOKIE)
    if not raw:
        return None
    try:
        value = signing.loads(raw, salt=SUPPORTER_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, str) else None


def set_supporter_cookie(request, response, public_id) -> None:
    """Give the fan their signed supporter cookie, and the marker the page script reads."""
    for name, value, httponly in (
        (SUPPORTER_COOKIE, signing.dumps(str(public_id), salt=SUPPORTER_SALT), True),
        # Says only "this browser has acted here": the script asks me.json for the fan's
        # progress and call log only then, so a first-time fan costs the site no request.
        (KNOWN_COOKIE, "1", False),
    ):
        response.set_cookie(
            name,
            value,
            max_age=ONE_YEAR,
            secure=request.is_secure(),
            httponly=httponly,
            samesite="Lax",
        )
