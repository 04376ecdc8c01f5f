"""Run code, or a whole view, in the language of the thing it shows (a campaign).

A campaign's pages speak its language whatever the browser asks for, and so must
everything its views build: refusal messages, lookups, letters and their PDFs. A
view decorated with ``in_language_of`` runs entirely in that language, so none of
the functions it calls needs to switch again.
"""

import functools
from collections.abc import Callable

from django.utils import translation


def in_language(obj):
    """Return a context manager that switches to ``obj.language`` while it is open."""
    return translation.override(obj.language)


def in_language_of(load: Callable, *, kwarg: str = "slug"):
    """Decorate a view: load its object from the URL and run the whole view in its language.

    ``load(slug=...)`` (or whatever ``kwarg`` names) returns the object or raises
    Http404; the view is called as ``view(request, obj, **other_url_kwargs)``.
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            obj = load(**{kwarg: kwargs.pop(kwarg)})
            with in_language(obj):
                return view(request, obj, *args, **kwargs)

        return wrapper

    return decorate
