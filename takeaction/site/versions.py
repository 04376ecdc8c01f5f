"""Which language version of a campaign a request is answered with.

A language prefix in the address (``/es/c/<slug>/``, ``core/language_paths.py``)
chooses it; otherwise the language Django picks for the request (the browser's
``Accept-Language``) does, if the campaign has a version in it; otherwise the
campaign's own language. The choice is a function of what the fast layer keys its
stored copies by (the path, prefix included, and Django's language), so a stored
page is always the version the request would get from Django.
"""

import functools
from collections.abc import Callable

from django.conf import settings
from django.utils.translation import get_language_from_request

from takeaction.core.language import in_language
from takeaction.core.language_paths import mounted_language, path_in


def campaign_version(request, campaign):
    """``campaign`` as this request reads it (``Campaign.in_version``)."""
    wanted = mounted_language(request) or get_language_from_request(request)
    return campaign.in_version(wanted)


def for_version_of(load: Callable, *, kwarg: str = "slug"):
    """Decorate a view: load its campaign from the URL, pick the version, speak its language.

    ``load(slug=...)`` returns the campaign or raises Http404; the view is called as
    ``view(request, version, **other_url_kwargs)``, inside the version's language.
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            version = campaign_version(request, load(**{kwarg: kwargs.pop(kwarg)}))
            with in_language(version):
                return view(request, version, *args, **kwargs)

        return wrapper

    return decorate


def version_links(request, campaign, *, keep_query: bool = False) -> list[dict]:
    """The switch between a campaign's versions: this page's address in each language.

    Empty for a campaign in one language only. The current version is marked. The
    query is kept only where asked (a lookup page): a page stored for everyone must
    not carry the first visitor's ``?src=``.
    """
    original = campaign.version_of or campaign
    languages = original.version_languages()
    if len(languages) < 2:
        return []
    names = dict(settings.LANGUAGES)
    path = request.path_info  # without the language prefix (and any other mount)
    query = request.META.get("QUERY_STRING", "") if keep_query else ""
    return [
        {
            "language": code,
            "name": names.get(code, code),
            "url": path_in(code, path) + (f"?{query}" if query else ""),
            "current": code == campaign.language,
        }
        for code in languages
    ]
