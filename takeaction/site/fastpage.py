"""Answer cached public pages before Django's request stack.

A cached campaign page still cost ~235 µs of CPU per request inside Django
(middleware, URL resolving, signals), about a tenth of what a bare WSGI callable
serves on this machine class (bench/campaign_page.py). Pages that hold nothing
per visitor are therefore stored whole, with the headers every middleware added,
and the WSGI layer answers later GET and HEAD requests for the same page from
that copy without entering Django at all.

A view opts in by setting ``response.fast_page = True`` on a URL named in
``FAST_PAGES``; ``FastPageMiddleware`` (outermost) stores such responses;
``page_forget(path)`` drops them after an edit. The layer takes the shapes of
those URLs from the urlconf (``fast_routes``).

A response that may be a second old everywhere (``counts.json``, which every open
page polls) also sets ``fast_page_local_seconds``: each process then keeps its own
copy that long, so a warm node answers such polls without a cache round trip.

Django's answer to the same path still depends on the request, and the layer
answers only where it would be the stored one:

* Django refuses a host outside ``ALLOWED_HOSTS`` (400) and, with
  ``SECURE_SSL_REDIRECT``, redirects plain http (301): the layer asks Django's
  own ``request.get_host()`` and ``SecurityMiddleware.process_request`` first,
  and leaves the request to Django if either objects.
* ``LocaleMiddleware`` writes the request's language into ``Content-Language``
  and ``SecurityMiddleware`` adds HSTS to https answers only: a copy is stored
  per scheme and per the language Django picks for the request (from
  ``Accept-Language`` and the language cookie). A response that ``Vary``-s on
  any other request header (``Cookie``, ``Accept-Encoding``...) is not stored.
  Keying copies by the raw values of the ``Vary`` headers instead would keep one
  copy per browser's ``Accept-Language`` string and still be wrong for the
  language cookie, which ``LocaleMiddleware`` reads but does not name in
  ``Vary``; a handful of (scheme, language) copies is all a page ever needs.
* Django may answer with a ``Set-Cookie`` to a request with a session cookie
  or a malformed CSRF cookie: those go to Django.
* A landing from a post or a friend's link (``?src=``, ``?r=``, nothing else in the
  query) is the stored page plus the first-touch cookie, made by the same
  ``identity.first_touch_answer`` the view calls, so the crowd a star's story link
  sends is answered here too.
* The officials lookup the page script asks for (``…/officials/?zip=…&fragment=1``,
  or ``state=…&district=…``) holds nothing per fan, so its answer is stored per
  query: the key holds the query's pairs in sorted order (``lookup_query``), a ZIP
  that lies in one district standing for that district, and the same function
  decides what the middleware stores and what the layer serves.
  Any other query string goes to Django.

These questions are asked with Django's own code, on a ``WSGIRequest`` built for
the purpose, which costs about 16 µs of CPU; a flash crowd's requests carry no
cookies yet, and for those the answer depends only on a few environ values (host,
scheme, proxy headers, path, ``Accept-Language``), so the route match and these
answers are remembered per those values (a bounded memo, emptied when a setting
changes): a repeat costs a tuple and a dict look-up, 5.8 µs in all as before these
checks. Requests with cookies are asked afresh each time.

Settings under which Django's answer depends on more (``PREPEND_WWW``,
``DISALLOWED_USER_AGENTS``, language prefixes in URLs, ``CSRF_USE_SESSIONS``),
or Django and django-csp versions the layers were not checked against
(``site.checks``), switch the layer off at start-up.
"""

import io
import secrets
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import setting_changed
from django.http import HttpResponse
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_SECRET_LENGTH,
    CsrfViewMiddleware,
)
from django.middleware.security import SecurityMiddleware
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language_from_request

from takeaction.campaigns.visits import source_visit_count, source_visits_flush_due
from takeaction.officials.lookup import OK, lookup_zip
from takeaction.officials.snapshot import current_snapshot
from takeaction.site.checks import fast_layers_checked
from takeaction.site.fast_routes import route
from takeaction.site.identity import first_touch_answer

# The URLs whose views may mark a response fast_page.
FAST_PAGES = ("site:detail", "site:counts", "site:short-link", "site:officials")
# The page a post's or a friend's link lands on, and the query it may carry.
LANDING_PAGE = "site:detail"
LANDING_PARAMETERS = frozenset({"src", "r"})
# The lookup fragment, stored per query: a ZIP or a district, for a call or a letter.
LOOKUP_PAGE = "site:officials"
LOOKUP_PARAMETERS = frozenset({"fragment", "zip", "state", "district", "for"})
# The request headers a stored copy may vary on: the key holds the language Django picks.
HONOURED_VARY = frozenset({"accept-language"})
SCHEMES = ("http", "https")

# The path last: a lookup's key is its page's key followed by its query.
_KEY = "fast-page:v3:{scheme}:{language}:{path}"
# A page, or the same redirect for everyone (a short link).
_STORABLE_STATUSES = (200, 302)
# What Django's host, HTTPS and language answers read from a request without cookies.
_DECIDING_ENVIRON = (
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "wsgi.url_scheme",
    "SCRIPT_NAME",
    "PATH_INFO",
    "HTTP_ACCEPT_LANGUAGE",
)
# Enough for every host, scheme and language a real crowd sends; junk only evicts.
_MEMO_SIZE = 4096
# Process-local copies (fast_page_local_seconds) kept at most, for as many paths.
_LOCAL_SIZE = 4096
_now = time.monotonic


def _key(path: str, scheme: str, language: str) -> str:
    return _KEY.format(scheme=scheme, language=language, path=path)


def _page_key(request) -> str:
    """The key of the copy of this request's page, whatever its query."""
    return _key(request.path, request.scheme, get_language_from_request(request))


def _request_key(request) -> str:
    """The key of the copy for this request; the same function stores and serves."""
    query = lookup_query(request.META.get("QUERY_STRING", ""))
    # A lookup's copy is its page's key and its query; a landing's is the page's.
    return f"{_page_key(request)}?{query}" if query else _page_key(request)


def _unique_pairs(query: str) -> list[tuple[str, str]] | None:
    """The query's (name, value) pairs, or None if a name comes twice (or none comes)."""
    pairs = parse_qsl(query, keep_blank_values=True)
    names = [name for name, _value in pairs]
    if not names or len(set(names)) != len(names):
        return None
    return pairs


def lookup_query(query: str) -> str | None:
    """The stored form of a lookup fragment's query, or None if it has no stored copy.

    Its pairs in sorted order, so one copy answers ``?zip=…&fragment=1`` and
    ``?fragment=1&zip=…``: the view reads each name once, in no order. A location
    (``lat``/``lon``) or anything else is left to Django.
    """
    pairs = _unique_pairs(query)
    if pairs is None or not {name for name, _value in pairs} <= LOOKUP_PARAMETERS:
        return None
    if ("fragment", "1") not in pairs:
        return None
    return urlencode(sorted(_as_district(pairs)))


def _as_district(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A ZIP that lies in one district is stored as that district's answer.

    The answer shows the district's officials, their offices nearest the district and
    a link back by district, never the ZIP: one copy then serves every ZIP of the
    district (about 440 copies for 33,000 ZIPs). A split ZIP (the choice between its
    districts), an unknown one or a typo keeps its own key.
    """
    names = {name for name, _value in pairs}
    if "zip" not in names or not names <= {"zip", "fragment", "for"}:
        return pairs
    result = lookup_zip(dict(pairs)["zip"])
    if result.status != OK:
        return pairs
    seat = result.match.seat
    rest = [(name, value) for name, value in pairs if name != "zip"]
    return [*rest, ("state", seat.state), ("district", str(seat.district))]


def _languages() -> set[str]:
    """What ``get_language_from_request`` may answer: a code of LANGUAGES, or LANGUAGE_CODE."""
    return {code for code, _name in settings.LANGUAGES} | {settings.LANGUAGE_CODE}


def page_forget(*paths: str) -> None:
    """Drop the stored copies of these paths, for every scheme and language."""
    languages = _languages()
    cache.delete_many(
        [
            _key(path, scheme, language)
            for path in paths
            if path
            for scheme in SCHEMES
            for language in languages
        ]
    )


def _varies_only_on_honoured_headers(response) -> bool:
    names = {name.strip().lower() for name in cc_delim_re.split(response.get("Vary", ""))}
    return names - {""} <= HONOURED_VARY


class FastPageMiddleware:
    """Store opted-in responses, with their final headers, for the WSGI layer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self._storable(request, response):
            # Content-Length is set afresh when serving; everything else is kept as sent.
            headers = [(k, v) for k, v in response.items() if k.lower() != "content-length"]
            timeout = getattr(response, "fast_page_timeout", None)
            local = getattr(response, "fast_page_local_seconds", 0)
            visit = getattr(response, "fast_page_visit", None)
            status = f"{response.status_code} {response.reason_phrase}"
            stored = (status, headers, response.content, local, visit)
            cache.set(_request_key(request), stored, timeout)
        return response

    @staticmethod
    def _query_storable(view_name: str, query: str | None) -> bool:
        if not query:
            return True
        return view_name == LOOKUP_PAGE and lookup_query(query) is not None

    def _storable(self, request, response) -> bool:
        match = getattr(request, "resolver_match", None)
        if not (
            getattr(response, "fast_page", False)
            and match is not None
            and match.view_name in FAST_PAGES
            and request.method == "GET"
            and self._query_storable(match.view_name, request.META.get("QUERY_STRING"))
            and response.status_code in _STORABLE_STATUSES
            and not response.cookies
            and not response.streaming
            and _varies_only_on_honoured_headers(response)
        ):
            return False
        # The language of the key must be the one the response was made for.
        language = get_language_from_request(request)
        return response.get("Content-Language", language) == language


def _csrf_secret() -> str:
    """A CSRF secret as Django makes them: CSRF_SECRET_LENGTH characters of CSRF_ALLOWED_CHARS.

    From one read of the system's random source, unbiased: a byte counts only if it
    falls under the largest multiple of the alphabet's size.
    """
    alphabet = CSRF_ALLOWED_CHARS
    limit = 256 - 256 % len(alphabet)
    chars: list[str] = []
    while len(chars) < CSRF_SECRET_LENGTH:
        chars += [alphabet[b % len(alphabet)] for b in secrets.token_bytes(48) if b < limit]
    return "".join(chars[:CSRF_SECRET_LENGTH])


class _MetaOnly:
    """A request without cookies, as ``CsrfViewMiddleware.process_response`` reads one (its
    ``META`` only; ``CSRF_USE_SESSIONS``, which reads more, turns the layer off)."""

    def __init__(self):
        self.META = {}


def _unused_get_response(request):  # the middleware here are called method by method
    raise AssertionError("not called")


def _may_answer() -> bool:
    """Whether Django's answer for a stored path depends only on what the key holds."""
    return not (
        settings.PREPEND_WWW
        or settings.DISALLOWED_USER_AGENTS
        or settings.CSRF_USE_SESSIONS
        or is_language_prefix_patterns_used(settings.ROOT_URLCONF)[0]
        or not fast_layers_checked()
    )


class FastPageApp:
    """WSGI wrapper: serve stored pages, pass everything else to Django."""

    def __init__(self, application, view_names: tuple[str, ...] = FAST_PAGES):
        self.application = application
        routes = [route(name) for name in view_names] if _may_answer() else []
        self.routes = [r for r in routes if r is not None]
        # The campaign page, whose landings from a post or a friend set the first-touch cookie.
        self.landing = next((r for r in self.routes if r.view_name == LANDING_PAGE), None)
        # The lookup fragment, whose copies are stored per query.
        self.lookup = next((r for r in self.routes if r.view_name == LOOKUP_PAGE), None)
        self.security = SecurityMiddleware(_unused_get_response)
        self.csrf = CsrfViewMiddleware(_unused_get_response)
        self._keys_without_cookies: dict[tuple, str | None] = {}
        # key -> (until, answer): copies this process may serve without the cache.
        self._local: dict[str, tuple[float, tuple]] = {}
        # key -> until: pages Django just declined to store, not asked for again till then.
        self._no_copy: dict[str, float] = {}
        # query string -> (officials snapshot, lookup_query's answer for it then).
        self._lookup_queries: dict[str, tuple[object, str | None]] = {}
        # (page key, query) -> (until, landing headers) for landings without cookies.
        self._first_touches: dict[tuple[str, str], tuple[float, tuple]] = {}
        # (until, placeholder secret, Set-Cookie headers) of the CSRF cookie.
        self._csrf_template: tuple[float, str, list[str]] | None = None
        self._forget_keys()
        setting_changed.connect(self._forget_keys)

    def _forget_keys(self, **kwargs) -> None:
        self._keys_without_cookies.clear()
        self._local.clear()
        self._no_copy.clear()
        self._lookup_queries.clear()
        self._first_touches.clear()
        self._csrf_template = None
        proxy = settings.SECURE_PROXY_SSL_HEADER
        self._deciding = _DECIDING_ENVIRON + ((proxy[0],) if proxy else ())

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        if method in ("GET", "HEAD"):
            query = environ.get("QUERY_STRING")
            if not query:
                key = self._key_for(environ)
                stored = self._stored(key) if key is not None else None
            else:
                stored = self._lookup(environ, query) or self._landing(environ)
            if stored is not None:
                status, headers, body, visit = stored
                if visit is not None:  # a short link: each tap is counted, here as in the view
                    source_visit_count(source_id=visit)
                    source_visits_flush_due()
                start_response(status, [*headers, ("Content-Length", str(len(body)))])
                return [] if method == "HEAD" else [body]
        return self.application(environ, start_response)

    def _stored(self, key: str) -> tuple[str, list, bytes, int | None] | None:
        """(status, headers, body, visit) under ``key``: a fresh local copy, or the cache's."""
        local = self._local.get(key)
        if local is not None and local[0] > _now():
            return local[1]
        stored = cache.get(key)
        if stored is None:
            return None
        status, headers, body, local_seconds, visit = stored
        answer = (status, headers, body, visit)
        if local_seconds:
            if len(self._local) >= _LOCAL_SIZE:
                self._local.clear()
            self._local[key] = (_now() + local_seconds, answer)
        return answer

    def _key_for(self, environ) -> str | None:
        """The key of the stored copy Django would answer this request with, or None."""
        if "HTTP_COOKIE" in environ:
            return self._key_for_environ(environ)
        deciding = tuple(map(environ.get, self._deciding))
        try:
            return self._keys_without_cookies[deciding]
        except KeyError:
            pass
        key = self._key_for_environ(environ)
        if len(self._keys_without_cookies) >= _MEMO_SIZE:
            self._keys_without_cookies.clear()
        self._keys_without_cookies[deciding] = key
        return key

    def _lookup(self, environ, query: str) -> tuple[str, list, bytes, None] | None:
        """The stored lookup fragment for this query, or None."""
        if self.lookup is None or self.lookup.match_environ(environ) is None:
            return None
        stored_query = self._lookup_query(query)
        if stored_query is None:
            return None
        # Whether Django would answer from a copy does not depend on the query: the
        # memo of the bare path's answer serves the lookup's too.
        key = self._key_for(environ)
        return self._stored(f"{key}?{stored_query}") if key is not None else None

    def _lookup_query(self, query: str) -> str | None:
        """``lookup_query``, remembered per query string while the officials data stays.

        Finding a ZIP's district and re-encoding the query cost 26 µs, twice what
        serving the copy costs; a crowd asks for the same ZIPs over and over.
        """
        snapshot = current_snapshot()
        known = self._lookup_queries.get(query)
        if known is not None and known[0] is snapshot:
            return known[1]
        stored_query = lookup_query(query)
        if len(self._lookup_queries) >= _MEMO_SIZE:
            self._lookup_queries.clear()
        self._lookup_queries[query] = (snapshot, stored_query)
        return stored_query

    def _landing(self, environ) -> tuple[str, list, bytes, None] | None:
        """The stored page and its first-touch cookie for a ``?src=``/``?r=`` landing, or None."""
        if self.landing is None:
            return None
        found = self.landing.match_environ(environ)
        if found is None:
            return None  # not the campaign page: no query to read
        pairs = _unique_pairs(environ.get("QUERY_STRING", ""))
        if pairs is None or not {name for name, _value in pairs} <= LANDING_PARAMETERS:
            return None  # something Django may answer otherwise
        if "HTTP_COOKIE" in environ:
            request = self._checked_request(environ)
            key = _page_key(request) if request is not None else None
        else:  # a crowd's first tap: decided from memory, as for the bare page
            request, key = None, self._key_for(environ)
        if key is None:
            return None
        stored = self._stored(key)
        if stored is None and self._no_copy.get(key, 0.0) <= _now():
            # Landings never store a copy (they set a cookie): have Django make the bare
            # page's, once, so the rest of the crowd is answered here. A page Django does
            # not store (a 404, a draft) is not asked for again for a second, so a landing
            # there costs Django one request, not two.
            self._fill(environ)
            stored = self._stored(key)
            if stored is None:
                if len(self._no_copy) >= _MEMO_SIZE:
                    self._no_copy.clear()
                self._no_copy[key] = _now() + 1.0
        if stored is None:
            return None
        status, headers, body, _visit = stored
        named = {k.lower(): v for k, v in headers}
        first_touch = self._first_touch(
            environ, request, key, found["slug"], named.get("cache-control", ""), named.get("vary")
        )
        if first_touch is None:
            return None
        cache_control, vary, cookies = first_touch
        replaced = {"cache-control": cache_control, "vary": vary}
        headers = [(name, replaced.get(name.lower(), value)) for name, value in headers]
        if vary and "vary" not in named:
            headers.append(("Vary", vary))
        # As Django's WSGI handler adds them: after the response's own headers.
        return status, [*headers, *cookies], body, None

    def _first_touch(self, environ, request, key, slug, cache_control, vary):
        """(Cache-Control, Vary, Set-Cookie headers) of a landing, as Django makes them.

        ``first_touch_answer`` is the view's own code, and ``CsrfViewMiddleware`` sets
        the CSRF cookie it may ask for. Without cookies the answer depends only on the
        page's key and the query, but for the CSRF cookie, a new secret for each fan:
        the rest is remembered for a second, the resolution of the signed value's
        timestamp (the value names the post or the friend, never the fan, so every fan
        from that post gets the same one). Signing it and reversing the cookie's path
        cost 130 µs, half of a landing. A fan with cookies may have a first touch or a
        CSRF cookie already: asked afresh.
        """
        memo_key = (key, environ.get("QUERY_STRING", ""))
        cookieless = "HTTP_COOKIE" not in environ
        if cookieless:
            known = self._first_touches.get(memo_key)
            if known is not None and known[0] > _now():
                cache_control, vary, cookies, wants_csrf = known[1]
                csrf = self._new_csrf_cookie() if wants_csrf else []
                return cache_control, vary, cookies + csrf
            request = self._checked_request(environ)
            if request is None:
                return None
        answer = HttpResponse()
        answer["Cache-Control"] = cache_control
        if vary:
            answer["Vary"] = vary
        first_touch_answer(request, answer, slug)
        self.csrf.process_response(request, answer)
        csrf_name = settings.CSRF_COOKIE_NAME
        cookies = [(name, morsel.output(header="")) for name, morsel in answer.cookies.items()]
        first = [("Set-Cookie", value) for name, value in cookies if name != csrf_name]
        csrf = [("Set-Cookie", value) for name, value in cookies if name == csrf_name]
        made = (answer["Cache-Control"], answer.get("Vary"), first, bool(csrf))
        if cookieless:
            if len(self._first_touches) >= _MEMO_SIZE:
                self._first_touches.clear()
            self._first_touches[memo_key] = (_now() + 1.0, made)
        return made[0], made[1], first + csrf

    def _new_csrf_cookie(self) -> list[tuple[str, str]]:
        """A new fan's CSRF cookie, set by Django's own middleware.

        ``get_token`` would make the secret, and a masked token this answer does not
        send, with one ``urandom`` call per character: 150 µs, five times the rest of
        a landing. The secret is the same kind (``_csrf_secret``); what ``get_token``
        then leaves in ``META`` for the middleware is set the same way, and the header
        the middleware writes is kept a second, with each fan's secret put in it.
        """
        now = _now()
        if self._csrf_template is None or self._csrf_template[0] <= now:
            placeholder = _csrf_secret()
            request = _MetaOnly()
            request.META["CSRF_COOKIE"] = placeholder
            request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
            answer = HttpResponse()
            self.csrf.process_response(request, answer)
            made = [morsel.output(header="") for morsel in answer.cookies.values()]
            # The middleware's header, remade each second (its Expires), the value swapped
            # for each fan: a secret is letters and digits, which a cookie holds unquoted.
            self._csrf_template = (now + 1.0, placeholder, made)
        _until, placeholder, made = self._csrf_template
        secret = _csrf_secret()
        return [("Set-Cookie", header.replace(placeholder, secret)) for header in made]

    def _fill(self, environ) -> None:
        """Ask Django for the page without the query string, which stores its copy."""
        bare = {**environ, "QUERY_STRING": "", "REQUEST_METHOD": "GET", "wsgi.input": io.BytesIO()}
        result = self.application(bare, lambda status, headers, exc_info=None: None)
        try:
            for _chunk in result:
                pass
        finally:
            if hasattr(result, "close"):
                result.close()

    def _key_for_environ(self, environ) -> str | None:
        if not any(r.match_environ(environ) is not None for r in self.routes):
            return None  # not a page this layer stores
        request = self._checked_request(environ)
        return _page_key(request) if request is not None else None

    def _checked_request(self, environ):
        """A request for ``environ``, if Django would answer it from the stored copy; else None."""
        # A copy of the environ: the request and the CSRF check write into META.
        request = WSGIRequest(dict(environ))
        try:
            request.get_host()
        except DisallowedHost:
            return None  # Django answers 400
        if self.security.process_request(request) is not None:
            return None  # Django redirects to https
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None  # the session middleware may answer with a Set-Cookie
        self.csrf.process_request(request)
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return None  # a malformed CSRF cookie: Django sends a new one
        return request
