"""Answer cached public pages before Django's request stack.

A cached campaign page still cost ~235 µs of CPU per request inside Django
(middleware, URL resolving, signals), about a tenth of what a bare WSGI callable
serves on this machine class (bench/campaign_page.py). Pages that hold nothing
per visitor are therefore stored whole, with the headers every middleware added,
and the WSGI layer answers later GET and HEAD requests for the same path from
that copy without entering Django at all.

A view opts in by setting ``response.fast_page = True``; ``FastPageMiddleware``
(outermost) stores such responses; ``page_forget(path)`` drops one after an edit.
Requests with a query string always go through Django.
"""

from django.core.cache import cache

_KEY = "fast-page:v1:{path}"
_STORABLE_STATUS = 200


def _key(path: str) -> str:
    return _KEY.format(path=path)


def page_forget(*paths: str) -> None:
    """Drop the stored copies of these paths."""
    cache.delete_many([_key(path) for path in paths if path])


class FastPageMiddleware:
    """Store opted-in responses, with their final headers, for the WSGI layer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            getattr(response, "fast_page", False)
            and request.method == "GET"
            and not request.META.get("QUERY_STRING")
            and response.status_code == _STORABLE_STATUS
            and not response.cookies
            and not response.streaming
        ):
            # Content-Length is set afresh when serving; everything else is kept as sent.
            headers = [(k, v) for k, v in response.items() if k.lower() != "content-length"]
            timeout = getattr(response, "fast_page_timeout", None)
            cache.set(_key(request.path), (headers, response.content), timeout)
        return response


class FastPageApp:
    """WSGI wrapper: serve stored pages, pass everything else to Django."""

    def __init__(self, application, prefixes: tuple[str, ...] = ("/c/",)):
        self.application = application
        self.prefixes = prefixes

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        path = environ.get("PATH_INFO", "")
        if (
            method in ("GET", "HEAD")
            and not environ.get("QUERY_STRING")
            and path.startswith(self.prefixes)
        ):
            stored = cache.get(_key(path))
            if stored is not None:
                headers, body = stored
                start_response("200 OK", [*headers, ("Content-Length", str(len(body)))])
                return [] if method == "HEAD" else [body]
        return self.application(environ, start_response)
