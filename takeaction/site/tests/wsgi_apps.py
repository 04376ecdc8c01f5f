"""WSGI helpers for the fast layers' equivalence tests."""

from django.core.handlers.wsgi import WSGIHandler


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
