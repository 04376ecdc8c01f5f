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

import threading

from django.conf import settings
from django.core.handlers.wsgi import get_script_name
from django.core.signals import setting_changed
from django.urls import get_script_prefix, set_script_prefix

# The environ key saying which language prefix a request came under (and that it was moved).
MOUNTED = "takeaction.language"

_codes: frozenset[str] | None = None


def _language_codes() -> frozenset[str]:
    global _codes
    if _codes is None:
        _codes = frozenset(code for code, _name in settings.LANGUAGES)
    return _codes


def _forget_codes(*, setting, **kwargs) -> None:
    global _codes
    if setting == "LANGUAGES":
        _codes = None


setting_changed.connect(_forget_codes)


def mount_language(environ) -> str | None:
    """Move a leading ``/<language>`` from ``PATH_INFO`` to ``SCRIPT_NAME``; return it.

    Returns None for a path without one. Safe to call twice on one environ.
    """
    if MOUNTED in environ:
        return environ[MOUNTED]
    path = environ.get("PATH_INFO", "")
    end = path.find("/", 1)
    code = path[1:end] if end > 0 else path[1:]
    if code not in (_codes or _language_codes()) or path[:1] != "/":
        environ[MOUNTED] = None
        return None
    environ["PATH_INFO"] = path[len(code) + 1 :] or "/"
    environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "").rstrip("/") + "/" + code
    environ["HTTP_ACCEPT_LANGUAGE"] = code
    environ[MOUNTED] = code
    return code


def mounted_language(request) -> str | None:
    """The language prefix the request came under, or None."""
    return request.META.get(MOUNTED)


def path_in(language: str | None, path: str) -> str:
    """``path`` (an address without a prefix) under ``language``'s prefix (None: none)."""
    return f"/{language}{path}" if language else path


class _Thread(threading.local):
    # The script name this thread's prefix was last set to for a mounted request, or
    # None. A class default: getattr() with a default costs 0.5 µs when it is missing.
    mounted = None


class LanguagePathsApp:
    """WSGI: answer ``/<language>/…`` as ``…`` mounted at ``/<language>``."""

    def __init__(self, application):
        self.application = application
        self._thread = _Thread()

    def __call__(self, environ, start_response):
        # Django's handler sets the script prefix for each request it answers, but the
        # fast layers answer before it, and an answer they build (a refusal's links)
        # must carry this request's prefix, not the last /es/ request's on this thread.
        # Set only on a change: the prefix lives in an asgiref Local, and setting it on
        # every request cost the crowd's cached page 4 µs (bench/language_paths.py).
        thread = self._thread
        if mount_language(environ) is not None:
            script_name = get_script_name(environ)
            if thread.mounted != script_name:
                set_script_prefix(script_name)
                thread.mounted = script_name
        elif thread.mounted is not None:
            set_script_prefix(get_script_name(environ))
            thread.mounted = None
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
