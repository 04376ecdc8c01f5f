"""The rendered public campaign page, kept in the cache between edits.

Rendering a template costs ~2 ms of CPU here (shared performance notes), far more
than answering from the cache, so the page is rendered once per edit and served
as bytes until something it shows changes.
"""

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from takeaction.site.fastpage import page_forget

_KEY = "campaign-page:v1:{slug}"


def page_cache_key(slug: str) -> str:
    return _KEY.format(slug=slug)


def page_cache_get(slug: str) -> str | None:
    return cache.get(page_cache_key(slug))


def page_cache_set(slug: str, html: str) -> None:
    cache.set(page_cache_key(slug), html, settings.CAMPAIGN_PAGE_CACHE_SECONDS)


def page_cache_forget(*slugs: str) -> None:
    """Drop the cached pages of these slugs, rendered and whole (after an edit)."""
    slugs = [slug for slug in slugs if slug]
    cache.delete_many([page_cache_key(slug) for slug in slugs])
    page_forget(*(reverse("site:detail", kwargs={"slug": slug}) for slug in slugs))


def page_cache_forget_on_change(sender, *, slugs, **kwargs) -> None:
    """Receive ``core.events.campaign_pages_changed``."""
    page_cache_forget(*slugs)
