"""Reads for campaigns: what the public and staff may see."""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404

from takeaction.campaigns.models import Campaign, CampaignImage, RetiredSlug, Source
from takeaction.core.local_copies import LocalCopies

_ROW_KEY = "campaign-row:v1:{slug}"
# The rows the action paths read, kept a second in each process (core.local_copies).
_ROWS = LocalCopies()
ROW_LOCAL_SECONDS = 1.0


def campaign_row_key(slug: str) -> str:
    return _ROW_KEY.format(slug=slug)


def campaign_rows_forget(*slugs: str) -> None:
    """Drop the cached rows of these slugs (after an edit; see ``signals``)."""
    keys = [campaign_row_key(slug) for slug in slugs if slug]
    _ROWS.forget(*keys)
    cache.delete_many(keys)


def campaign_get_public(*, slug: str) -> Campaign:
    """Return a live or closed campaign with everything its page shows, or raise Http404."""
    campaign = Campaign.objects.for_page().filter(slug=slug).first()
    if campaign is None or not campaign.is_public:
        raise Http404("No public campaign with that address.")
    return campaign


def campaign_get_for_action(*, slug: str) -> Campaign:
    """Return a live or closed campaign without its related rows, for the action paths.

    The row is kept in the cache like the page (edits drop it), so an action POST
    does not spend a query on it: that path is bound by per-request cost. Each
    process keeps it a second more (an edit reaches every process within a second).
    The instance is shared by that second's requests: they only read it.
    """
    key = campaign_row_key(slug)
    campaign = _ROWS.get(key)
    if campaign is not None:
        return campaign
    campaign = cache.get(key)
    if campaign is None:
        # With its translations: the action paths answer in the version the fan reads.
        campaign = Campaign.objects.prefetch_related("translations").filter(slug=slug).first()
        # Only public rows: a draft read just before it is published must not be
        # cached over the publish (fans would get a 404 until it expired).
        if campaign is not None and campaign.is_public:
            cache.set(key, campaign, settings.CAMPAIGN_PAGE_CACHE_SECONDS)
    if campaign is not None and campaign.is_public:
        _ROWS.put(key, campaign, ROW_LOCAL_SECONDS)
    if campaign is None or not campaign.is_public:
        raise Http404("No public campaign with that address.")
    return campaign


def campaign_moved_to(*, slug: str) -> str | None:
    """The current slug of a public campaign that had ``slug`` before it changed, if any."""
    found = RetiredSlug.objects.select_related("campaign").filter(slug=slug).first()
    if found is None or not found.campaign.is_public:
        return None
    return found.campaign.slug


def campaign_get_for_preview(*, slug: str) -> Campaign:
    """Return a campaign in any status (staff preview), or raise Http404."""
    campaign = Campaign.objects.for_page().filter(slug=slug).first()
    if campaign is None:
        raise Http404("No campaign with that address.")
    return campaign


def campaign_list_live() -> list[Campaign]:
    """Return live campaigns, newest first, for the home page."""
    return list(Campaign.objects.live().select_related("organization").order_by("-created_at"))


_LINK_KEY = "source-link:v1:{code}"


def source_get_for_link(*, code: str) -> tuple[int, str] | None:
    """Return (source id, campaign slug) for a live or closed campaign's short link, or None.

    Kept in the cache like the campaign row: a tap on a star's story link costs no
    query. Only public links are kept, so a draft published later answers at once.
    """
    key = _LINK_KEY.format(code=code)
    found = cache.get(key)
    if found is None:
        source = Source.objects.select_related("campaign").filter(code=code).first()
        if source is None or not source.campaign.is_public:
            return None
        found = (source.id, source.campaign.slug)
        cache.set(key, found, settings.CAMPAIGN_PAGE_CACHE_SECONDS)
    return found


def campaign_image_jpeg(*, campaign) -> bytes | None:
    """The campaign's re-encoded image, or None when it has none."""
    if not campaign.image_version:
        return None
    row = CampaignImage.objects.filter(campaign=campaign).values_list("jpeg", flat=True).first()
    return bytes(row) if row is not None else None
