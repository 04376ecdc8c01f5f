"""Every address also under a language: ``/es/c/<slug>/`` is ``/c/<slug>/`` read in Spanish.

A campaign's address does not change with its language: ``/c/<slug>/`` shows the
version in the fan's browser language (``Accept-Language``), if the campaign has
one. To choose a version by hand, or to share it, the same pages answer under a
language prefix (``/en/…``, ``/es/…``, one per ``settings.LANGUAGES``).

The prefix is moved from the path into ``SCRIPT_NAME``, the WSGI field that says
where an application is mounted. Django then resolves the rest of the path as
ever, and every address it builds while answering (``reverse``, ``{% url %}``,
redirects) carries the prefix, so a fan who chose Spanish stays in Spanish from
page to page. The request's ``Accept-Language`` becomes the prefix's language, so
the language Django picks for it (and so ``Content-Language``, and the key of the
fast layer's stored copy, which also holds the whole path) is that one.

``LanguagePathsApp`` does this outermost in ``config/wsgi.py``, before the fast
layers; ``LanguagePathsMiddleware`` does it for requests that did not come through
it (Django's test client). Both call ``mount_language``, which does it once.

Django's own ``i18n_patterns`` was not used: it gives the default language no
prefix and then ignores ``Accept-Language`` on unprefixed addresses, so a fan's
browser language could never pick the version, and a story link would need a
redirect per language.
"""

from django.conf import settings
from django.core.handlers.wsgi import get_script_name
from django.urls import get_script_prefix, set_script_prefix

# The environ key saying which language prefix a request came under (and that it was moved).
MOUNTED = "takeaction.language"


def mount_language(environ) -> str | None:
    """Move a leading ``/<language>`` from ``PATH_INFO`` to ``SCRIPT_NAME``; return it.

    Returns None for a path without one. Safe to call twice on one environ.
    """
    if MOUNTED in environ:
        return environ[MOUNTED]
    path = environ.get("PATH_INFO", "")
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}"
        if path == prefix or path.startswith(prefix + "/"):
            environ["PATH_INFO"] = path[len(prefix) :] or "/"
            environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "").rstrip("/") + prefix
            environ["HTTP_ACCEPT_LANGUAGE"] = code
            environ[MOUNTED] = code
            return code
    environ[MOUNTED] = None
    return None


def mounted_language(request) -> str | None:
    """The language prefix the request came under, or None."""
    return request.META.get(MOUNTED)


def path_in(language: str | None, path: str) -> str:
    """``path`` (an address without a prefix) under ``language``'s prefix (None: none)."""
    return f"/{language}{path}" if language else path


def unprefixed(request) -> str:
    """The request's path without its language prefix (and without any other mount)."""
    return request.path_info


class LanguagePathsApp:
    """WSGI: answer ``/<language>/…`` as ``…`` mounted at ``/<language>``."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        mount_language(environ)
        # Django's handler sets this too, but the fast layers answer before it: an address
        # they build must not carry the prefix of this thread's previous request.
        set_script_prefix(get_script_name(environ))
        return self.application(environ, start_response)


class LanguagePathsMiddleware:
    """The same for a request built before it was mounted (Django's test client)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if MOUNTED in request.META:
            return self.get_response(request)
        if mount_language(request.META) is None:
            return self.get_response(request)
        # request.path already holds the prefix; the rest is what Django resolves.
        request.path_info = request.META["PATH_INFO"]
        before = get_script_prefix()
        set_script_prefix(request.META["SCRIPT_NAME"] + "/")
        try:
            return self.get_response(request)
        finally:
            set_script_prefix(before)
