"""The rendered public campaign page, kept in the cache between edits.

Rendering a template costs ~2 ms of CPU here (shared performance notes), far more
than answering from the cache, so the page is rendered once per edit and served
as bytes until something it shows changes.

A page is kept per campaign, per language it is read in and per language prefix
of its address (its links carry the prefix): the request decides both, as
``versions.campaign_version`` does.
"""

from django.conf import settings
from django.core.cache import cache
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language_from_request

from takeaction.core.language_paths import mounted_language, path_in
from takeaction.site.fastpage import page_forget

_KEY = "campaign-page:v2:{slug}:{language}:{prefix}"


def page_cache_key(slug: str, language: str, prefix: str | None) -> str:
    return _KEY.format(slug=slug, language=language, prefix=prefix or "")


def _request_key(request, slug: str) -> str:
    prefix = mounted_language(request)
    return page_cache_key(slug, prefix or get_language_from_request(request), prefix)


def page_cache_get(request, slug: str) -> str | None:
    return cache.get(_request_key(request, slug))


def page_cache_set(request, slug: str, html: str) -> None:
    cache.set(_request_key(request, slug), html, settings.CAMPAIGN_PAGE_CACHE_SECONDS)


def _every_key(slug: str) -> list[str]:
    """Each language unprefixed (as the browser picks it), and each under its own prefix."""
    languages = [code for code, _name in settings.LANGUAGES]
    return [
        page_cache_key(slug, language, prefix)
        for language in languages
        for prefix in (None, language)
    ]


def page_cache_forget(*slugs: str) -> None:
    """Drop the cached pages of these slugs, rendered and whole, in every language (an edit)."""
    slugs = [slug for slug in slugs if slug]
    cache.delete_many([key for slug in slugs for key in _every_key(slug)])
    page_forget(*(path for slug in slugs for path in _every_path(slug)))


def _every_path(slug: str) -> list[str]:
    """The page's address under every language prefix (and none), whatever this request's."""
    languages = [code for code, _name in settings.LANGUAGES]
    script = get_script_prefix()  # "/" or "/es/", or where the site is mounted
    mount = script.rstrip("/")
    for language in languages:
        mount = mount.removesuffix(f"/{language}")
    path = reverse("site:detail", kwargs={"slug": slug})[len(script) - 1 :]
    return [mount + path_in(language, path) for language in (None, *languages)]


def page_cache_forget_on_change(sender, *, slugs, **kwargs) -> None:
    """Receive ``core.events.campaign_pages_changed``."""
    page_cache_forget(*slugs)
