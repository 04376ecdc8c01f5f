"""WSGI helpers for the fast layers' equivalence tests."""

import http.cookies

from django.core.handlers.wsgi import WSGIHandler


def comparable_headers(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Headers in any order, with what differs per request or means nothing taken out.

    A cookie's value (random, or signed with the time) and its Expires; the order of
    the names in ``Vary`` and of the directives of ``Content-Security-Policy``.
    """
    out = []
    for name, value in headers:
        if name == "Set-Cookie":
            morsel = next(iter(http.cookies.SimpleCookie(value).values()))
            attrs = sorted((k, v) for k, v in morsel.items() if v and k != "expires")
            value = f"{morsel.key}: {attrs}"
        elif name == "Vary":
            value = ", ".join(sorted(part.strip() for part in value.split(",")))
        elif name == "Content-Security-Policy":
            value = "; ".join(sorted(value.split("; ")))
        out.append((name, value))
    return sorted(out)


class CountingDjango:
    """Django's WSGI handler, counting the requests that reach it."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


def layered(layer_class):
    """A fast layer around a counting Django, built under the settings of the moment
    (the middleware read them once)."""
    django_app = CountingDjango()
    return layer_class(django_app), django_app
