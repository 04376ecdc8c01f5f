"""Reads for campaigns: what the public and staff may see."""

from django.http import Http404

from .models import Campaign


def campaign_get_public(*, slug: str) -> Campaign:
    """Return a live or closed campaign with everything its page shows, or raise Http404."""
    campaign = Campaign.objects.for_page().filter(slug=slug).first()
    if campaign is None or not campaign.is_public:
        raise Http404("No public campaign with that address.")
    return campaign


def campaign_get_for_action(*, slug: str) -> Campaign:
    """Return a live or closed campaign without the page's related rows (one query)."""
    campaign = Campaign.objects.filter(slug=slug).first()
    if campaign is None or not campaign.is_public:
        raise Http404("No public campaign with that address.")
    return campaign


def campaign_get_for_preview(*, slug: str) -> Campaign:
    """Return a campaign in any status (staff preview), or raise Http404."""
    campaign = Campaign.objects.for_page().filter(slug=slug).first()
    if campaign is None:
        raise Http404("No campaign with that address.")
    return campaign


def campaign_list_live() -> list[Campaign]:
    """Return live campaigns, newest first, for the home page."""
    return list(Campaign.objects.live().select_related("organization").order_by("-created_at"))
